// The member list's steps for end-to-end tests (Back office → Member list, issue 17): open it,
// set filters and read the live count, save the filter as a segment a campaign then picks, open
// a member from the list, export the segment. Each takes the harness's `App`
// (tests/e2e/harness.mjs) and waits until the screen has answered, so the next step can rely on it.

/** Back office → Member list; waits for the first count. Returns it. */
export async function openMemberList(app) {
  await app.click('nav-admin');
  await app.click('admin-segments');
  await app.waitVisible('segments-admin');
  return waitCount(app);
}

/** Waits until the list has answered the filter shown (not busy, a count); returns the count. */
export async function waitCount(app) {
  return app.waitFor(
    async () => {
      const el = await app.visible('segments-admin');
      if (!el || (await el.getAttribute('data-busy')) === 'true') return null;
      const n = await el.getAttribute('data-count');
      return n === '' || n === null ? null : { n: Number(n) };
    },
    async () => `expected the member list to answer; saw ${await app.describeTestId('segment-count')}`,
  ).then((r) => r.n);
}

/**
 * Sets filters (those given; the others stay as they are) and returns the count the list shows:
 * `tiers` (standard, silver, gold, platinum), `rfm` (high_value, medium_value, low_value, at_risk,
 * lost), `genders`, `skinTypes` (chips, toggled on), `consent` ('yes' | 'no' | ''),
 * `birthdayMonth` (1..12), `spendMinYuan`, `spendMaxYuan`, `visitsMin`, `visitsMax`, `ageMin`,
 * `ageMax`, `lastVisitFrom`, `lastVisitTo` ('YYYY-MM-DD'), `regions`, `tags` (comma-separated).
 */
export async function filterMembers(app, f) {
  const chips = { tiers: f.tiers, rfm: f.rfm, genders: f.genders, skinTypes: f.skinTypes };
  for (const [group, values] of Object.entries(chips)) {
    for (const v of values ?? []) {
      const chip = await app.waitVisible(`segment-${group}-${v}`);
      if ((await chip.getAttribute('aria-pressed')) !== 'true') await app.click(`segment-${group}-${v}`);
    }
  }
  if (f.consent !== undefined) await app.choose('segment-consent', f.consent);
  if (f.birthdayMonth !== undefined) await app.choose('segment-birthdayMonth', String(f.birthdayMonth));
  const boxes = {
    spendMin: f.spendMinYuan, spendMax: f.spendMaxYuan, visitsMin: f.visitsMin, visitsMax: f.visitsMax,
    ageMin: f.ageMin, ageMax: f.ageMax, regions: f.regions, tags: f.tags,
  };
  for (const [box, value] of Object.entries(boxes)) {
    if (value !== undefined) await app.type(`segment-${box}`, String(value));
  }
  for (const box of ['lastVisitFrom', 'lastVisitTo']) {
    if (f[box] !== undefined) await app.setValue(`segment-${box}`, f[box]);
  }
  // The list asks after a short pause; let it start before waiting for its answer.
  await app.settle();
  return waitCount(app);
}

/** Clears every filter; returns the count of all members. */
export async function clearFilters(app) {
  await app.click('segment-clear');
  await app.settle();
  return waitCount(app);
}

/** The names in the list's first page, in order. */
export async function listedNames(app) {
  await waitCount(app);
  return app.texts('segment-row-name');
}

/** Saves the filters shown as a new segment named `name`; waits until it is the one picked. */
export async function saveSegment(app, { name }) {
  await app.click('segment-save');
  await app.waitVisible('segment-save-dialog');
  await app.type('segment-name', name);
  await app.click('segment-save-confirm');
  await app.waitHidden('segment-save-dialog');
  await app.waitFor(
    async () => (await (await app.byTestId('segment-saved')).getAttribute('data-picked')) === name,
    async () => `expected the saved segment ${name} to be picked; saw ${await app.describeTestId('segment-saved')}`,
  );
}

/** Opens the profile of the member named `name` from the list. */
export async function openListedMember(app, name) {
  const cell = await app.waitFor(
    async () => {
      for (const el of await app.all('segment-row-name')) {
        if ((await app.textOf(el)) === name) return el;
      }
      return null;
    },
    async () => `expected ${name} in the member list; saw ${await app.describeTestId('segment-row-name')}`,
  );
  // The list scrolls inside its card: bring the row into view before clicking it.
  await app.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', cell);
  await cell.click();
  await app.waitVisible('member-profile');
}

/** Exports the segment shown ('xlsx' | 'csv'); returns { rows, masked }. */
export async function exportSegment(app, format = 'xlsx') {
  await app.click(`segment-export-${format}`);
  const done = await app.waitVisible('segment-exported');
  return { rows: Number(await done.getAttribute('data-rows')), masked: (await done.getAttribute('data-masked')) === 'true' };
}
