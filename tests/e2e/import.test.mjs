// Import on the real app and a blank database: the owner imports a small .xlsx from an old
// system with one bad row (a birthday on Feb 30), sees the dry run's counts and the refused row,
// saves the refused rows, imports, and the same file again changes nothing. The steps live in
// data/import.mjs for the lead's end-to-end test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { dryRunImport, importMembers, saveRefusedRows } from './data/import.mjs';

const OWNER = { name: '林店主', pin: '258046' };
const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'import-members.xlsx');

describe('import: members from an .xlsx with one bad row', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'import' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner', async () => {
    await app.createOwner(OWNER);
  });

  step('dry-run-and-import', async () => {
    const { dryRun, result } = await importMembers(app, { file: FILE });
    assert.deepEqual(dryRun.counts, { rows: 3, added: 2, updated: 0, unchanged: 0, refused: 1 }, 'two to add, one refused');
    assert.deepEqual(dryRun.refused, [{ row: 4, reason: 'bad_date' }], 'row 4: Feb 30 is no birthday');
    assert.deepEqual(result, { rows: 3, added: 2, updated: 0, unchanged: 0, refused: 1 }, 'what the dry run said');
  });

  step('refused-rows-file', async () => {
    const saved = await saveRefusedRows(app);
    const bytes = fs.readFileSync(saved);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM for Excel');
    assert.ok(bytes.toString('utf8').includes('4,birthday,bad_date'), 'row 4, its column and reason');
  });

  step('same-file-again', async () => {
    const { counts } = await dryRunImport(app, { file: FILE });
    assert.deepEqual(counts, { rows: 3, added: 0, updated: 0, unchanged: 2, refused: 1 }, 'both are found unchanged');
  });
});
