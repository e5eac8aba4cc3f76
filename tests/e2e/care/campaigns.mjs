// The campaigns part's steps for end-to-end tests (issue 17): set up a campaign in Back office →
// Campaigns, issue it (how many, confirm, progress), at checkout apply the attached member's
// coupon from her chips, and find (and send by hand) the campaign's message in the outbox. Each takes the harness's `App` (tests/e2e/harness.mjs) and waits until
// what it did is on screen, so the next step can rely on it.

/** Back office → Campaigns. */
export async function openCampaigns(app) {
  await app.click('nav-admin');
  await app.click('admin-campaigns');
  await app.waitVisible('campaigns-admin');
}

/** Waits for the campaign row named `name`; returns it. */
async function campaignRow(app, name, status) {
  return app.waitFor(
    async () => {
      for (const el of await app.all('campaign-row')) {
        if ((await el.getAttribute('data-name')) === name
          && (status === undefined || (await el.getAttribute('data-status')) === status)) return el;
      }
      return null;
    },
    async () => `expected a campaign-row named ${JSON.stringify(name)}${status ? ` with status ${status}` : ''}`,
  );
}

/**
 * New campaign: `tiers` (e.g. ['gold']; none: every tier), `coupon` (a back-office coupon's code:
 * each member gets a copy) or `points`, `controlPct` (default 10), optional `messageZh`,
 * `consentOnly`, `windowFrom` / `windowTo` (YYYY-MM-DD; default today + 30 days).
 */
export async function createCampaign(app, { name, tiers = [], coupon, points, controlPct, messageZh, consentOnly, windowFrom, windowTo }) {
  await openCampaigns(app);
  await app.click('campaign-add');
  await app.waitVisible('campaign-dialog');
  await app.type('campaign-name', name);
  for (const tier of tiers) await app.click(`campaign-tier-${tier}`);
  if (consentOnly) await app.choose('campaign-consent', 'yes');
  if (coupon) {
    await app.choose('campaign-offer-kind', 'coupon');
    await app.chooseByText('campaign-coupon', coupon);
  } else {
    await app.choose('campaign-offer-kind', 'points');
    await app.type('campaign-points', String(points ?? 100));
  }
  if (windowFrom) await app.setValue('campaign-window-from', windowFrom);
  if (windowTo) await app.setValue('campaign-window-to', windowTo);
  if (controlPct !== undefined) await app.type('campaign-control', String(controlPct));
  if (messageZh) await app.type('campaign-message-zh', messageZh);
  await app.click('campaign-save');
  await app.waitFor(
    async () => (await app.visible('campaign-dialog')) === null,
    async () => `expected campaign-dialog to close after saving; it shows ${await app.describeTestId('campaign-dialog')}`,
  );
  return campaignRow(app, name);
}

/** Issues the campaign named `name`: reads how many will receive it, confirms, waits for the end. Returns that count. */
export async function issueCampaign(app, { name }) {
  await openCampaigns(app);
  const row = await campaignRow(app, name);
  await (await row.findElement({ css: '[data-testid="campaign-issue"]' })).click();
  await app.waitVisible('campaign-issue-dialog');
  const reach = Number((await app.text('campaign-audience-reach')).replace(/[^\d]/g, ''));
  await app.click('campaign-issue-confirm');
  const done = await app.waitVisible('campaign-issued', 60_000);
  const issued = Number(await done.getAttribute('data-reach'));
  await app.click('campaign-issue-close');
  await campaignRow(app, name, 'issued');
  return { reach, issued };
}

/** Opens the results of the issued campaign `name`; returns the panel's figures as shown (text). */
export async function campaignResults(app, { name }) {
  await openCampaigns(app);
  const row = await campaignRow(app, name, 'issued');
  await (await row.findElement({ css: '[data-testid="campaign-results-open"]' })).click();
  await app.waitVisible('campaign-r-reached');
  const figures = {};
  for (const key of ['reached', 'held-out', 'redeemed', 'redeemer-revenue', 'cost', 'messages-sent']) {
    figures[key] = await app.text(`campaign-r-${key}`);
  }
  return figures;
}

/**
 * At checkout with a member attached: taps her coupon chip (the one copied from `code`, else the
 * first) and waits until the quote shows a coupon discount. Returns the chip's coupon id.
 */
export async function applyMemberCoupon(app, { code } = {}) {
  const chip = await app.waitFor(
    async () => {
      for (const el of await app.all('member-coupon')) {
        if (code === undefined || (await el.getAttribute('data-code')) === code) return el;
      }
      return null;
    },
    async () => `expected a member-coupon chip${code ? ` for ${code}` : ''} at checkout; saw ${await app.describeTestId('member-coupons')}`,
  );
  const id = await chip.getAttribute('data-id');
  await chip.click();
  await app.waitFor(
    async () => {
      for (const el of await app.all('member-coupon')) {
        if ((await el.getAttribute('data-id')) === id) return (await el.getAttribute('aria-pressed')) === 'true';
      }
      return false;
    },
    async () => `expected the member-coupon chip ${id} to be applied`,
  );
  await app.waitFor(
    async () => (await app.visible('error-coupon')) === null && (await app.visible('cart-coupon-remove')) !== null,
    async () => `expected the member coupon to apply without a refusal; saw ${await app.describeTestId('error-coupon')}`,
  );
  return id;
}

/** Waits on the Appointments screen's reminders panel for the message whose text holds `text`. */
async function queuedMessage(app, text) {
  await app.click('nav-appointments');
  await app.waitVisible('reminders');
  return app.waitFor(
    async () => {
      for (const el of await app.all('reminder')) {
        if ((await app.textOf(el)).includes(text)) return el;
      }
      return null;
    },
    async () => `expected a message holding ${JSON.stringify(text)} in the reminders panel; saw ${await app.describeTestId('reminders')}`,
  );
}

/**
 * A campaign's message waits in the outbox (the reminders panel lists what is to be sent by hand
 * when no webhook is set): finds the one holding `text` (e.g. her name and the offer) and returns
 * what the panel shows of it.
 */
export async function campaignMessageQueued(app, { text }) {
  return app.textOf(await queuedMessage(app, text));
}

/** Marks the queued message holding `text` sent by hand and waits until it leaves the panel. */
export async function markCampaignMessageSent(app, { text }) {
  const el = await queuedMessage(app, text);
  await (await el.findElement({ css: '[data-testid="reminder-mark-sent"]' })).click();
  await app.waitFor(
    async () => {
      for (const m of await app.all('reminder')) {
        if ((await app.textOf(m)).includes(text)) return false;
      }
      return true;
    },
    async () => `expected the message holding ${JSON.stringify(text)} to leave the panel once marked sent`,
  );
}
