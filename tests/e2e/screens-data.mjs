// Screenshots of the screens issue 15 (the store's data in and out) added or changed, from a blank
// database, for a person to look at: the owner's first run with the database passphrase, the
// import (mapping, dry run report, result), a member's profile with her consent history, the
// export, the backups and the restore preview, members' data requests (the erase dialog),
// Settings (backups and encryption), and the unlock screen of the next start. PNGs are named
// <lang>-<size>-dNN-….png. Run by screens.mjs (SCREENS_PART=data).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchApp } from './harness.mjs';
import { dryRunImport, openImport, runImport } from './data/import.mjs';
import { exportDataset } from './data/exports.mjs';
import { backUpNow, previewLatest, setBackupFolder } from './data/backups.mjs';
import { findForDataRequest } from './data/privacy.mjs';
import { copyStoreFiles, forgotPassphrase } from './data/crypt.mjs';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'import-members.xlsx');
const escape = (app) => app.driver.executeScript("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))");

export async function dataScreens(variant, { shot, setLocale, log }) {
  const zh = variant.lang === 'zh-CN';
  const owner = { name: zh ? '林店主' : 'Lin Mei', pin: '258046' };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'salondesk-screens-backups-'));
  let app = await launchApp({ name: `screens-data-${variant.lang}-${variant.size}`, screen: variant.size });
  const step = async (label, fn) => {
    try {
      await fn();
    } catch (err) {
      log(`${variant.lang}-${variant.size} data ${label}: FAILED ${err.message}`);
      await app.saveFailure(`data-${label}`);
    }
  };
  try {
    await app.waitVisible('owner-name', 30_000);
    await setLocale(app, variant.lang);
    await app.driver.executeScript(`const s = document.createElement('style');
      s.textContent = '.toast { visibility: hidden !important; }'; document.head.append(s);`);
    await step('owner-passphrase', async () => {
      await app.type('owner-name', owner.name);
      await shot(app, variant, 'd01-owner-with-passphrase');
      await app.createOwner(owner);
    });
    await step('import', async () => {
      await openImport(app);
      await shot(app, variant, 'd02-import-empty');
      await dryRunImport(app, { file: FILE });
      await shot(app, variant, 'd03-import-mapping', 'import-admin', 'start');
      await shot(app, variant, 'd04-import-dry-run', 'import-refused-row');
      await runImport(app);
      await shot(app, variant, 'd05-import-done');
    });
    await step('profile-consent', async () => {
      await app.click('nav-members');
      await app.type('member-search', '8000');
      await app.click('member-result');
      await app.waitVisible('member-profile');
      await shot(app, variant, 'd06-profile-balances');
      await shot(app, variant, 'd07-profile-consent-history', 'consent-history');
    });
    await step('export', async () => {
      await exportDataset(app, { dataset: 'members', format: 'xlsx' });
      await shot(app, variant, 'd08-export-done');
    });
    await step('backups', async () => {
      await setBackupFolder(app, folder);
      await backUpNow(app);
      await shot(app, variant, 'd09-backups');
      await previewLatest(app);
      await shot(app, variant, 'd10-restore-preview');
      await escape(app);
    });
    await step('privacy', async () => {
      await findForDataRequest(app, { query: '9000' });
      await shot(app, variant, 'd11-data-request');
      await app.click('privacy-erase');
      await app.waitVisible('privacy-erase-dialog');
      await shot(app, variant, 'd12-erase-dialog');
      await escape(app);
    });
    await step('settings', async () => {
      await app.click('nav-settings');
      await shot(app, variant, 'd13-settings-backup-line', 'backup-status');
      await shot(app, variant, 'd14-settings-encryption', 'crypt-status');
      await app.click('logout').catch(() => {});
    });
    await step('unlock', async () => {
      const first = app;
      app = await launchApp({
        name: `screens-data-unlock-${variant.lang}-${variant.size}`,
        screen: variant.size,
        beforeStart: (dirs) => copyStoreFiles(first, dirs),
      });
      await first.close();
      await app.waitVisible('crypt-unlock', 30_000);
      await setLocale(app, variant.lang);
      await app.waitVisible('crypt-unlock', 30_000);
      await shot(app, variant, 'd15-unlock');
      await forgotPassphrase(app);
      await shot(app, variant, 'd16-unlock-forgot');
    });
  } finally {
    await app.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
