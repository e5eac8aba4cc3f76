// Steps on members' data requests (issue 15), for the data-in-and-out end-to-end test: Back
// office → Members' data requests (find her, export her data, erase her) and the consent
// history on her profile. Each takes the harness's App (`launchApp()`'s answer), logged in as
// the owner or a manager.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Back office → Members' data requests, then finds the member `query` matches (her first hit). */
export async function findForDataRequest(app, { query }) {
  await app.click('nav-admin');
  await app.click('admin-privacy');
  if (await app.visible('privacy-change')) await app.click('privacy-change');
  await app.type('privacy-search', query);
  await app.click('picker-result');
  await app.waitVisible('privacy-member');
  return app.text('privacy-member-name');
}

/**
 * Exports everything held about the member `query` finds; returns the path of the JSON file
 * the app wrote (in the data folder's exports/).
 */
export async function exportMemberData(app, { query }) {
  await findForDataRequest(app, { query });
  await app.click('privacy-export');
  const text = await app.text('privacy-exported-path');
  const path = text.match(/(\/\S+\.json)/);
  return path ? path[1] : text;
}

/**
 * Erases the member `query` finds, typing `confirm` (her name or her phone's last 4 digits)
 * in the confirmation. Returns `{ erased: true }` once the app says so, or
 * `{ erased: false, error }` when the confirmation was refused (the dialog stays open).
 */
export async function eraseMember(app, { query, confirm }) {
  await findForDataRequest(app, { query });
  await app.click('privacy-erase');
  await app.waitVisible('privacy-erase-dialog');
  await app.type('privacy-confirm', confirm);
  await app.click('privacy-erase-confirm');
  for (let i = 0; i < 100; i++) {
    if (await app.visible('privacy-erased')) return { erased: true };
    if (await app.visible('error-privacy-confirm')) return { erased: false, error: await app.text('error-privacy-confirm') };
    if (await app.visible('privacy-error')) return { erased: false, error: await app.text('privacy-error') };
    await sleep(100);
  }
  throw new Error(`expected the erase to finish; saw ${await app.describeTestId('privacy-erase-dialog')}`);
}

/**
 * On the open member profile: records that she gives (`consent: true`) or withdraws consent,
 * `how` ("desk_form", "paper_form", "verbal", "message"). Returns her consent history as shown,
 * newest first: `[{ consent, text }]`.
 */
export async function setConsent(app, { consent, how = 'verbal' }) {
  await app.click('consent-change');
  await app.waitVisible('consent-dialog');
  await app.click(consent ? 'consent-give' : 'consent-withdraw');
  await app.choose('consent-how', how);
  await app.click('consent-save');
  await app.waitHidden('consent-dialog');
  return consentHistory(app);
}

/** The consent history on the open member profile, newest first: `[{ consent, text }]`. */
export async function consentHistory(app) {
  await app.waitVisible('consent-history');
  for (let i = 0; i < 100; i++) {
    const [box] = await app.all('consent-history');
    if ((await box.getAttribute('data-state')) === 'ready') break;
    await sleep(50);
  }
  const rows = [];
  for (const row of await app.all('consent-row')) {
    rows.push({ consent: (await row.getAttribute('data-consent')) === 'true', text: await app.textOf(row) });
  }
  return rows;
}
