// The store's data in and out, as issue 15 tells it, on the real app and a blank database: the
// owner imports her members from the old system's .xlsx (one bad row: 张敏's birthday, Feb 30),
// sees the dry run's report and the refused row, saves the refused rows, imports; the same file
// again changes nothing. She finds 王丽 with the balance the file gave her (¥1,000 + ¥200 bonus),
// backs the store up to a folder, registers one more member after the backup, and restores the
// backup: the preview shows what it holds, the replaced database is kept aside, 王丽 is there
// with her balance and the member added after the backup is not.
//
// Figures by hand: the file has three rows; two are added, row 4 is refused (bad_date).
// 王丽: stored value 1000 + bonus 200 = ¥1,200.00, 300 points.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { dryRunImport, importMembers, saveRefusedRows } from './data/import.mjs';
import { backUpNow, lastBackupLine, restoreLatest, setBackupFolder } from './data/backups.mjs';

const OWNER = { name: '林店主', pin: '258046' };
const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'import-members.xlsx');
/** "¥1,200.00" → 120000 fen. */
function figure(text) {
  const match = String(text).replace(/[,\s]/g, '').match(/-?\d+(\.\d+)?/);
  if (!match) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Math.round(Number(match[0]) * 100);
}

const COUNTS = { rows: 3, added: 2, updated: 0, unchanged: 0, refused: 1 };

describe('data in and out: import from the old system, find her balance, back up, restore', { timeout: 420_000 }, () => {
  let app = null;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'salondesk-e2e-data-'));
  before(async () => {
    app = await launchApp({ name: 'data' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  /** Member lookup → `query` → the first result's profile; waits for `name` in it. */
  async function openMember(query, name) {
    await app.click('nav-members');
    await app.type('member-search', query);
    await app.waitFor(
      async () => (await app.texts('member-result')).some((t) => t.includes(name)),
      async () => `expected a member-result with ${name} for ${query}; saw ${JSON.stringify(await app.texts('member-result'))}`,
    );
    await app.click('member-result');
    await app.waitVisible('member-profile');
  }

  async function storedValueIs(fen) {
    return app.waitFor(
      async () => {
        const el = await app.visible('profile-stored-value');
        if (!el) return false;
        try { return figure(await app.textOf(el)) === fen; } catch { return false; }
      },
      async () => `expected profile-stored-value to show ${fen} fen; saw ${await app.describeTestId('profile-stored-value')}`,
    );
  }

  step('owner', async () => {
    await app.createOwner(OWNER);
    const line = await lastBackupLine(app);
    assert.equal(line.warning, 'no_folder', `a new till is warned it has no backup folder: ${line.text}`);
  });

  step('dry-run-report-and-import', async () => {
    const { dryRun, result } = await importMembers(app, { file: FILE });
    assert.deepEqual(dryRun.counts, COUNTS, 'the dry run: two to add, one refused');
    assert.deepEqual(dryRun.refused, [{ row: 4, reason: 'bad_date' }], 'row 4: Feb 30 is no birthday');
    assert.deepEqual(result, COUNTS, 'the import did what the dry run said');
  });

  step('refused-rows-file', async () => {
    const saved = await saveRefusedRows(app);
    const bytes = fs.readFileSync(saved);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM, for Excel');
    assert.ok(bytes.toString('utf8').includes('4,birthday,bad_date'), 'row 4, its column and its reason');
    assert.ok(!bytes.toString('utf8').includes('张敏'), 'the file names the row, not the person');
  });

  step('same-file-again-changes-nothing', async () => {
    const { counts } = await dryRunImport(app, { file: FILE });
    assert.deepEqual(counts, { rows: 3, added: 0, updated: 0, unchanged: 2, refused: 1 }, 'both members found unchanged');
  });

  step('find-her-with-her-balance', async () => {
    await openMember('8000', '王丽');
    await storedValueIs(120_000);
  });

  step('back-up', async () => {
    await setBackupFolder(app, folder);
    const name = await backUpNow(app);
    assert.ok(fs.existsSync(path.join(folder, name)), `the backup ${name} is in the folder`);
    const line = await lastBackupLine(app);
    assert.equal(line.warning, '', `a fresh backup: Settings warns of nothing (${line.text})`);
  });

  step('a-member-after-the-backup', async () => {
    await app.click('nav-members');
    await app.click('new-member');
    await app.type('field-name', '赵雪');
    await app.type('field-phone', '13500135000');
    await app.click('member-save');
    await app.waitVisible('member-profile');
    await openMember('5000', '赵雪');
  });

  step('restore', async () => {
    const preview = await restoreLatest(app, OWNER);
    assert.equal(preview.members, 2, 'the backup holds the two imported members');
    assert.ok(preview.integrityOk, 'and passed its check');
    const aside = fs.readdirSync(path.dirname(app.dbPath)).filter((f) => f.includes('.replaced-'));
    assert.ok(aside.length > 0, `the replaced database is kept aside: ${aside}`);
  });

  step('after-the-restore', async () => {
    await openMember('8000', '王丽');
    await storedValueIs(120_000);
    await app.click('nav-members');
    await app.type('member-search', '5000');
    // The search for 5000 found her before the restore (the step above); now it finds no one.
    await app.waitVisible('member-no-results');
    const found = await app.texts('member-result');
    assert.ok(!found.some((t) => t.includes('赵雪')), `the member added after the backup is gone: ${JSON.stringify(found)}`);
  });
});
