// Permissions on the real app and a fresh database: the matrix on Settings says what the core
// enforces; a cashier sees a member's sensitive notes hidden and shows them by giving a reason; her
// pay-out above the limit is approved with the manager's PIN for that one action (a single-use
// token: the dialog keeps no PIN). Steps from backoffice/perms.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { approveWithManagerPin, mayInMatrix, openPermissionMatrix, revealSensitiveNotes } from './backoffice/perms.mjs';

const OWNER = { name: '店主', pin: '258046' };
const MANAGER = '周店长';
const CASHIER = '陈晓雨';

describe('permissions: the matrix, sensitive notes, a pay-out approved for one action', { timeout: 300_000 }, () => {
  let app = null;
  let pins = {};
  before(async () => {
    app = await launchApp({ name: 'perms' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  async function loginAs(name, pin) {
    await app.click('logout');
    const testId = await app.waitFor(() => app.driver.executeScript(
      `const b = [...document.querySelectorAll('[data-testid^="login-staff-"]')]
         .find((b) => b.textContent.includes(arguments[0]));
       return b ? b.dataset.testid : null;`, name),
    async () => `expected ${name} on the login screen`, 20_000);
    await app.click(testId);
    await app.type('login-pin', pin);
    await app.click('login-submit');
    await app.waitVisible('nav-settings', 20_000);
  }

  step('owner-and-demo-data', async () => {
    await app.createOwner(OWNER);
    // The salon's language (and, at 1280 px, an English top bar with the Back office item runs
    // under the sync indicator: reported, not this test's subject).
    await app.click('lang-toggle');
    pins = await app.loadDemoData(20);
    assert.ok(pins[MANAGER] && pins[CASHIER], 'the demo staff PINs were shown once');
  });

  step('the-matrix-on-settings', async () => {
    await openPermissionMatrix(app);
    assert.equal(await mayInMatrix(app, 'refund', 'manager'), true, 'a manager refunds');
    assert.equal(await mayInMatrix(app, 'refund', 'cashier'), false, 'a cashier does not');
    assert.equal(await mayInMatrix(app, 'enrol_till', 'manager'), false, 'joining a chain is the owner\'s');
    await app.screenshot('permission-matrix');
  });

  step('a-cashier-shows-sensitive-notes-with-a-reason', async () => {
    await loginAs(CASHIER, pins[CASHIER]);
    assert.equal(await app.visible('nav-admin'), null, 'no back office for a cashier');
    await app.click('nav-members');
    await app.type('member-search', '王');
    await app.click('member-result');
    await revealSensitiveNotes(app, { reason: 'allergy_check' });
    await app.screenshot('sensitive-revealed');
  });

  step('her-pay-out-is-approved-for-that-one-action', async () => {
    await app.openShift('500');
    await app.click('shift-pay-out');
    await app.type('payinout-amount', '500');
    await app.type('payinout-reason', '供应商货款');
    await app.click('payinout-submit');
    await approveWithManagerPin(app, { approverName: MANAGER, pin: pins[MANAGER] });
    await app.waitHidden('payinout-submit', 20_000);
  });
});
