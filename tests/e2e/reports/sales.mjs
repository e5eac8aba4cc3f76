// The Reports screen's steps (issue 18), for end-to-end tests and screenshots. Each takes the
// harness's `App`.

/** "¥1,200.00" / "1,200.00" → 120000 fen; "2" → 2. */
export function figure(text) {
  const match = String(text).replace(/[,\s¥]/g, '').match(/-?\d+(\.\d+)?/);
  if (!match) throw new Error(`expected a number in ${JSON.stringify(text)}`);
  return match[1] ? Math.round(Number(match[0]) * 100) : Number(match[0]);
}

/** Reports → `tab` ("sales", "staff"), period `period` ("day", "week", "month", "year"); waits for the tab's report. */
export async function openReports(app, { tab = 'sales', period = 'day' } = {}) {
  await app.click('nav-reports');
  await app.waitVisible('reports-screen');
  await app.click(`reports-tab-${tab}`);
  await app.click(`reports-period-${period}`);
  await app.waitVisible(`${tab}-report`, 20_000);
}

/** A KPI card's figure (fen for money), waiting until it equals `expected` when given. */
export async function reportKpi(app, key, expected = undefined) {
  const read = async () => {
    const el = await app.visible(`kpi-${key}-value`);
    return el ? figure(await app.textOf(el)) : null;
  };
  if (expected === undefined) return read();
  return app.waitFor(
    async () => ((await read()) === expected ? expected : null),
    async () => `expected kpi ${key} = ${expected}; saw ${await read()}`,
    20_000,
  );
}

/** The rows of a report's table `id` (by_period, top_services …) as arrays of cell texts. */
export async function reportTableRows(app, id) {
  const table = await app.waitVisible(`report-table-${id}`);
  const rows = [];
  for (const tr of await table.findElements({ css: 'tbody tr' })) {
    const cells = [];
    for (const td of await tr.findElements({ css: 'td' })) cells.push((await td.getText()).trim());
    rows.push(cells);
  }
  return rows;
}

/** What the chart `id` draws: its series' data (money in yuan), from the chart's element. */
export async function chartSeries(app, id) {
  const el = await app.waitVisible(`chart-${id}`);
  const raw = await el.getAttribute('data-series');
  return raw ? JSON.parse(raw) : [];
}

/** Exports the table `id` as `format` ("csv" or "xlsx"); returns the file's path shown on screen. */
export async function exportReportTable(app, id, format = 'csv') {
  await app.click(`export-${format}-${id}`);
  return app.waitFor(
    async () => {
      const el = await app.visible(`export-file-${id}`);
      const text = el ? await app.textOf(el) : '';
      const match = text.match(/(\/\S+\.(csv|xlsx))/);
      return match ? match[1] : null;
    },
    async () => `expected the export's path under export-file-${id}; saw ${await app.describeTestId(`export-file-${id}`)}, error ${await app.describeTestId(`export-error-${id}`)}`,
    20_000,
  );
}
