// Issue 18, the members, campaigns and stock reports on the real app from a blank database: the
// owner adds a service, registers a member and sells her a facial; Reports → Members then shows
// one new and one active member (a till with no chain counts everyone who joined), the tier
// table (one standard member who came) beside its drawn chart, and the liability figures;
// the campaigns and stock tabs answer with their figures; the members tab reads in Chinese too.
// At 1024×768, the smallest screen the app is made for (charts stack above their tables).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { addToCart, payCash } from './sell.mjs';
import { addService } from './backoffice/catalog.mjs';
import { openReportTab, reportChartDrawn, reportKpi, reportRows } from './reports/members.mjs';

/** Waits until the page is in `lang` (the toggle re-renders every screen in it). */
async function waitLang(app, lang) {
  await app.waitFor(
    async () => (await app.driver.executeScript('return document.documentElement.lang')) === lang,
    async () => `expected <html lang="${lang}">`,
  );
}

const OWNER = { name: '林店主', pin: '258046' };
const MEMBER = { name: '王丽娜', phone: '13812345678' };

describe('reports: members, campaigns and stock', { timeout: 600_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'report-members', screen: '1024x768' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('a-member-buys-a-facial', async () => {
    await app.createOwner(OWNER);
    await addService(app, { category: '面部护理', name: '深层清洁', durationMin: 45, priceYuan: '268' });
    await app.click('nav-members');
    await app.click('new-member');
    await app.type('field-name', MEMBER.name);
    await app.type('field-phone', MEMBER.phone);
    await app.click('member-save');
    await app.waitVisible('member-profile');
    await app.openShift('500');
    await app.click('nav-members');
    await app.type('member-search', '5678');
    await app.click('member-result');
    await app.click('profile-checkout');
    await app.waitVisible('checkout-screen');
    await addToCart(app, 'services', '深层清洁');
    await payCash(app, '268');
  });

  step('members-report-counts-her', async () => {
    await openReportTab(app, 'members');
    assert.equal(await reportKpi(app, 'members', 'members_active'), '1', 'she came this month');
    assert.equal(await reportKpi(app, 'members', 'members_new'), '1', 'she joined this month');
    const tiers = await reportRows(app, 'members_tiers');
    assert.equal(tiers[0]?.[1], '1', `one standard member came; saw ${JSON.stringify(tiers)}`);
    assert.equal(tiers[0]?.[2], '1', 'one standard member in the book');
    assert.ok(await reportChartDrawn(app, 'members_tiers'), 'the tier chart is drawn beside its table');
    assert.ok(await app.visible('liability-total'), 'the liability figures are shown');
    await app.screenshot('report-members');
  });

  step('campaigns-and-stock-tabs-answer', async () => {
    await openReportTab(app, 'campaigns');
    assert.equal(await reportKpi(app, 'campaigns', 'campaigns_run'), '0', 'no campaign ran');
    await app.screenshot('report-campaigns');
    await openReportTab(app, 'stock');
    assert.equal(await reportKpi(app, 'stock', 'stock_low_count'), '0', 'no product is low');
    await app.screenshot('report-stock');
  });

  step('members-report-in-chinese', async () => {
    await app.click('lang-toggle');
    await waitLang(app, 'zh-CN');
    await openReportTab(app, 'members');
    await app.waitFor(
      async () => (await app.text('kpi-members_active')).includes('活跃会员'),
      async () => `expected the active members card in Chinese; saw ${await app.text('kpi-members_active')}`,
    );
    const tiers = await reportRows(app, 'members_tiers');
    assert.equal(tiers[0]?.[0], '普通会员', 'the tier in the glossary\'s words');
    await app.screenshot('report-members-zh');
  });

  // Back to English in a step of its own: the step's closing screenshot (report-members-08-…)
  // must show the Chinese screen the step above checked, not the toggle back.
  step('back-to-english', async () => {
    await app.click('lang-toggle');
    await waitLang(app, 'en');
  });
});
