// Follow-ups (回访) on the real app and a blank database, with the injected test clock: a member
// has a facial; a week later (the clock file moved 7 days on) her post-visit follow-up is on the
// Follow-ups list naming the service; marked done as reached with a note, it leaves the list.
// The steps live in care/care.mjs for the lead's end-to-end story.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { addToCart, payCash } from './sell.mjs';
import { advanceClock, careTasks, clockFile, completeTask, openCare, useTestClock, waitCareTask } from './care/care.mjs';

const OWNER = { name: '店主', pin: '258046' };
const MEMBER = { name: '赵晓雯', phone: '13900007777' };
const SERVICE = '深层清洁';

describe('care: a follow-up 7 days after a visit', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'care', beforeStart: useTestClock() });
  }, { timeout: 60_000 });
  after(async () => {
    delete process.env.SALONDESK_TEST_CLOCK_FILE;
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-demo-member', async () => {
    await app.createOwner(OWNER);
    await app.loadDemoData(20);
    await app.click('nav-members');
    await app.click('new-member');
    await app.type('field-name', MEMBER.name);
    await app.type('field-phone', MEMBER.phone);
    await app.click('member-save');
    await app.waitVisible('member-profile');
    await app.openShift('500');
  });

  step('her-facial', async () => {
    await app.click('nav-members');
    await app.type('member-search', '7777');
    await app.click('member-result');
    await app.click('profile-checkout');
    await app.waitVisible('checkout-screen');
    await addToCart(app, 'services', SERVICE);
    await payCash(app, '500');
    await app.click('sale-new');
  });

  step('nothing-for-her-today', async () => {
    await openCare(app);
    const hers = (await careTasks(app)).filter((t) => t.member === MEMBER.name && t.kind === 'post_visit');
    assert.equal(hers.length, 0, `no follow-up on the day of the visit: ${JSON.stringify(hers)}`);
  });

  step('a-week-later', async () => {
    advanceClock(clockFile(app), 7);
    await app.click('nav-checkout');
    await openCare(app);
    const task = await waitCareTask(app, { member: MEMBER.name, kind: 'post_visit' });
    assert.ok(task.text.includes(SERVICE), `the why names the service: ${task.text}`);
  });

  step('done-reached', async () => {
    await completeTask(app, { member: MEMBER.name, outcome: 'reached', note: '皮肤状态很好' });
    const left = (await careTasks(app)).filter((t) => t.member === MEMBER.name && t.kind === 'post_visit');
    assert.equal(left.length, 0, 'done: off the list');
  });
});
