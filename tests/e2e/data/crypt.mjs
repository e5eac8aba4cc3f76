// Steps on encryption at rest, for the data end-to-end test: the unlock screen, the encryption of
// a database from before encryption, and what Settings says. Each takes the harness's App
// (`launchApp()`'s answer). The app runs without a credential store under the harness
// (SALONDESK_KEYSTORE=none): every start of an existing store asks the owner's passphrase.
import fs from 'node:fs';
import { E2E_PASSPHRASE } from '../harness.mjs';

/**
 * The unlock screen (shown at start when the store is encrypted and no credential store holds
 * its key): types `passphrase` and unlocks. `expectWrong`: checks it is refused on the field and
 * returns the error's text instead (the screen stays).
 */
export async function unlockDatabase(app, { passphrase = E2E_PASSPHRASE, expectWrong = false } = {}) {
  await app.waitVisible('crypt-unlock', 30_000);
  await app.type('crypt-passphrase', passphrase);
  await app.click('crypt-submit');
  if (expectWrong) {
    await app.waitVisible('error-crypt-passphrase', 20_000);
    return app.text('error-crypt-passphrase');
  }
  // Deriving the key from the passphrase (argon2id, 64 MiB) takes about a second.
  await app.waitHidden('crypt-unlock', 30_000);
  return null;
}

/** The unlock screen's "Forgot the passphrase?": returns what it says to do. */
export async function forgotPassphrase(app) {
  await app.click('crypt-forgot');
  return app.text('crypt-forgot-text');
}

/**
 * A database from before encryption: the app asks for the owner's `pin` (no one else may) and a
 * passphrase, then encrypts
 * it in place with a progress bar. Returns the progress phases seen (the last is "done" unless
 * it went too fast to see).
 */
export async function encryptOldDatabase(app, { pin, passphrase = E2E_PASSPHRASE } = {}) {
  await app.waitVisible('crypt-encrypt', 30_000);
  await app.type('crypt-owner-pin', pin);
  await app.type('crypt-passphrase', passphrase);
  await app.type('crypt-passphrase-confirm', passphrase);
  await app.click('crypt-submit');
  const phases = new Set();
  await app.waitFor(async () => {
    const bar = await app.visible('crypt-progress');
    if (bar) phases.add(await bar.getAttribute('data-phase'));
    return !(await app.visible('crypt-encrypt'));
  }, async () => `expected the encryption to finish; saw ${await app.describeTestId('crypt-encrypt')}`, 120_000);
  return [...phases];
}

/** Settings → Data encryption: `{ encrypted, keyPlace, text, passphraseText }` as shown. */
export async function readEncryptionStatus(app) {
  await app.click('nav-settings');
  const status = await app.waitVisible('crypt-status');
  return {
    encrypted: (await status.getAttribute('data-encrypted')) === 'true',
    keyPlace: await status.getAttribute('data-key-place'),
    text: await app.text('crypt-status'),
    passphraseText: await app.text('crypt-passphrase-state'),
  };
}

/**
 * Copies the store's files (the database, its WAL, its key file) of a running app into
 * `dataDir`, for a second launch on the same store (`launchApp`'s `beforeStart`). Take it while
 * the app is idle (logged out, say).
 */
export function copyStoreFiles(app, { dbPath }) {
  for (const suffix of ['', '-wal', '.key']) {
    const from = `${app.dbPath}${suffix}`;
    if (fs.existsSync(from)) fs.copyFileSync(from, `${dbPath}${suffix}`);
  }
}

/** Whether the file at `path` is encrypted: not a plain SQLite file ("SQLite format 3\0"). */
export function isEncryptedFile(path) {
  const head = fs.readFileSync(path).subarray(0, 16).toString('latin1');
  return head !== 'SQLite format 3\u0000';
}
