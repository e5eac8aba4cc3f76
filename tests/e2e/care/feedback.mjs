// Feedback, complaint and points steps on the real app (issue 17, part "feedback"). Each takes
// the harness's App (what `launchApp` returns) with a staff member logged in.
//
//   rateVisit(app, { score, staff: { 王芳: 5 }, comment })   on the done panel after a sale
//        → the grade's words shown ("优秀"/"Excellent" …)
//   openMember(app, { query, name })                         member lookup → her profile
//   recordComplaint(app, { query, name, kind, text })        from her profile (any staff)
//   openComplaintsCount(app)                                 → open complaints on the profile card
//   resolveComplaint(app, { member, action, satisfaction })  Back office → Complaints, as a manager:
//        take it in hand, note what was done and resolve it → the handling time's words
//   adjustPoints(app, { delta, reason })                     on her profile, as a manager → balance
//   addExchangeItem(app, { productName, name, points })      Back office → Points, as a manager
//   exchangePoints(app, { name })                            on her profile → balance after
import { By } from 'selenium-webdriver';

async function attr(app, testId, name) {
  return (await app.byTestId(testId)).getAttribute(name);
}

/** Clicks the first element matching `css` once it exists. */
async function clickCss(app, css, what) {
  const el = await app.waitFor(
    async () => (await app.driver.findElements(By.css(css)))[0] ?? null,
    async () => `expected ${what} (${css})`,
  );
  await el.click();
  return el;
}

export async function rateVisit(app, { score, staff = {}, comment = '' }) {
  await app.click('visit-rating-open');
  await app.waitVisible('feedback-form');
  if (process.env.E2E_SHOTS) await app.screenshot('rating-form');
  await app.click(`feedback-score-${score}`);
  for (const [name, s] of Object.entries(staff)) {
    await clickCss(app, `[data-testid="feedback-staff-score-${name}-${s}"]`, `${name}'s score button ${s}`);
  }
  if (comment) await app.type('feedback-comment', comment);
  await app.click('feedback-save');
  await app.waitVisible('rating-saved');
  return app.text('rating-saved');
}

export async function openMember(app, { query, name }) {
  await app.click('nav-members');
  await app.type('member-search', query);
  await app.waitFor(
    async () => (await app.texts('member-result')).some((t) => t.includes(name)),
    async () => `expected a member-result with ${name} for ${query}; saw ${JSON.stringify(await app.texts('member-result'))}`,
  );
  const results = await app.all('member-result');
  for (const r of results) {
    if ((await app.textOf(r)).includes(name)) {
      await r.click();
      break;
    }
  }
  await app.waitVisible('member-profile');
}

/** Open complaints on the profile's card, once it has loaded. */
export async function openComplaintsCount(app) {
  await app.waitFor(
    async () => (await attr(app, 'member-complaints', 'data-state')) === 'ready',
    async () => `expected the complaints card to load; saw ${await app.describeTestId('member-complaints')}`,
  );
  return Number(await attr(app, 'member-complaints', 'data-open'));
}

export async function recordComplaint(app, { query, name, kind = 'service_quality', text }) {
  await openMember(app, { query, name });
  const before = await openComplaintsCount(app);
  await app.click('complaint-record');
  await app.waitVisible('complaint-dialog');
  await app.setValue('complaint-kind', kind);
  await app.type('complaint-description', text);
  await app.click('complaint-save');
  await app.waitHidden('complaint-dialog');
  await app.waitFor(
    async () => Number(await attr(app, 'member-complaints', 'data-open')) === before + 1,
    async () => `expected ${before + 1} open complaints on her card; saw ${await app.describeTestId('member-complaints')}`,
  );
}

