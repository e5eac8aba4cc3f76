// Screenshots of the screens issue 17 (members who come back) added or changed, from a blank
// database with the demo data, for a person to look at: the done panel's rating, the member's
// profile (complaints, points, value class), the cart's complaint warning, the Follow-ups list a
// week after a visit (the injected test clock), the back office's care settings, complaints,
// member list, points and campaigns (with a campaign's results). PNGs are named
// <lang>-<size>-cNN-….png. Run by screens.mjs (SCREENS_PART=care).
import { endTour, startTour } from './screens-tour.mjs';
import { addToCart, payCash } from './sell.mjs';
import { advanceClock, clockFile, openCare } from './care/care.mjs';
import { adjustPoints, openMember, rateVisit, recordComplaint } from './care/feedback.mjs';
import { campaignResults, createCampaign, issueCampaign } from './care/campaigns.mjs';

/** Rings up `service` for the member whose profile is open and pays cash; ends on the done panel. */
async function sellService(app, service) {
  await app.click('profile-checkout');
  await app.waitVisible('checkout-screen');
  await addToCart(app, 'services', service);
  await payCash(app, '500');
}

export async function careScreens(variant, { shot, setLocale, log }) {
  const zh = variant.lang === 'zh-CN';
  const owner = { name: zh ? '林店主' : 'Lin Mei', pin: '258046' };
  const member = { name: zh ? '赵晓雯' : 'Zhao Xiaowen', phone: '13900007777', query: '7777' };
  const { app, step } = await startTour('care', variant, { setLocale, log });
  try {
    await step('setup', async () => {
      await app.createOwner(owner);
      await app.loadDemoData(40);
      await app.openShift('500');
      await app.click('nav-members');
      await app.click('new-member');
      await app.type('field-name', member.name);
      await app.type('field-phone', member.phone);
      await app.click('field-consent');
      await app.click('member-save');
      await app.waitVisible('member-profile');
    });
    await step('rate', async () => {
      await sellService(app, '深层清洁');
      await rateVisit(app, { score: 5, comment: zh ? '很舒服' : 'Lovely' });
      await shot(app, variant, 'c01-done-panel-rated');
      await app.click('sale-new');
    });
    await step('complaint', async () => {
      await recordComplaint(app, {
        query: member.query, name: member.name, kind: 'waiting', text: zh ? '等了四十分钟' : 'Waited forty minutes',
      });
      await adjustPoints(app, { delta: 200, reason: zh ? '投诉补偿' : 'Sorry for the wait' });
      await shot(app, variant, 'c02-profile');
      await shot(app, variant, 'c03-profile-complaints-points', 'member-complaints');
      await app.click('profile-checkout');
      await app.waitVisible('cart-complaints-chip');
      await shot(app, variant, 'c04-cart-complaint-warning');
    });
    await step('care-list', async () => {
      advanceClock(clockFile(app), 7);
      await app.click('nav-members');
      await openCare(app);
      await shot(app, variant, 'c05-follow-ups');
    });
    await step('care-settings', async () => {
      await app.click('nav-admin');
      await app.click('admin-care');
      await shot(app, variant, 'c06-care-settings');
    });
    await step('complaints-admin', async () => {
      await app.click('admin-complaints');
      await shot(app, variant, 'c07-complaints');
    });
    await step('member-list', async () => {
      await app.click('admin-segments');
      await shot(app, variant, 'c08-member-list');
    });
    await step('points-admin', async () => {
      await app.click('admin-points');
      await shot(app, variant, 'c09-points');
    });
    await step('campaign', async () => {
      const name = zh ? '春季回馈' : 'Spring thank-you';
      await createCampaign(app, { name, points: 100, controlPct: 10, messageZh: '{name}您好，送您100积分' });
      await shot(app, variant, 'c10-campaign-set-up');
      await issueCampaign(app, { name });
      await campaignResults(app, { name });
      await shot(app, variant, 'c11-campaign-results');
      await app.driver.executeScript("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))");
    });
    await step('profile-after', async () => {
      await openMember(app, { query: member.query, name: member.name });
      await shot(app, variant, 'c12-profile-points-history', 'member-points');
    });
  } finally {
    await endTour(app);
  }
}
