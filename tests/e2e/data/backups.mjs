// Steps on Back office → Backups, for the data end-to-end test (issue 15): set the folder, back
// up now, list the backups, restore the newest (owner), and read the Settings line. Each takes
// the harness's App (`launchApp()`'s answer), logged in as the owner (or a manager for all but
// the restore).
//
//   setBackupFolder(app, dir, { dailyAt, enabled })  -> the status line's text
//   backUpNow(app)                                    -> the backup's file name
//   listBackups(app)                                  -> [{ name }] newest first
//   previewLatest(app)                                -> { members, sales, lastReceipt, integrityOk } (dialog left open)
//   restoreLatest(app, { pin, name })                 -> restores the newest backup; logs in again if `pin`
//   lastBackupLine(app)                               -> { text, warning } from Settings
import { loginAs } from '../backoffice/staff.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the Backups section has finished what it was doing (data-busy="false"). */
async function settled(app) {
  await sleep(250);
  await app.waitFor(
    async () => (await (await app.waitVisible('backups-admin')).getAttribute('data-busy')) === 'false',
    async () => `expected backups-admin to finish; saw ${await app.describeTestId('backups-admin')}`,
    60_000,
  );
}

/** Opens Back office → Backups. */
export async function openBackups(app) {
  await app.click('nav-admin');
  await app.click('admin-backups');
  await app.waitVisible('backup-folder', 20_000);
  await settled(app);
}

/**
 * Sets the backup folder (a path the app can write to) and saves; `dailyAt` ("HH:MM") and
 * `enabled` optional. Returns the status line's text after saving. A folder refused shows
 * `error-folder` (the step throws, naming it).
 */
export async function setBackupFolder(app, dir, { dailyAt, enabled } = {}) {
  await openBackups(app);
  await app.type('backup-folder', dir);
  if (dailyAt) await app.setValue('backup-daily-at', dailyAt);
  if (enabled !== undefined) {
    const box = await app.byTestId('backup-enabled');
    if ((await box.isSelected()) !== enabled) await box.click();
  }
  await app.click('backup-settings-save');
  await settled(app);
  const refused = await app.driver.findElements({ css: '[data-testid="error-folder"]' });
  if (refused.length > 0) throw new Error(`the folder ${dir} was refused: ${await app.textOf(refused[0])}`);
  return app.text('backup-status');
}

/** Back up now, waiting for it to finish; returns the new backup's file name. */
export async function backUpNow(app) {
  await openBackups(app);
  await app.click('backup-now');
  await app.waitFor(
    async () => (await app.driver.findElements({ css: '[data-testid="backup-done"], [data-testid="backups-error"]' })).length > 0,
    async () => `expected backup-done or backups-error; saw ${await app.describeTestId('backups-admin')}`,
    120_000,
  );
  const failed = await app.driver.findElements({ css: '[data-testid="backups-error"]' });
  if (failed.length > 0) throw new Error(`the backup failed: ${await app.textOf(failed[0])}`);
  await settled(app);
  await app.screenshot('backed-up');
  const text = await app.text('backup-done');
  const name = text.match(/(salondesk-\S+\.sqlite3)/);
  return name ? name[1] : text;
}

/** The backups listed in the folder, newest first, as `{ name }`. */
export async function listBackups(app) {
  await openBackups(app);
  const rows = [];
  for (const row of await app.all('backup-row')) rows.push({ name: await row.getAttribute('data-name') });
  return rows;
}

/** Restore… on the newest backup: waits for its preview and returns it (the dialog stays open). */
export async function previewLatest(app) {
  await openBackups(app);
  const buttons = await app.all('backup-restore');
  if (buttons.length === 0) throw new Error('no backup to restore (or not the owner)');
  await buttons[0].click();
  await app.waitVisible('restore-preview', 30_000);
  const integrity = await app.byTestId('restore-integrity');
  return {
    members: Number((await app.text('restore-members')).replace(/\D/g, '')),
    sales: Number((await app.text('restore-sales')).replace(/\D/g, '')),
    lastReceipt: (await app.text('restore-last-receipt')).trim(),
    integrityOk: (await integrity.getAttribute('data-ok')) === 'true',
  };
}

/**
 * Restores the newest backup (owner): the preview, the typed confirmation, the restore. Everyone
 * is logged out after it; with `pin` (and `name`, the owner's) it logs in again. Returns the
 * preview that was confirmed.
 */
export async function restoreLatest(app, { pin, name } = {}) {
  const preview = await previewLatest(app);
  await app.screenshot('restore-preview');
  if (!preview.integrityOk) throw new Error('the newest backup failed its check');
  // The word the dialog asks for is in its label (RESTORE / 恢复).
  const label = await app.driver.findElement({ css: 'label[for="f-restore-confirm"]' });
  const word = (await app.textOf(label)).match(/[A-Z]{4,}|恢复/)?.[0] ?? 'RESTORE';
  await app.type('restore-typed', word);
  await app.click('restore-confirm');
  await app.waitVisible('restore-done', 60_000);
  await app.click('restore-login-again');
  if (pin) {
    await loginAs(app, name, pin);
  }
  return preview;
}

/** Settings' backup line: its text and the warning shown (`no_folder`, `never`, `failed`, `old`, or ""). */
export async function lastBackupLine(app) {
  await app.click('nav-settings');
  const box = await app.waitVisible('backup-status', 20_000);
  await app.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', box);
  return { text: await app.textOf(box), warning: await box.getAttribute('data-warning') };
}
