// Back office steps for staff and the first run, for end-to-end tests of the real app. Each
// takes the harness's `app` (tests/e2e/harness.mjs: it holds the WebDriver `app.driver` and
// finds elements by data-testid) and waits until its step has visibly happened.
//
//   finishFirstRunSetup(app, { storeName, address, phone, receiptHeader, receiptFooter, timeZone })
//   skipFirstRunSetup(app)
//   openStaffAdmin(app)
//   addStaff(app, { name, role, pin, color, serviceRate, productRate })  → her staff id
//   editStaff(app, name, { name, role, color, serviceRate, productRate })
//   deactivateStaff(app, name) / reactivateStaff(app, name)
//   resetPin(app, name)                                                 → the temporary PIN
//   logout(app)
//   loginAs(app, name, pin)
//   loginWithTemporaryPin(app, name, temporaryPin, newPin)
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';

/** First run, after the owner's PIN: the store's details, then on to the back office. */
export async function finishFirstRunSetup(app, { storeName, address = '', phone = '', receiptHeader = '', receiptFooter, timeZone } = {}) {
  await app.waitVisible('setup-storeName', 20_000);
  await app.type('setup-storeName', storeName);
  if (address) await app.type('setup-storeAddress', address);
  if (phone) await app.type('setup-storePhone', phone);
  if (receiptHeader) await app.type('setup-receiptHeader', receiptHeader);
  if (receiptFooter !== undefined) await app.type('setup-receiptFooter', receiptFooter);
  if (timeZone) await app.choose('setup-timeZone', timeZone);
  await app.click('setup-save');
  await app.waitVisible('getting-started', 20_000);
}

/** First run: skips the store's details (the till opens at the members screen). */
export async function skipFirstRunSetup(app) {
  await app.waitVisible('setup-storeName', 20_000);
  await app.click('setup-skip');
  await app.waitHidden('store-setup');
}

export async function openStaffAdmin(app) {
  await app.click('nav-admin');
  await app.click('admin-staff');
  await app.waitVisible('staff-table');
}

/** The staff list's row of `name` (the filter shows inactive staff first if needed). */
async function row(app, name) {
  await openStaffAdmin(app);
  const find = async () => {
    for (const el of await app.all('staff-row')) {
      if ((await el.getAttribute('data-name')) === name) return el;
    }
    return null;
  };
  let found = await find();
  if (!found) {
    const filter = await app.byTestId('staff-show-inactive');
    if (!(await filter.isSelected())) await filter.click();
    found = await app.waitFor(find, async () => `expected a staff-row named ${JSON.stringify(name)}`);
  }
  return found;
}

async function clickIn(el, testId) {
  const buttons = await el.findElements(By.css(`[data-testid="${testId}"]`));
  if (!buttons.length) throw new Error(`expected ${testId} in the row, saw none`);
  await buttons[0].click();
}

/** Fills the open staff dialog with whatever `fields` gives. */
async function fillDialog(app, { name, role, pin, color, serviceRate, productRate }) {
  await app.waitVisible('staff-dialog');
  if (name !== undefined) await app.type('staff-name', name);
  if (role !== undefined) await app.choose('staff-role', role);
  if (pin !== undefined) {
    await app.type('staff-pin', pin);
    await app.type('staff-pin-confirm', pin);
  }
  if (color !== undefined) await app.click(color === null ? 'staff-color-none' : `staff-color-${color}`);
  if (serviceRate !== undefined) await app.type('staff-rate-service', String(serviceRate));
  if (productRate !== undefined) await app.type('staff-rate-product', String(productRate));
}

/** Back office → Staff → Add; answers her staff id. Rates are percentages ("35"). */
export async function addStaff(app, fields) {
  await openStaffAdmin(app);
  await app.click('staff-add');
  await fillDialog(app, fields);
  await app.click('staff-save');
  await app.waitHidden('staff-dialog');
  const added = await row(app, fields.name.trim());
  return added.getAttribute('data-staff-id');
}

export async function editStaff(app, name, fields) {
  await clickIn(await row(app, name), 'staff-edit');
  await fillDialog(app, fields);
  await app.click('staff-save');
  await app.waitHidden('staff-dialog');
}

async function setActive(app, name, active) {
  await clickIn(await row(app, name), active ? 'staff-reactivate' : 'staff-deactivate');
  await app.click('staff-active-confirm');
  await app.waitHidden('staff-active-dialog');
  await app.waitFor(
    async () => (await (await row(app, name)).getAttribute('data-active')) === String(active),
    async () => `expected ${name} to be ${active ? 'active' : 'inactive'} on the staff list`,
  );
}

export const deactivateStaff = (app, name) => setActive(app, name, false);
export const reactivateStaff = (app, name) => setActive(app, name, true);

/** Resets her PIN; answers the temporary PIN the dialog shows once. */
export async function resetPin(app, name) {
  await clickIn(await row(app, name), 'staff-reset-pin');
  await app.click('staff-reset-confirm');
  const pin = (await app.textOf(await app.waitVisible('staff-temp-pin'))).trim();
  assert.match(pin, /^\d{6}$/, `expected a six-digit temporary PIN, saw ${JSON.stringify(pin)}`);
  await app.click('staff-reset-done');
  await app.waitHidden('staff-reset-dialog');
  return pin;
}

export async function logout(app) {
  await app.click('logout');
  await app.waitVisible('login-pin');
}

async function pickOnLogin(app, name) {
  const button = await app.waitFor(async () => {
    for (const el of await app.driver.findElements(By.css('[data-testid^="login-staff-"]'))) {
      if ((await app.textOf(el)).includes(name)) return el;
    }
    return null;
  }, async () => `expected ${name} on the login screen`);
  await button.click();
}

/** From the login screen: picks `name`, types her PIN, and waits until she is in. */
export async function loginAs(app, name, pin) {
  await pickOnLogin(app, name);
  await app.type('login-pin', pin);
  await app.click('login-submit');
  await app.waitVisible('current-staff', 20_000);
}

/** Her first login after a reset: the temporary PIN leads to choosing her own. */
export async function loginWithTemporaryPin(app, name, temporaryPin, newPin) {
  await pickOnLogin(app, name);
  await app.type('login-pin', temporaryPin);
  await app.click('login-submit');
  await app.waitVisible('pin-change', 20_000);
  await app.type('new-pin', newPin);
  await app.type('new-pin-confirm', newPin);
  await app.click('new-pin-submit');
  await app.waitVisible('current-staff', 20_000);
}
