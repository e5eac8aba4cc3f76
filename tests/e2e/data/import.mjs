// Steps on Back office → Import for end-to-end tests: choose what to import and a file, dry run
// (the counts and refused rows the screen shows), import (waits for the progress bar to finish),
// and save the refused rows. Each takes the harness's `App` (tests/e2e/harness.mjs), logged in as
// the owner (only she may import). Files are given as paths on this machine.
import fs from 'node:fs';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the import section is idle (no step running). */
async function idle(app) {
  await sleep(150);
  await app.waitFor(
    async () => (await (await app.waitVisible('import-admin')).getAttribute('data-busy')) === '',
    async () => `expected the import screen to finish its step; saw ${await app.describeTestId('import-admin')}`,
    120_000,
  );
  const error = await app.visible('import-error');
  if (error) throw new Error(`the import screen shows an error: ${await app.textOf(error)}`);
}

/** Back office → Import. */
export async function openImport(app) {
  await app.click('nav-admin');
  await app.click('admin-import');
  await app.waitVisible('import-admin');
}

/**
 * Puts `file` in the page's file input: typed as a path (WebDriver's way), or, where the driver
 * cannot, given to the input from script as the page would get it from a file dialog.
 */
async function setFile(app, file) {
  const abs = path.resolve(file);
  const input = await app.waitVisible('import-file');
  try {
    await input.sendKeys(abs);
  } catch {
    // Falls through to the script below.
  }
  const chosen = await app.driver.executeScript('return arguments[0].files.length', input);
  if (chosen > 0) return;
  await app.driver.executeScript(
    `const [el, name, b64] = arguments;
     const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
     const dt = new DataTransfer();
     dt.items.add(new File([bytes], name));
     el.files = dt.files;
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    input,
    path.basename(abs),
    fs.readFileSync(abs).toString('base64'),
  );
}

async function counts(app) {
  const out = {};
  for (const key of ['rows', 'added', 'updated', 'unchanged', 'refused']) {
    out[key] = Number(await (await app.waitVisible(`import-count-${key}`)).getAttribute('data-value'));
  }
  return out;
}

async function refusedRows(app) {
  const rows = [];
  for (const row of await app.all('import-refused-row')) {
    rows.push({ row: Number(await row.getAttribute('data-row')), reason: await row.getAttribute('data-reason') });
  }
  return rows;
}

/**
 * Import → `kind` (members, services, products) → `file` → Dry run. `mapping` changes the guessed
 * mapping: `{ <column index>: <field or ''> }`. Returns the dry run's counts as shown
 * ({ rows, added, updated, unchanged, refused }) and the refused rows ([{ row, reason }]).
 */
export async function dryRunImport(app, { file, kind = 'members', mapping = {} }) {
  await openImport(app);
  await app.click(`import-kind-${kind}`);
  await setFile(app, file);
  await app.waitVisible('import-mapping', 60_000);
  await idle(app);
  for (const [col, field] of Object.entries(mapping)) await app.setValue(`import-map-${col}`, field);
  await app.click('import-dry-run');
  await app.waitVisible('import-summary', 60_000);
  await idle(app);
  return { counts: await counts(app), refused: await refusedRows(app) };
}

/** After a dry run: Import, waits for the result; returns its counts as shown. */
export async function runImport(app) {
  await app.click('import-run');
  await app.waitVisible('import-result', 300_000);
  await idle(app);
  return counts(app);
}

/**
 * A member file from the old system, start to end: the dry run's counts and refused rows, then
 * the import's counts. `{ dryRun: { counts, refused }, result }`.
 */
export async function importMembers(app, { file, mapping = {} }) {
  const dryRun = await dryRunImport(app, { file, kind: 'members', mapping });
  const result = await runImport(app);
  return { dryRun, result };
}

/** Saves the refused rows (after a dry run or an import); returns the path the app wrote. */
export async function saveRefusedRows(app) {
  await app.click('import-download');
  const saved = await app.waitVisible('import-saved');
  const text = await app.textOf(saved);
  const match = text.match(/(\/\S+\.csv)/);
  if (!match) throw new Error(`expected a file path in ${JSON.stringify(text)}`);
  return match[1];
}
