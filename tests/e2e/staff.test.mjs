// A store set up from a blank database, without demo data: the owner's PIN, the store's own
// details (first run), a manager and a cashier added in the back office, a PIN reset, and the
// cashier logging in with her own PIN. Screenshots in target/e2e/staff-NN-<step>.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import {
  addStaff, finishFirstRunSetup, loginAs, loginWithTemporaryPin, logout, openStaffAdmin, resetPin,
} from './backoffice/staff.mjs';

const OWNER = { name: '林美玲', pin: '135790' };
const MANAGER = { name: '周店长', role: 'manager', pin: '246802', color: 'indigo' };
const CASHIER = { name: '陈晓雨', role: 'cashier', pin: '3579', color: 'teal', serviceRate: '12.5' };

describe('staff: first run, store setup, adding staff, a cashier logs in', { timeout: 240_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'staff' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-then-store-setup', async () => {
    await app.createOwner({ ...OWNER, storeSetup: false });
    await app.waitVisible('store-setup', 20_000);
    await app.screenshot('store-setup-form');
    await finishFirstRunSetup(app, {
      storeName: '丽人美容 徐汇店',
      address: '上海市徐汇区漕溪北路88号2楼',
      phone: '021-6468 8888',
      receiptHeader: '营业时间 10:00-21:00',
      timeZone: 'Asia/Shanghai',
    });
    const staffStep = await app.byTestId('start-staff');
    assert.equal(await staffStep.getAttribute('data-done'), 'false', 'a new store has no staff but its owner');
    await app.screenshot('getting-started');
  });

  step('a-managers-short-pin-is-refused-on-its-field', async () => {
    await openStaffAdmin(app);
    await app.click('staff-add');
    await app.type('staff-name', MANAGER.name);
    await app.choose('staff-role', 'manager');
    await app.type('staff-pin', '1234');
    await app.type('staff-pin-confirm', '1234');
    await app.click('staff-save');
    const error = await app.waitVisible('error-staff-pin');
    assert.match(await app.textOf(error), /6/, 'a manager\'s PIN has at least 6 digits');
    await app.screenshot('short-pin-refused');
    await app.click('staff-cancel');
    await app.waitHidden('staff-dialog');
  });

  step('add-a-manager-and-a-cashier', async () => {
    await addStaff(app, MANAGER);
    const cashierId = await addStaff(app, CASHIER);
    assert.ok(cashierId, 'the new cashier is on the staff list');
    await app.waitFor(
      async () => (await (await app.byTestId('start-staff')).getAttribute('data-done')) === 'true',
      async () => `expected the "add staff" step ticked; saw ${await app.describeTestId('start-staff')}`,
    );
    await app.screenshot('staff-list');
  });

  step('the-owner-resets-the-cashiers-pin-and-she-sets-her-own', async () => {
    const temporary = await resetPin(app, CASHIER.name);
    await logout(app);
    await loginWithTemporaryPin(app, CASHIER.name, temporary, '8642');
    const me = await app.byTestId('current-staff');
    assert.equal(await me.getAttribute('data-role'), 'cashier', 'the cashier is logged in');
    await logout(app);
    await loginAs(app, CASHIER.name, '8642');
    await app.screenshot('cashier-logged-in');
  });

  step('the-staff-section-in-chinese', async () => {
    await logout(app);
    await loginAs(app, OWNER.name, OWNER.pin);
    await app.click('lang-toggle');
    await openStaffAdmin(app);
    await app.screenshot('staff-list-zh');
    const rows = await app.all('staff-edit');
    await rows[rows.length - 1].click();
    await app.waitVisible('staff-dialog');
    await app.screenshot('staff-dialog-zh');
    await app.click('staff-cancel');
  });
});
