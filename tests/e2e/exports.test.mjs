// Export data on the real app and a blank database: the owner registers a member, exports the
// members as .xlsx (a zip, where the app says) and the sales as CSV (two files with a BOM);
// the export is in the audit log. The steps live in data/exports.mjs for issue 15's test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { exportDataset } from './data/exports.mjs';
import { openAuditLog } from './backoffice/records.mjs';

const OWNER = { name: '林店主', pin: '258046' };

describe('exports: members to Excel, sales to CSV, audited', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'exports' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner', async () => {
    await app.createOwner(OWNER);
  });

  step('members-to-excel', async () => {
    const done = await exportDataset(app, { dataset: 'members', format: 'xlsx' });
    assert.match(done.path, /\/exports\/members-\d{4}-\d{2}-\d{2}\.xlsx$/, `named for what and when: ${done.path}`);
    const bytes = fs.readFileSync(done.path);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip');
    assert.equal(done.rows, 0, 'a blank store has no members yet');
    assert.equal(done.masked, false, 'the owner sees everything');
  });

  step('sales-to-csv', async () => {
    const done = await exportDataset(app, { dataset: 'sales', format: 'csv' });
    assert.equal(done.files.length, 2, `lines and payments: ${done.files}`);
    for (const f of done.files) {
      assert.deepEqual([...fs.readFileSync(f).subarray(0, 3)], [0xef, 0xbb, 0xbf], `${f}: UTF-8 with a BOM`);
    }
  });

  step('audited', async () => {
    const rows = await openAuditLog(app, { kind: 'export' });
    assert.equal(rows.length, 2, 'one entry per export');
  });
});
