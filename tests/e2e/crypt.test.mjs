// Encryption at rest on the real app (no credential store under the harness: the passphrase
// fallback). A new store is encrypted from its first start and the owner sets its passphrase at
// first run; Settings says so; the next start asks the passphrase (a wrong one refused on the
// field, "forgot" says what to do) and opens with the right one; a plain database from before
// encryption is encrypted in place with a progress bar.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { APP, launchApp } from './harness.mjs';
import {
  copyStoreFiles, encryptOldDatabase, forgotPassphrase, isEncryptedFile, readEncryptionStatus, unlockDatabase,
} from './data/crypt.mjs';

const OWNER = { name: '欧阳店主', pin: '258046' };
const CLI = path.join(path.dirname(APP), 'salondesk-cli');

describe('crypt: an encrypted store, its passphrase, and encrypting an old one', { timeout: 400_000 }, () => {
  let app = null;
  let saved = null;
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  // Each step launches the app itself (three launches): once one fails, the later ones are skipped.
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

  step('new-store-encrypted', async () => {
    app = await launchApp({ name: 'crypt-new' });
    await app.createOwner(OWNER);
    const status = await readEncryptionStatus(app);
    assert.equal(status.encrypted, true, `a new store is encrypted: ${status.text}`);
    assert.equal(status.keyPlace, 'passphrase', 'no credential store here: the passphrase keeps the key');
    assert.ok(status.text.includes('SQLCipher'), `Settings names the encryption: ${status.text}`);
    await app.screenshot('settings');
    assert.ok(isEncryptedFile(app.dbPath), 'the file on disk is not a plain SQLite file');
    const bytes = fs.readFileSync(app.dbPath);
    assert.ok(!bytes.includes(Buffer.from(OWNER.name)), "the owner's name is nowhere in the file");
    await app.click('logout').catch(() => {});
    saved = app;
  });

  step('restart-asks-the-passphrase', async () => {
    const first = saved;
    app = await launchApp({ name: 'crypt-unlock', beforeStart: (dirs) => copyStoreFiles(first, dirs) });
    await first.close();
    const refused = await unlockDatabase(app, { passphrase: 'not the passphrase', expectWrong: true });
    assert.ok(refused.length > 0, 'a wrong passphrase is refused on its field');
    const help = await forgotPassphrase(app);
    await app.screenshot('unlock-forgot');
    assert.ok(help.length > 20, `"forgot" says what to do: ${help}`);
    await unlockDatabase(app);
    await app.waitVisible('login-pin', 20_000);
    await app.close();
    app = null;
  });

  step('old-plain-database-encrypted-in-place', async () => {
    assert.ok(fs.existsSync(CLI), `salondesk-cli is built beside the app (${CLI}): cargo build -p salondesk-cli`);
    let ownerPin = '';
    app = await launchApp({
      name: 'crypt-migrate',
      beforeStart: ({ dbPath }) => {
        const out = execFileSync(CLI, ['seed', '--db', dbPath, '--members', '300'], { encoding: 'utf8' });
        // "demo staff PIN: <name> (owner) <pin>": only the owner may encrypt the store.
        ownerPin = out.match(/demo staff PIN: .* \(owner\) (\d+)/)?.[1] ?? '';
        fs.rmSync(`${dbPath}.lock`, { force: true });
      },
    });
    assert.ok(ownerPin, 'the seed printed the owner\'s PIN');
    assert.ok(!isEncryptedFile(app.dbPath), 'the seeded file starts plain');
    await app.waitVisible('crypt-encrypt', 30_000);
    await app.screenshot('encrypt');
    const phases = await encryptOldDatabase(app, { pin: ownerPin });
    assert.ok(phases.length > 0, 'a progress bar was shown');
    await app.waitVisible('login-pin', 20_000);
    assert.ok(isEncryptedFile(app.dbPath), 'the file is now encrypted');
    const left = fs.readdirSync(path.dirname(app.dbPath)).filter((f) => f.endsWith('.plain') || f.endsWith('.encrypting'));
    assert.deepEqual(left, [], 'no plain copy or unfinished copy left beside it');
  });
});
