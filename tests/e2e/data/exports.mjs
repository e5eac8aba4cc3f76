// Steps on Back office → Export data, for the end-to-end test of issue 15: pick a dataset, a
// period (not for members), Excel or CSV, export, and read the result the screen shows. Each
// takes the harness's App (`launchApp()`'s answer), logged in as the owner or a manager.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Back office → Export data (the section on screen). */
export async function openExports(app) {
  await app.click('nav-admin');
  await app.click('admin-exports');
  await app.waitVisible('exports-admin');
}

/**
 * Exports `dataset` ("members", "sales", "ledgers", "stock") as `format` ("xlsx" or "csv"),
 * for `from`/`to` (YYYY-MM-DD; default this month so far; ignored for members). Returns what
 * the screen shows: `{ files, path, rows, masked }` — `files` every path written (a CSV of
 * sales: lines then payments), `path` the first, `rows` the data rows, `masked` whether phones
 * and sensitive notes were withheld for this role.
 */
export async function exportDataset(app, { dataset = 'members', format = 'xlsx', from, to } = {}) {
  await openExports(app);
  await app.click(`export-dataset-${dataset}`);
  await app.click(`export-format-${format}`);
  if (dataset !== 'members') {
    if (from) await app.setValue('export-period-from', from);
    if (to) await app.setValue('export-period-to', to);
  }
  await sleep(100);
  await app.click('export-run');
  await app.waitFor(
    async () => (await app.visible('export-result')) ?? (await app.visible('export-error')),
    async () => `expected the export's result or an error; saw ${await app.describeTestId('exports-admin')}`,
    60_000,
  );
  const failed = await app.visible('export-error');
  if (failed) throw new Error(`the export failed: ${await app.textOf(failed)}`);
  const result = await app.waitVisible('export-result');
  const files = [];
  for (const el of await app.all('export-file')) files.push(await app.textOf(el));
  return {
    files,
    path: files[0],
    rows: Number(await result.getAttribute('data-rows')),
    masked: (await result.getAttribute('data-masked')) === 'true',
  };
}
