// Screenshots of the Reports screen (issue 18): every tab (Sales, Staff, Members, Campaigns,
// Stock, Chain) after three days of sales (the injected test clock moved a day at a time), in
// both languages at 1280×800 and 1024×768, for a person to look at. PNGs are named <lang>-<size>-rNN-….png. Run by screens.mjs
// (SCREENS_PART=reports).
import { endTour, startTour } from './screens-tour.mjs';
import { addToCart, payCash } from './sell.mjs';
import { advanceClock, clockFile } from './care/care.mjs';
import { openReports } from './reports/sales.mjs';
import { openReportTab } from './reports/members.mjs';

/** Credits the last cart line to the `n` first beauticians in the picker (60/40 for two). */
async function credit(app, n) {
  const chips = await app.all('cart-line-staff');
  await chips[chips.length - 1].click();
  const options = await app.all('staff-option');
  for (const o of options.slice(0, n)) await o.click();
  if (n === 2) await app.click('staff-preset-60');
  await app.click('staff-save');
}

/** A day's two sales; `snap` (the first day) shoots the cart of the second one: its line and
 *  member buttons are the 44 px small buttons (.btn-small) a touch screen needs. */
async function sellDay(app, day, snap = null) {
  await app.click('nav-checkout');
  await app.waitVisible('checkout-screen');
  await addToCart(app, 'services', '深层清洁');
  await credit(app, 1);
  await addToCart(app, 'products', '氨基酸洁面乳 120g');
  await payCash(app, '500');
  await app.click('sale-new');
  await addToCart(app, 'services', day % 2 ? '精油全身SPA' : '美白焕肤');
  await credit(app, 2);
  if (snap) await snap();
  await payCash(app, '1000');
  await app.click('sale-new');
}

export async function reportScreens(variant, { shot, setLocale, log }) {
  const zh = variant.lang === 'zh-CN';
  const { app, step } = await startTour('reports', variant, { setLocale, log });
  try {
    await step('setup', async () => {
      await app.createOwner({ name: zh ? '林店主' : 'Lin Mei', pin: '258046' });
      await app.loadDemoData(20);
      await app.openShift('500');
      for (let day = 0; day < 3; day += 1) {
        if (day > 0) advanceClock(clockFile(app), 1);
        await sellDay(app, day, day === 0 ? () => shot(app, variant, 'r00-checkout-cart') : null);
      }
    });
    await step('sales', async () => {
      await openReports(app, { tab: 'sales', period: 'week' });
      await app.waitVisible('chart-by_period', 20_000);
      await shot(app, variant, 'r01-sales-top');
      await shot(app, variant, 'r02-sales-hours', 'report-section-by_hour', 'start');
      await shot(app, variant, 'r03-sales-payment', 'report-section-by_payment', 'start');
      await shot(app, variant, 'r04-sales-top-items', 'report-section-top_services', 'start');
    });
    await step('staff', async () => {
      await openReports(app, { tab: 'staff', period: 'week' });
      await shot(app, variant, 'r05-staff');
      await shot(app, variant, 'r06-commission-statement', 'statement-total', 'end');
      await app.click('export-csv-commission_lines');
      await app.waitVisible('export-file-commission_lines', 20_000);
      await shot(app, variant, 'r07-statement-exported', 'export-file-commission_lines', 'center');
    });
    await step('members', async () => {
      await openReportTab(app, 'members');
      await app.waitVisible('chart-members_tiers', 20_000);
      await shot(app, variant, 'r08-members-top');
      await shot(app, variant, 'r09-members-cohorts', 'report-section-members_cohorts', 'start');
      await shot(app, variant, 'r10-members-rfm', 'report-section-members_rfm', 'start');
      await shot(app, variant, 'r11-members-liability', 'report-section-members_liability', 'end');
    });
    await step('campaigns', async () => {
      await openReportTab(app, 'campaigns');
      await shot(app, variant, 'r12-campaigns');
    });
    await step('stock', async () => {
      await openReportTab(app, 'stock');
      await shot(app, variant, 'r13-stock-top');
      await shot(app, variant, 'r14-stock-products', 'report-section-stock_products', 'start');
    });
    await step('chain', async () => {
      await app.click('reports-tab-chain');
      await app.waitFor(
        async () => (await app.visible('chain-blocked')) ?? (await app.visible('chain-console')) ?? (await app.visible('chain-error')),
        async () => 'expected the chain console, its error or why it is not here',
        20_000,
      );
      await shot(app, variant, 'r15-chain');
    });
  } finally {
    await endTour(app);
  }
}
