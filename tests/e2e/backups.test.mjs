// Backups on the real app and a blank database: the owner sets a folder, backs up (checked,
// listed), sees Settings' last-backup line without a warning, then opens a shift (after the
// backup) and restores the backup: the preview shows what it holds, everyone is logged out, and
// after logging in again the shift opened after the backup is gone. The steps live in
// data/backups.mjs for the data end-to-end test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { backUpNow, lastBackupLine, listBackups, restoreLatest, setBackupFolder } from './data/backups.mjs';

const OWNER = { name: '林店主', pin: '258046' };

describe('backups: folder, back up now, the Settings line, restore', { timeout: 300_000 }, () => {
  let app = null;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'salondesk-e2e-backups-'));
  before(async () => {
    app = await launchApp({ name: 'backups' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('no-folder-warned', async () => {
    await app.createOwner(OWNER);
    const line = await lastBackupLine(app);
    assert.equal(line.warning, 'no_folder', `a new till is warned it has no backup folder: ${line.text}`);
  });

  step('folder-and-backup', async () => {
    await setBackupFolder(app, folder);
    const name = await backUpNow(app);
    assert.match(name, /^salondesk-S01-001-\d{8}-\d{6}\.sqlite3$/, 'named with the store and the time');
    assert.ok(fs.existsSync(path.join(folder, name)), 'the file is in the folder');
    const listed = await listBackups(app);
    assert.deepEqual(listed.map((b) => b.name), [name], 'listed in the section');
    const line = await lastBackupLine(app);
    assert.equal(line.warning, '', `a fresh backup: no warning (${line.text})`);
  });

  step('restore', async () => {
    await app.openShift('500');
    const preview = await restoreLatest(app, OWNER);
    assert.equal(preview.sales, 0, 'the backup holds no sale');
    assert.ok(preview.integrityOk, 'and passes its check');
    await app.click('nav-shift');
    await app.waitVisible('shift-float');
    const aside = fs.readdirSync(path.dirname(app.dbPath)).filter((f) => f.includes('.replaced-'));
    assert.ok(aside.length > 0, `the replaced database is kept aside: ${aside}`);
  });
});
