// Reports (issue 18) on the real app and a blank database: the owner sells a facial (深层清洁
// ¥268) and a cleanser (氨基酸洁面乳 120g ¥128), then refunds the cleanser. The Reports screen's
// day shows revenue ¥268 (the refund nets the cleanser out), 2 sales, average ticket ¥134; the
// revenue line's chart draws the same figure as the table beside it; the top-services table
// exported to CSV opens with its BOM and its Chinese intact.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { addToCart, payCash } from './sell.mjs';
import { chartSeries, exportReportTable, figure, openReports, reportKpi, reportTableRows } from './reports/sales.mjs';

const OWNER = { name: '店主', pin: '258046' };
const CLEANSER = '氨基酸洁面乳 120g';

describe('reports: the day after two sales and a refund', { timeout: 300_000 }, () => {
  let app = null;
  let receipt = null;
  before(async () => {
    app = await launchApp({ name: 'reports' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-demo-shift', async () => {
    await app.createOwner(OWNER);
    await app.loadDemoData(20);
    await app.openShift('500');
  });

  step('two-sales', async () => {
    await app.click('nav-checkout');
    await app.waitVisible('checkout-screen');
    await addToCart(app, 'services', '深层清洁');
    await payCash(app, '300');
    await app.click('sale-new');
    await addToCart(app, 'products', CLEANSER);
    await payCash(app, '128');
    receipt = (await app.text('sale-receipt-no')).trim().match(/[A-Z0-9]+-\d+-\d+/)[0];
    await app.click('sale-new');
  });

  step('refund-the-cleanser', async () => {
    await app.click('nav-sales');
    await app.type('sales-receipt-search', receipt);
    await app.click('sales-receipt-find');
    await app.waitVisible('sale-detail');
    let lastClick = 0;
    await app.waitFor(async () => {
      for (const el of await app.all('refund-line')) {
        if ((await el.getAttribute('data-name')) !== CLEANSER) continue;
        if ((await el.getAttribute('class')).split(/\s+/).includes('selected')) return true;
        if (Date.now() - lastClick > 1000) {
          lastClick = Date.now();
          await el.click();
        }
      }
      return false;
    }, async () => `the refund-line of ${CLEANSER} never showed ticked`);
    await app.click('refund-submit');
    // A refund asks a manager's PIN, the owner's own included.
    await app.waitVisible('approval-dialog');
    await app.chooseByText('approval-manager', OWNER.name);
    await app.type('approval-pin', OWNER.pin);
    await app.click('approval-submit');
    await app.waitVisible('refund-done', 20_000);
  });

  step('the-days-report', async () => {
    await openReports(app, { tab: 'sales', period: 'day' });
    await reportKpi(app, 'revenue', 26_800);
    assert.equal(await reportKpi(app, 'sales'), 2, 'two sales; the refund is not a sale');
    assert.equal(await reportKpi(app, 'avg_ticket'), 13_400, '268 over 2 sales');
    const rows = await reportTableRows(app, 'by_period');
    assert.equal(rows.length, 1, `one day: ${JSON.stringify(rows)}`);
    assert.equal(figure(rows[0][1]), 26_800, `the table's revenue: ${JSON.stringify(rows[0])}`);
    const series = await chartSeries(app, 'by_period');
    assert.deepEqual(series, [[268]], 'the chart draws the table\'s revenue, in yuan');
    const top = await reportTableRows(app, 'top_services');
    assert.equal(top[0][0], '深层清洁', `the facial tops the services: ${JSON.stringify(top)}`);
  });

  step('export-opens-with-chinese', async () => {
    const file = await exportReportTable(app, 'top_services', 'csv');
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM, as Excel wants');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.includes('深层清洁'), `the service's Chinese name intact: ${text}`);
    assert.ok(/项目|Item/.test(text.split('\r\n')[0]), `headers in words: ${text}`);
  });
});
