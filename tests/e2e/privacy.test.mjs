// Members' data requests on the real app and a blank database: a member registered with
// marketing consent shows it in her consent history; withdrawn by phone, the history says so;
// the owner exports her data (a JSON file in the data folder's exports/ holding her profile and
// consent history), a wrong confirmation does not erase her, the right one does, and nobody
// finds her by name any more. The steps live in data/privacy.mjs for the data test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { consentHistory, eraseMember, exportMemberData, setConsent } from './data/privacy.mjs';

const OWNER = { name: '林店主', pin: '258046' };
const MEMBER = { name: '王丽娜', phone: '13812345678' };

describe('privacy: consent history, export, erase', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'privacy' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('register-with-consent', async () => {
    await app.createOwner(OWNER);
    await app.click('new-member');
    await app.type('field-name', MEMBER.name);
    await app.type('field-phone', MEMBER.phone);
    await app.click('field-consent');
    await app.click('member-save');
    await app.waitVisible('member-profile');
    const rows = await consentHistory(app);
    assert.equal(rows.length, 1, `registering with consent records it: ${JSON.stringify(rows)}`);
    assert.ok(rows[0].consent, 'given');
  });

  step('withdraw-consent', async () => {
    const rows = await setConsent(app, { consent: false, how: 'verbal' });
    assert.equal(rows.length, 2, `the withdrawal is added: ${JSON.stringify(rows)}`);
    assert.ok(!rows[0].consent, 'newest first: withdrawn');
  });

  step('export-her-data', async () => {
    const path = await exportMemberData(app, { query: '5678' });
    assert.ok(path.includes('/exports/member-data-') && path.endsWith('.json'), `written into exports/: ${path}`);
    assert.ok(!path.includes(MEMBER.name), 'the file name does not name her');
    const data = JSON.parse(fs.readFileSync(path, 'utf8'));
    assert.equal(data.profile.name, MEMBER.name, 'her profile');
    assert.equal(data.consentHistory.length, 2, 'her consent history');
  });

  step('erase-her', async () => {
    const wrong = await eraseMember(app, { query: '5678', confirm: '0000' });
    assert.equal(wrong.erased, false, 'a wrong confirmation erases nothing');
    await app.click('privacy-confirm');
    await app.type('privacy-confirm', '5678');
    await app.click('privacy-erase-confirm');
    await app.waitVisible('privacy-erased');
    await app.click('nav-members');
    await app.type('member-search', '5678');
    await new Promise((r) => setTimeout(r, 800));
    const hits = await app.texts('member-result');
    assert.ok(!hits.some((h) => h.includes(MEMBER.name)), `nobody finds her: ${JSON.stringify(hits)}`);
  });
});