export async function resolveComplaint(app, { member, action, satisfaction }) {
  await app.click('nav-admin');
  await app.click('admin-complaints');
  await app.click('complaints-filter-open');
  await app.waitFor(
    async () => (await attr(app, 'complaints-admin', 'data-state')) === 'ready',
    async () => `expected the complaints list to load; saw ${await app.describeTestId('complaints-admin')}`,
  );
  await clickCss(app, `[data-testid="complaint-row"][data-member="${member}"] [data-testid="complaint-open"]`,
    `an open complaint of ${member}`);
  await app.waitVisible('complaint-detail-body');
  await app.click('complaint-take');
  await app.waitFor(
    async () => (await attr(app, 'complaint-detail-body', 'data-status')) === 'in_progress',
    async () => `expected the complaint in hand; saw ${await app.describeTestId('complaint-detail-body')}`,
  );
  await app.type('complaint-note', action);
  await app.click(`complaint-satisfaction-pick-${satisfaction}`);
  await app.click('complaint-resolve');
  await app.waitFor(
    async () => (await attr(app, 'complaint-detail-body', 'data-status')) === 'resolved',
    async () => `expected the complaint resolved; saw ${await app.describeTestId('complaint-detail-body')}`,
  );
  const took = await app.text('complaint-handling');
  // Esc closes the dialog (the Dialog listens on the window), leaving the list behind it.
  await app.driver.executeScript(
    "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }))");
  await app.waitHidden('complaint-detail');
  return took;
}

async function balance(app) {
  await app.waitFor(
    async () => (await attr(app, 'member-points', 'data-balance')) !== '',
    async () => `expected her points to load; saw ${await app.describeTestId('member-points')}`,
  );
  return Number(await attr(app, 'member-points', 'data-balance'));
}

export async function adjustPoints(app, { delta, reason }) {
  const before = await balance(app);
  await app.click('points-adjust');
  await app.waitVisible('points-adjust-dialog');
  await app.click(delta < 0 ? 'points-adjust-take' : 'points-adjust-add');
  await app.type('points-adjust-amount', String(Math.abs(delta)));
  await app.type('points-adjust-note', reason);
  await app.click('points-adjust-save');
  await app.waitHidden('points-adjust-dialog');
  await app.waitFor(
    async () => (await balance(app)) === before + delta,
    async () => `expected ${before + delta} points; saw ${await app.describeTestId('member-points')}`,
  );
  return before + delta;
}

export async function addExchangeItem(app, { productName, name, points }) {
  await app.click('nav-admin');
  await app.click('admin-points');
  await app.click('exchange-add');
  await app.waitVisible('exchange-dialog');
  await app.setValue('exchange-kind', 'product');
  await app.waitFor(
    async () => {
      const options = await (await app.byTestId('exchange-item-pick')).findElements(By.css('option'));
      for (const o of options) if ((await o.getText()) === productName) return o.getAttribute('value');
      return null;
    },
    async () => `expected ${productName} among the gift products`,
  ).then((id) => app.setValue('exchange-item-pick', id));
  await app.type('exchange-name', name);
  await app.type('exchange-points', String(points));
  await app.click('exchange-save');
  await app.waitHidden('exchange-dialog');
  await app.waitFor(
    async () => (await app.driver.findElements(By.css(`[data-testid="exchange-row"][data-name="${name}"]`))).length > 0,
    async () => `expected ${name} on the exchange list`,
  );
}

export async function exchangePoints(app, { name }) {
  const before = await balance(app);
  await app.click('points-exchange');
  await app.waitVisible('points-exchange-dialog');
  const row = await app.waitFor(
    async () => (await app.driver.findElements(By.css(`[data-testid="exchange-item"][data-name="${name}"]`)))[0] ?? null,
    async () => `expected ${name} on the exchange list`,
  );
  const points = Number(await row.getAttribute('data-points'));
  await (await row.findElement(By.css('[data-testid="exchange-item-take"]'))).click();
  await app.waitHidden('points-exchange-dialog');
  await app.waitFor(
    async () => (await balance(app)) === before - points,
    async () => `expected ${before - points} points after the exchange; saw ${await app.describeTestId('member-points')}`,
  );
  return before - points;
}
