// Feedback, complaints and points on the real app from a blank database (issue 17, part
// "feedback"): the owner loads the demo catalog, registers a member and sells her a facial;
// the done panel asks "How was it?" and a 5 is graded 优秀 (Excellent). A complaint recorded
// on her profile shows on it and as a warning beside her in the cart; the owner takes it in
// hand in Back office → Complaints and resolves it with her satisfaction, and her profile has
// no open complaint left. Points: 500 by hand with a reason, a gift added to the exchange list
// for 100 points and exchanged at her profile: her balance moves by exactly +500 and −100.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { addToCart, payCash } from './sell.mjs';
import {
  addExchangeItem, adjustPoints, exchangePoints, openComplaintsCount, openMember, rateVisit,
  recordComplaint, resolveComplaint,
} from './care/feedback.mjs';

const OWNER = { name: '店主', pin: '258046' };
const MEMBER = { name: '王丽娜', phone: '13812345678', query: '5678' };

describe('feedback: a visit rated, a complaint resolved, points by hand and exchanged', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'feedback' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-demo-member-shift', async () => {
    await app.createOwner(OWNER);
    await app.loadDemoData(20);
    await app.openShift('500');
    await app.click('nav-members');
    await app.click('new-member');
    await app.type('field-name', MEMBER.name);
    await app.type('field-phone', MEMBER.phone);
    await app.click('member-save');
    await app.waitVisible('member-profile');
  });

  step('sell-and-rate', async () => {
    await app.click('profile-checkout');
    await app.waitVisible('checkout-screen');
    await addToCart(app, 'services', '深层清洁');
    await payCash(app, '300');
    const said = await rateVisit(app, { score: 5, comment: '很舒服' });
    assert.match(said, /优秀|Excellent/, `a 5 is graded 优秀 (Excellent): ${said}`);
    await app.screenshot('done-panel-rated');
    await app.click('sale-new');
  });

  step('record-complaint', async () => {
    await recordComplaint(app, { query: MEMBER.query, name: MEMBER.name, kind: 'waiting', text: '等了四十分钟' });
    await app.click('profile-checkout');
    await app.waitVisible('checkout-screen');
    const chip = await app.waitVisible('cart-complaints-chip');
    assert.equal(await chip.getAttribute('data-count'), '1', 'the cart warns of her one open complaint');
  });

  step('resolve-complaint', async () => {
    const took = await resolveComplaint(app, { member: MEMBER.name, action: '店长致电道歉，赠送一次护理', satisfaction: 4 });
    assert.match(took, /\d/, `the handling time is shown: ${took}`);
    await openMember(app, { query: MEMBER.query, name: MEMBER.name });
    assert.equal(await openComplaintsCount(app), 0, 'a resolved complaint leaves her profile');
  });

  step('points-by-hand-and-exchange', async () => {
    await addExchangeItem(app, { productName: '氨基酸洁面乳 120g', name: '洁面乳（兑换）', points: 100 });
    await openMember(app, { query: MEMBER.query, name: MEMBER.name });
    const afterAdjust = await adjustPoints(app, { delta: 500, reason: '投诉补偿' });
    const left = await exchangePoints(app, { name: '洁面乳（兑换）' });
    assert.equal(left, afterAdjust - 100, 'the gift cost exactly its 100 points');
  });
});
