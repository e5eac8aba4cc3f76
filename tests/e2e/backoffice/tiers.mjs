// Back office → Membership tiers, as the owner uses it: the steps the end-to-end test calls.
// Each takes the harness's `App` (tests/e2e/harness.mjs: `app.driver` is the WebDriver session)
// and works from wherever the app is, as long as the owner is logged in.

/** Opens Back office → Membership tiers. */
export async function openTiers(app) {
  await app.click('nav-admin');
  await app.click('admin-tiers');
  await app.waitVisible('tier-card-silver');
}

/**
 * Sets one tier's rule and saves: `mode` is 'both' | 'spend' | 'run' | 'either'; amounts in
 * yuan (numbers or text); a part the mode does not ask is left as it is. Returns the save's
 * message ("… 1 moved up …").
 */
export async function setTierRule(app, { tier, mode, spendYuan, monthlyYuan, months }) {
  await openTiers(app);
  if (mode) await app.choose(`tier-${tier}-mode`, mode);
  if (spendYuan !== undefined && mode !== 'run') await app.type(`tier-${tier}-cumulative`, String(spendYuan));
  if (monthlyYuan !== undefined && mode !== 'spend') await app.type(`tier-${tier}-monthly`, String(monthlyYuan));
  if (months !== undefined && mode !== 'spend') await app.type(`tier-${tier}-months`, String(months));
  return saveTiers(app);
}

/**
 * Gives a tier `count` free sessions of a service per `period` ('month' | 'quarter' | 'year'),
 * the service chosen by its name as the catalog shows it, and saves.
 */
export async function addFreeService(app, { tier, serviceName, count = 1, period = 'quarter' }) {
  await openTiers(app);
  await app.click(`tier-${tier}-free-add`);
  const rows = await app.all(`tier-${tier}-free-service`);
  const select = rows[rows.length - 1];
  const value = await app.driver.executeScript(
    `const s = arguments[0], name = arguments[1];
     const o = [...s.options].find((x) => x.textContent === name);
     return o ? o.value : null;`,
    select,
    serviceName,
  );
  if (!value) throw new Error(`expected a service named ${JSON.stringify(serviceName)} among the free-service choices`);
  await app.driver.executeScript(
    `const el = arguments[0];
     Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(el, arguments[1]);
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    select,
    value,
  );
  const counts = await app.all(`tier-${tier}-free-count`);
  await counts[counts.length - 1].clear();
  await counts[counts.length - 1].sendKeys(String(count));
  const periods = await app.all(`tier-${tier}-free-period`);
  await app.driver.executeScript(
    `const el = arguments[0];
     Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(el, arguments[1]);
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    periods[periods.length - 1],
    period,
  );
  return saveTiers(app);
}

/** Saves the tiers section and waits for the re-evaluation's message, which it returns. */
export async function saveTiers(app) {
  await app.click('tiers-save');
  await app.waitFor(
    async () => (await app.visible('tiers-saved')) || (await app.visible('tiers-error')),
    () => 'expected the tiers to save (tiers-saved) or an error (tiers-error)',
  );
  const failed = await app.visible('tiers-error');
  if (failed) throw new Error(`saving the tiers failed: ${await app.textOf(failed)}`);
  return app.text('tiers-saved');
}
