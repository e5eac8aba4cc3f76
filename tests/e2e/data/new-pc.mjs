// Steps on the first-run screen's "Restore from a backup" (issue 15: a new PC after a dead disk),
// for the data end-to-end tests. Each takes the harness's App (`launchApp()`'s answer) on a blank
// data folder, showing the first-run screen.
//
//   previewOnNewPc(app, { file, passphrase })  -> { members, sales, lastReceipt, integrityOk }
//   refusedOnNewPc(app, { file, passphrase })  -> the text of the field that refused (file or passphrase)
//   restoreOnNewPc(app)                        -> restores the previewed backup; leaves the login screen
import { E2E_PASSPHRASE } from '../harness.mjs';

/** Opens Restore from a backup, types the file and passphrase and asks for what it holds. */
async function ask(app, file, passphrase) {
  if (!(await app.visible('new-pc-restore'))) {
    await app.waitVisible('setup-restore', 30_000);
    await app.click('setup-restore');
    await app.waitVisible('new-pc-restore');
  }
  await app.type('new-pc-file', file);
  await app.type('new-pc-passphrase', passphrase);
  await app.click('new-pc-look');
}

/** The backup's preview, read from the file with the passphrase (the key file beside it). */
export async function previewOnNewPc(app, { file, passphrase = E2E_PASSPHRASE }) {
  await ask(app, file, passphrase);
  await app.waitFor(
    async () => Boolean(await app.visible('new-pc-preview')) || Boolean(await app.visible('new-pc-error')),
    async () => `expected the backup's preview; saw ${await app.describeTestId('new-pc-restore')}`,
    60_000,
  );
  if (await app.visible('new-pc-error')) throw new Error(`the preview failed: ${await app.text('new-pc-error')}`);
  const integrity = await app.waitVisible('new-pc-integrity');
  await app.screenshot('new-pc-preview');
  return {
    members: Number((await app.text('new-pc-members')).replace(/\D/g, '')),
    sales: Number((await app.text('new-pc-sales')).replace(/\D/g, '')),
    lastReceipt: await app.text('new-pc-last-receipt'),
    integrityOk: (await integrity.getAttribute('data-ok')) === 'true',
  };
}

/** Asks for a backup that is refused: returns the refusing field's text. */
export async function refusedOnNewPc(app, { file, passphrase }) {
  await ask(app, file, passphrase);
  await app.waitFor(
    async () => Boolean(await app.visible('error-new-pc-file')) || Boolean(await app.visible('error-new-pc-passphrase')),
    async () => `expected a field to refuse; saw ${await app.describeTestId('new-pc-restore')}`,
    60_000,
  );
  const field = (await app.visible('error-new-pc-passphrase')) ? 'error-new-pc-passphrase' : 'error-new-pc-file';
  return app.text(field);
}

/** Restores the previewed backup and goes on to the login screen. */
export async function restoreOnNewPc(app) {
  await app.click('new-pc-confirm');
  await app.waitFor(
    async () => Boolean(await app.visible('new-pc-done')) || Boolean(await app.visible('new-pc-error')),
    async () => `expected the restore to finish; saw ${await app.describeTestId('new-pc-restore')}`,
    120_000,
  );
  if (await app.visible('new-pc-error')) throw new Error(`the restore failed: ${await app.text('new-pc-error')}`);
  await app.screenshot('new-pc-restored');
  await app.click('new-pc-login');
  await app.waitVisible('login-pin', 30_000);
}
