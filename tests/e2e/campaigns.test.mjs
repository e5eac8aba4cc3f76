// Issue 17, campaigns, on the real app from a blank database: the owner adds a service and a
// coupon (¥50 off), registers a member, sets up a campaign for every tier with nobody held out,
// issues it (1 member will receive it), and at checkout the member's coupon chip applies it:
// the ¥268 facial costs ¥218. She consented to marketing, so the campaign's message waits in the
// outbox (the reminders panel, no webhook set) and is sent by hand. The results panel then shows
// 1 of 1 coupons redeemed and 1 message sent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { addToCart, payCash } from './sell.mjs';
import { addCoupon, addService } from './backoffice/catalog.mjs';
import {
  applyMemberCoupon, campaignMessageQueued, campaignResults, createCampaign, issueCampaign, markCampaignMessageSent,
} from './care/campaigns.mjs';

const OWNER = { name: '林店主', pin: '258046' };
const MEMBER = { name: '王丽娜', phone: '13812345678' };

describe('campaigns: coupons issued to a segment, one redeemed at checkout', { timeout: 600_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'campaigns' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-service-coupon-member', async () => {
    await app.createOwner(OWNER);
    await addService(app, { category: '面部护理', name: '深层清洁', durationMin: 45, priceYuan: '268' });
    await addCoupon(app, { code: 'SPRING50', kind: 'fixed', amountYuan: '50', minSpendYuan: '100' });
    await app.click('nav-members');
    await app.click('new-member');
    await app.type('field-name', MEMBER.name);
    await app.type('field-phone', MEMBER.phone);
    await app.click('field-consent');
    await app.click('member-save');
    await app.waitVisible('member-profile');
  });

  step('campaign-issued-to-the-segment', async () => {
    await createCampaign(app, { name: '春季回馈', coupon: 'SPRING50', controlPct: 0, messageZh: '{name}您好，春季护理立减50元' });
    const { reach, issued } = await issueCampaign(app, { name: '春季回馈' });
    assert.equal(reach, 1, 'the one member, nobody held out at 0%');
    assert.equal(issued, 1, 'issued to her');
  });

  step('campaign-message-queued-and-sent-by-hand', async () => {
    const shown = await campaignMessageQueued(app, { text: '春季护理立减50元' });
    assert.ok(shown.includes(`${MEMBER.name}您好`), `the message greets her by name: ${shown}`);
    assert.ok(/营销活动|Campaign/.test(shown.split('\n')[0]),
      `the panel's first words say the message is a campaign's, not an appointment's: ${shown}`);
    await app.screenshot('campaign-message-queued');
    await markCampaignMessageSent(app, { text: '春季护理立减50元' });
  });

  step('member-coupon-redeemed-at-checkout', async () => {
    await app.openShift('500');
    await app.click('nav-members');
    await app.type('member-search', '5678');
    await app.click('member-result');
    await app.click('profile-checkout');
    await app.waitVisible('checkout-screen');
    await addToCart(app, 'services', '深层清洁');
    await applyMemberCoupon(app, { code: 'SPRING50' });
    await app.screenshot('checkout-member-coupon-applied');
    await app.waitFor(
      async () => (await app.text('cart-total')).replace(/[^\d.]/g, '') === '218.00',
      async () => `expected the total ¥218.00 (¥268 less ¥50); saw ${await app.text('cart-total')}`,
    );
    await payCash(app, '218');
  });

  step('results-show-the-redemption', async () => {
    const r = await campaignResults(app, { name: '春季回馈' });
    await app.screenshot('campaign-results');
    assert.match(r.redeemed, /^1\s*\/\s*1$/, `1 of 1 coupons redeemed; saw ${r.redeemed}`);
    assert.match(r.cost, /50/, `the cost is the ¥50 discount; saw ${r.cost}`);
    assert.equal(r['messages-sent'].trim(), '1', `her message was sent by hand; saw ${r['messages-sent']}`);
  });
});
