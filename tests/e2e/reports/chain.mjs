// The chain owner's console steps (Reports → Chain, issue 18), for end-to-end tests of the real
// app on a head-office device. Each takes the harness's `app` and waits until its step has
// visibly happened.
//
//   openChainConsole(app)                          → the console's state: 'connect' | 'console' | 'blocked'
//   connectChainConsole(app, ownerKey)             (a refused key: expectChainKeyRefused)
//   expectChainKeyRefused(app, ownerKey)
//   addChainStore(app, { name, code })
//   makeEnrolmentCode(app, storeCode, { headOffice }) → the code shown (XXXX-XXXX), QR checked
//   closeEnrolmentCode(app)
//   refreshChainTills(app)
//   revokeChainTill(app, deviceId)
import assert from 'node:assert/strict';

export async function openChainConsole(app) {
  await app.click('nav-reports');
  await app.waitVisible('reports-screen');
  await app.click('reports-tab-chain');
  const state = await app.waitFor(async () => {
    if (await app.visible('chain-connect')) return 'connect';
    if (await app.visible('chain-console')) return 'console';
    if (await app.visible('chain-blocked')) return 'blocked';
    return null;
  }, async () => 'expected the chain tab to show the console, its connect form or why it cannot run');
  return state;
}

export async function connectChainConsole(app, ownerKey) {
  await app.type('chain-owner-key', ownerKey);
  await app.click('chain-connect-submit');
  await app.waitVisible('chain-console', 20_000);
  await app.waitVisible('chain-stores-table', 20_000);
}

/** A key the server does not take: said on the key's field, and the form stays. */
export async function expectChainKeyRefused(app, ownerKey) {
  await app.type('chain-owner-key', ownerKey);
  await app.click('chain-connect-submit');
  await app.waitVisible('error-ownerKey', 20_000);
  assert.ok(await app.visible('chain-connect'), 'the connect form stays, with the key as typed');
}

export async function addChainStore(app, { name, code }) {
  await app.click('chain-add-store');
  await app.waitVisible('chain-add-store-dialog');
  await app.type('chain-store-name', name);
  await app.type('chain-store-code', code);
  await app.click('chain-add-store-save');
  await app.waitVisible(`chain-store-${code}`, 20_000);
  await app.waitHidden('chain-add-store-dialog');
}

export async function makeEnrolmentCode(app, storeCode, { headOffice = false } = {}) {
  await app.click(`chain-code-${storeCode}`);
  await app.waitVisible('chain-code-dialog');
  if (headOffice) await app.click('chain-code-head-office');
  await app.click('chain-code-make');
  await app.waitVisible('chain-code-made', 20_000);
  const code = await app.text('chain-code-text');
  assert.match(code, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/, 'a typeable code, XXXX-XXXX');
  const qr = await app.byTestId('chain-code-qr');
  const svg = await qr.getAttribute('innerHTML');
  assert.ok(svg.includes('<svg'), 'and its QR code drawn beside it');
  await app.screenshot('enrolment-code');
  return code;
}

export async function closeEnrolmentCode(app) {
  await app.click('chain-code-close');
  await app.waitHidden('chain-code-dialog');
}

export async function refreshChainTills(app) {
  await app.click('chain-tills-refresh');
  await app.waitVisible('chain-tills-table', 20_000);
}

export async function revokeChainTill(app, deviceId) {
  await app.click(`chain-revoke-${deviceId}`);
  await app.waitVisible('chain-revoke-dialog');
  await app.click('chain-revoke-confirm');
  await app.waitHidden('chain-revoke-dialog', 20_000);
  await app.waitFor(
    async () => !(await app.visible(`chain-revoke-${deviceId}`)),
    async () => `expected till ${deviceId} shown revoked (no revoke button)`,
  );
}
