// The Reports screen's members, campaigns and stock tabs, for end-to-end tests: open a tab and
// wait for its report (or its error banner), read a headline figure, read a table's rows. Each
// takes the harness's `App` (tests/e2e/harness.mjs).

/** Top bar → Reports → the `tab` tab (members, campaigns, stock); waits for its figures. */
export async function openReportTab(app, tab) {
  await app.click('nav-reports');
  await app.waitVisible('reports-screen');
  await app.click(`reports-tab-${tab}`);
  await app.waitFor(
    async () => (await app.visible(`${tab}-report`)) ?? (await app.visible(`${tab}-report-error`)),
    async () => `expected the ${tab} report or its error banner`,
  );
  const error = await app.visible(`${tab}-report-error`);
  if (error) throw new Error(`the ${tab} report was refused: ${await app.textOf(error)}`);
}

/** A headline figure's text (`key`: members_active, stock_sold …) on the `tab` tab (the one
 *  KPI card of every tab: kpi-<key>-value). */
export async function reportKpi(app, tab, key) {
  await app.waitVisible(`${tab}-kpis`);
  return app.text(`kpi-${key}-value`);
}

/** The rows of the report table `id` (members_tiers …) as arrays of cell texts. */
export async function reportRows(app, id) {
  await app.waitVisible(`report-section-${id}`);
  if (await app.visible(`report-empty-${id}`)) return [];
  const table = await app.waitVisible(`report-table-${id}`);
  const rows = await table.findElements({ css: 'tbody tr' });
  const out = [];
  for (const row of rows) {
    const cells = await row.findElements({ css: 'td' });
    out.push(await Promise.all(cells.map(async (c) => (await c.getText()).trim())));
  }
  return out;
}

/** Whether the chart beside table `id` is drawn (an SVG in it). */
export async function reportChartDrawn(app, id) {
  const chart = await app.waitVisible(`chart-${id}`);
  return (await chart.findElements({ css: 'svg' })).length > 0;
}

/** Picks `value` in the period bar's store picker (a store's id, or '*chain' for the whole chain;
 *  shown on a head-office device that knows more than one store). Reopens Reports first so the
 *  picker lists the stores the chain console just learnt. */
export async function pickReportStore(app, tab, value) {
  await app.click('nav-members');
  await openReportTab(app, tab);
  await app.waitVisible('reports-store', 20_000);
  await app.choose('reports-store', value);
}

/** The "this store only" note of the stock or campaigns tab (text), waiting for it. */
export async function ownStoreOnlyNote(app, tab) {
  await app.waitVisible(`${tab}-own-store-only`, 20_000);
  return app.text(`${tab}-own-store-only`);
}
