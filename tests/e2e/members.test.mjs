// The front desk's first minutes with SalonDesk, on the real app and a fresh database:
// first-run owner setup, registering a member, finding her again by phone suffix and by pinyin
// initials, and the two phone rules (a valid mainland mobile number; one member per phone).
// Each step leaves a screenshot in target/e2e/members-NN-<step>.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { E2E_PASSPHRASE, launchApp, scenario } from './harness.mjs';

const OWNER = { name: '店主', pin: '258046' };
const MEMBER = { name: '王丽娜', phone: '13812345678', birthday: '1990-03-15', skinType: 'sensitive' };

describe('members: first run, register, look up, phone rules', { timeout: 180_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'members' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  // Rendered text (innerText), not WebDriver's getText: WebKitWebDriver's visible-text atom
  // drops parts of rows laid out with CSS grid.
  const resultTexts = () => app.texts('member-result');

  /** Replaces the search text and waits for a result containing `name`. */
  async function searchFinds(query, name) {
    await app.type('member-search', query);
    await app.waitFor(
      async () => (await resultTexts()).some((text) => text.includes(name)),
      async () => `expected a visible member-result containing ${name} after searching ${JSON.stringify(query)}; saw results ${JSON.stringify(await resultTexts())}`,
    );
  }

  /** Saves the open registration form, expects it refused with `error-phone`; returns that text. */
  async function saveExpectingPhoneError(expectInText) {
    await app.click('member-save');
    const error = await app.waitFor(
      async () => {
        const el = await app.visible('error-phone');
        const text = el ? await app.textOf(el) : '';
        return text && (!expectInText || text.includes(expectInText)) ? text : null;
      },
      async () => `expected error-phone visible with ${expectInText ? `text mentioning ${expectInText}` : 'non-empty text'}; saw ${await app.describeTestId('error-phone')}`,
    );
    // A refused registration must not open a profile; give a wrongly accepted save time to show one.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const profile = await app.visible('member-profile');
    assert.equal(profile, null, `expected no member-profile after a refused save, saw one: ${await app.describeTestId('profile-name')}`);
    return error;
  }

  step('owner-pin-of-four-digits-refused', async () => {
    // The first start migrates a new database: allow it longer than an ordinary wait.
    await app.waitVisible('owner-name', 30_000);
    await app.type('owner-name', OWNER.name);
    await app.type('owner-pin', '2580');
    await app.type('owner-pin-confirm', '2580');
    await app.click('owner-submit');
    const error = await app.waitVisible('error-owner-pin');
    assert.match(await app.textOf(error), /6/, 'expected the refusal to say an owner PIN has 6 digits');
  });

  step('first-run-owner-setup', async () => {
    await app.type('owner-pin', OWNER.pin);
    await app.type('owner-pin-confirm', OWNER.pin);
    // The database passphrase (the store is encrypted; see harness.mjs createOwner).
    await app.type('owner-passphrase', E2E_PASSPHRASE);
    await app.type('owner-passphrase-confirm', E2E_PASSPHRASE);
    await app.click('owner-submit');
    // The store's own details come next (first run); this test leaves them for later.
    await app.waitVisible('setup-storeName', 20_000);
    await app.click('setup-skip');

    await app.waitVisible('member-search', 20_000);
    await app.waitFor(
      async () => (await app.focusedTestId()) === 'member-search',
      async () => `expected member-search to have the keyboard focus after login, saw focus on ${JSON.stringify(await app.focusedTestId())}`,
    );
    assert.ok(fs.existsSync(app.dbPath),
      `expected the app to create its database at SALONDESK_DB=${app.dbPath}, saw no file there (the app must honour SALONDESK_DB)`);
  });

  step('register-member', async () => {
    await app.click('new-member');
    await app.type('field-name', MEMBER.name);
    await app.type('field-phone', MEMBER.phone);
    // Typing into <input type=date> depends on WebKit's locale format: set the value instead.
    await app.setValue('field-birthday', MEMBER.birthday);
    await app.choose('field-skin-type', MEMBER.skinType);
    await app.click('member-save');

    await app.waitVisible('member-profile');
    const name = await app.text('profile-name');
    assert.equal(name, MEMBER.name, `expected profile-name ${JSON.stringify(MEMBER.name)} after saving, saw ${JSON.stringify(name)}`);
  });

  step('lookup-by-phone-suffix', async () => {
    const back = (await app.visible('back-to-lookup')) ?? (await app.visible('nav-members'));
    assert.ok(back, `expected back-to-lookup or nav-members on the profile, saw neither: ${await app.describeTestId('back-to-lookup')}`);
    await back.click();
    await app.waitVisible('member-search');
    await searchFinds('5678', MEMBER.name);
  });

  step('lookup-by-pinyin-initials', async () => {
    // First a query that cannot match, so a result still on screen from "5678" cannot pass for
    // the initials search.
    await app.type('member-search', 'qqxz');
    await app.waitFor(
      async () => !(await resultTexts()).some((text) => text.includes(MEMBER.name)),
      async () => `expected no member-result containing ${MEMBER.name} for the query "qqxz"; saw ${JSON.stringify(await resultTexts())}`,
    );
    await searchFinds('wln', MEMBER.name);
  });

  step('invalid-phone-refused', async () => {
    await app.click('new-member');
    await app.type('field-name', 'Bad Phone');
    await app.type('field-phone', '12345');
    const error = await saveExpectingPhoneError(null);
    assert.ok(error.length > 0, `expected error-phone to say what is wrong with "12345", saw empty text`);
  });

  step('duplicate-phone-refused', async () => {
    // The same (refused) form, now with 王丽娜's phone under another name.
    await app.type('field-name', '李娜');
    await app.type('field-phone', MEMBER.phone);
    const error = await saveExpectingPhoneError(MEMBER.name);
    assert.ok(error.includes(MEMBER.name), `expected error-phone to name ${MEMBER.name}, who has ${MEMBER.phone}; saw ${JSON.stringify(error)}`);
  });
});
