// Restore on a new PC (issue 15), on the real app: one app instance (the old PC) makes an owner
// and a member and backs up to a folder (the backup and the store's key file); a second instance
// on a blank data folder (the new PC) restores it from its first-run screen with the owner's
// passphrase: a wrong passphrase is refused on its field, the preview says what the backup holds,
// and after the restore the owner logs in with her PIN from before and finds the member.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { launchApp } from './harness.mjs';
import { loginAs } from './backoffice/staff.mjs';
import { backUpNow, setBackupFolder } from './data/backups.mjs';
import { previewOnNewPc, refusedOnNewPc, restoreOnNewPc } from './data/new-pc.mjs';

const OWNER = { name: '欧阳店主', pin: '258046' };

describe('new PC: a fresh install restores another instance\'s backup', { timeout: 400_000 }, () => {
  let app = null;
  let backup = null;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'salondesk-e2e-newpc-backups-'));
  after(async () => {
    await app?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }, { timeout: 60_000 });
  let broken = null;
  const step = (label, fn) =>
    test(label, async (t) => {
      if (broken) return t.skip(`an earlier step failed: "${broken}"`);
      try {
        await fn();
      } catch (err) {
        broken = label;
        if (app) await app.saveFailure(label).catch(() => {});
        throw err;
      }
    });

  step('old-pc-backs-up', async () => {
    app = await launchApp({ name: 'newpc-old' });
    await app.createOwner(OWNER);
    await app.click('nav-members');
    await app.click('new-member');
    await app.type('field-name', '王丽');
    await app.type('field-phone', '13800138000');
    await app.click('member-save');
    await app.waitVisible('member-profile');
    await setBackupFolder(app, folder);
    const name = await backUpNow(app);
    backup = path.join(folder, name);
    assert.ok(fs.existsSync(backup), `the backup ${name} is in the folder`);
    assert.ok(fs.readdirSync(folder).some((f) => f.endsWith('.key')), 'and the store\'s key file beside it');
    await app.close();
    app = null;
  });

  step('new-pc-restores-it', async () => {
    app = await launchApp({ name: 'newpc-new' });
    const refused = await refusedOnNewPc(app, { file: backup, passphrase: 'not the passphrase' });
    assert.ok(refused.length > 0, `a wrong passphrase is refused on its field: ${refused}`);
    const preview = await previewOnNewPc(app, { file: backup });
    assert.equal(preview.members, 1, 'the preview counts the backup\'s member');
    assert.ok(preview.integrityOk, 'and says it passed its check');
    await restoreOnNewPc(app);
    await loginAs(app, OWNER.name, OWNER.pin);
    await app.click('nav-members');
    await app.type('member-search', '8000');
    const found = await app.waitVisible('member-result', 20_000);
    assert.ok((await app.textOf(found)).includes('王丽'), 'her member is back');
  });
});
