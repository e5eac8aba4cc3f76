// Records on the real app and a blank database: the owner opens the drawer (audited), finds it
// in the audit log by kind and not under another kind, exports the log (a CSV with a BOM in
// the data folder's exports/), closes the shift and finds its Z report among the past ones,
// and filters the (empty) sales list. The steps live in backoffice/records.mjs for the
// back-office test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { exportAuditLog, filterSales, openAuditLog, openPastZReports } from './backoffice/records.mjs';

const OWNER = { name: '林店主', pin: '258046' };

describe('records: audit log, its export, past Z reports, sales filters', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'records' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-and-shift', async () => {
    await app.createOwner(OWNER);
    await app.openShift('500');
    await app.click('shift-open-drawer');
    await app.type('drawer-reason', '换零钱');
    await app.click('drawer-submit');
    await app.waitHidden('drawer-dialog');
  });

  step('audit-log-by-kind', async () => {
    const opened = await openAuditLog(app, { kind: 'drawer_open' });
    assert.deepEqual(opened, [{ action: 'drawer_open', staff: OWNER.name }], 'the drawer she opened, by her');
    const refunds = await openAuditLog(app, { kind: 'refund' });
    assert.deepEqual(refunds, [], 'no refund was made');
    await app.waitVisible('audit-empty');
  });

  step('audit-log-export', async () => {
    await app.choose('audit-kind', '');
    const path = await exportAuditLog(app);
    assert.ok(path.includes('/exports/audit-log-'), `written into exports/: ${path}`);
    const bytes = fs.readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM for Excel');
    const text = bytes.toString('utf8');
    assert.ok(text.includes('开钱箱') || text.includes('Drawer opened'), `the drawer opening in words (the UI's language): ${text}`);
  });

  step('past-z-reports', async () => {
    await app.click('nav-shift');
    await app.click('shift-close');
    await app.type('count-cash', '500');
    await app.click('shift-close-submit');
    await app.waitVisible('shift-closed-notice');
    const shifts = await openPastZReports(app, { open: true });
    assert.equal(shifts.length, 1, 'the one shift closed today');
    await app.waitVisible('z-report-print-receipt');
  });

  step('sales-filters', async () => {
    // Esc closes the report's dialog (the dialog listens on the window).
    await app.driver.executeScript("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))");
    await app.waitHidden('zreport-dialog');
    const { receipts, net } = await filterSales(app, { payment: 'cash' });
    assert.deepEqual(receipts, [], 'nothing was sold');
    assert.equal(net, 0, 'so the totals are nought');
    await app.waitVisible('sales-empty');
  });
});
