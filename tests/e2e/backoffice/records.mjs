// Steps on the records an owner looks at, for the back-office end-to-end test: the audit log
// (filtered by kind, staff and dates), past Z reports, and the Sales screen's filters. Each
// takes the harness's App (`launchApp()`'s answer, whose `.driver` is the WebDriver) — or a
// bare WebDriver, wrapped here — logged in as the owner or a manager.
import { App } from '../harness.mjs';

function asApp(driverOrApp) {
  if (driverOrApp instanceof App || typeof driverOrApp?.waitVisible === 'function') return driverOrApp;
  const app = new App({ name: 'records', dataDir: null, dbPath: null });
  app.driver = driverOrApp;
  return app;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the section `testId` has loaded (data-busy="false") after a change. */
async function settled(app, testId) {
  await sleep(250);
  await app.waitFor(
    async () => (await (await app.waitVisible(testId)).getAttribute('data-busy')) === 'false',
    async () => `expected ${testId} to finish loading; saw ${await app.describeTestId(testId)}`,
  );
}

/**
 * Back office → Audit log, filtered as asked (`kind`: an action such as "refund", "staff_added";
 * `staff`: a name; `from`/`to`: YYYY-MM-DD, default: all, newest first). Returns the rows, newest first, as
 * `{ action, staff }` (the raw action name, the staff member's name).
 */
export async function openAuditLog(driver, { kind, staff, from, to } = {}) {
  const app = asApp(driver);
  await app.click('nav-admin');
  await app.click('admin-audit');
  await settled(app, 'audit-admin');
  if (from) await app.setValue('audit-period-from', from);
  if (to) await app.setValue('audit-period-to', to);
  if (staff) await app.chooseByText('audit-staff', staff);
  if (kind) await app.choose('audit-kind', kind);
  await settled(app, 'audit-admin');
  const rows = [];
  for (const row of await app.all('audit-row')) {
    const name = await row.findElement({ css: '[data-testid="audit-staff-name"]' });
    rows.push({ action: await row.getAttribute('data-action'), staff: await app.textOf(name) });
  }
  return rows;
}

/** Audit log → Export CSV (with the filters on screen); returns the path the app wrote. */
export async function exportAuditLog(driver) {
  const app = asApp(driver);
  await app.click('audit-export');
  const shown = await app.waitVisible('audit-exported');
  const text = await app.textOf(shown);
  const path = text.match(/(\/\S+\.csv)/);
  return path ? path[1] : text;
}

/**
 * Back office → Z reports (all, newest first, or `from`/`to`). Returns the closed shifts shown,
 * newest first, as `{ shiftId, text }`; `open: true` also opens the newest one's report and
 * leaves its dialog (`zreport-dialog`, with `z-report-print-receipt` to reprint) on screen.
 */
export async function openPastZReports(driver, { from, to, open = false } = {}) {
  const app = asApp(driver);
  await app.click('nav-admin');
  await app.click('admin-zreports');
  await settled(app, 'zreports-admin');
  if (from) await app.setValue('zreports-period-from', from);
  if (to) await app.setValue('zreports-period-to', to);
  await settled(app, 'zreports-admin');
  const rows = [];
  for (const row of await app.all('zreport-row')) {
    rows.push({ shiftId: await row.getAttribute('data-shift-id'), text: await app.textOf(row) });
  }
  if (open && rows.length) {
    await app.click('zreport-view');
    await app.waitVisible('z-report');
  }
  return rows;
}

/**
 * Sales → filters (owner or manager): `from`/`to` (YYYY-MM-DD), `member` (searched as at the
 * desk, the first hit taken), `staff` (a name) with `staffAs` ("credited" or "cashier"),
 * `item` (a service's or product's name, or "kind:service" / "kind:product"), `payment`
 * (cash, bank_card, wechat_pay, alipay, stored_value, points, package). Returns the receipt
 * numbers listed and the totals: `{ receipts, net (fen), byPayment: { kind: fen } }`.
 */
export async function filterSales(driver, { from, to, member, staff, staffAs, item, payment } = {}) {
  const app = asApp(driver);
  await app.click('nav-sales');
  await app.waitVisible('sales-filters');
  if (from) await app.setValue('sales-period-from', from);
  if (to) await app.setValue('sales-period-to', to);
  if (member) {
    await app.type('sales-filter-member-search', member);
    const hit = await app.waitVisible('picker-result');
    await hit.click();
    await app.waitVisible('sales-filter-member-name');
  }
  if (staff) await app.chooseByText('sales-filter-staff', staff);
  if (staffAs) await app.choose('sales-filter-staff-as', staffAs);
  if (item) {
    if (item.startsWith('kind:')) await app.choose('sales-filter-item', item);
    else await app.chooseByText('sales-filter-item', item);
  }
  if (payment) await app.choose('sales-filter-payment', payment);
  await settled(app, 'sales-list');
  const receipts = [];
  for (const row of await app.all('sale-row')) receipts.push(await row.getAttribute('data-receipt-no'));
  const totals = await app.visible('sales-totals-net');
  const byPayment = {};
  for (const pill of await app.all('sales-totals-payment')) {
    byPayment[await pill.getAttribute('data-kind')] = Number(await pill.getAttribute('data-fen'));
  }
  return { receipts, net: totals ? Number(await totals.getAttribute('data-fen')) : null, byPayment };
}
