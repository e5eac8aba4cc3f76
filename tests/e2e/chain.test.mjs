// The chain owner's console on the real app and a real sync server (issue 18): the owner's till
// joins the chain as its head-office device; the operator issued her chain's owner key; in Reports
// → Chain a wrong key is refused on its field, hers connects; she adds a store, makes a new till's
// enrolment code (text and QR code), a till enrols with it, shows in the list, and she revokes it:
// its credential stops working; with the whole chain picked, Stock and Campaigns say they are this
// store's only. Each step leaves a screenshot in target/e2e/chain-NN-<step>.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { OUT_DIR, freePort, launchApp, scenario } from './harness.mjs';
import { SERVER_BIN, SyncServer, postgresUrl, psql } from './sync-server.mjs';
import {
  addChainStore, closeEnrolmentCode, connectChainConsole, expectChainKeyRefused, makeEnrolmentCode,
  openChainConsole, refreshChainTills, revokeChainTill,
} from './reports/chain.mjs';
import { ownStoreOnlyNote, pickReportStore } from './reports/members.mjs';

const OWNER = { name: '店主', pin: '258046' };
const log = (msg) => process.stderr.write(`[e2e chain] ${msg}\n`);

describe('chain: the owner runs her chain from the head-office device', { timeout: 300_000 }, () => {
  let app = null;
  let server = null;
  let pgUrl = null;
  let dbName = null;
  let dbUrl = null;
  let code = null;
  let ownerKey = null;
  let newTill = null;

  before(async () => {
    assert.ok(fs.existsSync(SERVER_BIN), `expected the sync server binary at ${SERVER_BIN}`);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    pgUrl = postgresUrl();
    dbName = `salondesk_e2e_chain_${Date.now()}`;
    psql(pgUrl, `CREATE DATABASE ${dbName}`);
    dbUrl = pgUrl.replace(/\/[^/]*$/, `/${dbName}`);
    server = new SyncServer(dbUrl, await freePort(), 'chain-server.log');
    await server.start();
    const tenant = await server.admin('/v1/admin/tenants', { name: '丽人连锁' });
    const hq = await server.admin(`/v1/admin/tenants/${tenant.tenantId}/stores`, { name: '总部', code: 'HQ' });
    code = (await server.admin(`/v1/admin/stores/${hq.storeId}/enrolment-codes`, { headOffice: true })).code;
    ownerKey = (await server.admin(`/v1/admin/tenants/${tenant.tenantId}/owner-keys`, {})).key;
    app = await launchApp({ name: 'chain' });
  }, { timeout: 90_000 });

  after(async () => {
    await app?.close();
    await server?.stop();
    if (pgUrl && dbName) {
      try {
        psql(pgUrl, `DROP DATABASE IF EXISTS ${dbName}`);
      } catch (err) {
        log(`could not drop ${dbName}: ${err.message}`);
      }
    }
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('first-run-and-join-as-head-office', async () => {
    await app.createOwner(OWNER);
    await app.waitVisible('member-search', 20_000);
    await app.click('nav-settings');
    await app.waitVisible('sync-enrol-form');
    await app.type('sync-server-url-input', server.url);
    await app.type('sync-code-input', code);
    await app.click('sync-enrol');
    await app.waitVisible('sync-enrolled', 20_000);
  });

  step('wrong-key-refused-on-its-field', async () => {
    assert.equal(await openChainConsole(app), 'connect', 'no key yet: the console asks for it');
    await expectChainKeyRefused(app, `sdo_${'A'.repeat(43)}`);
  });

  step('owner-key-connects', async () => {
    await connectChainConsole(app, ownerKey);
    assert.ok(await app.visible('chain-store-HQ'), 'the chain\'s head-office store is listed');
  });

  step('add-store-and-make-a-code', async () => {
    await addChainStore(app, { name: '静安店', code: 'JA' });
    const made = await makeEnrolmentCode(app, 'JA');
    // A new till of 静安店 enrols with it (here over HTTP, as a second PC would).
    newTill = randomUUID();
    const res = await fetch(`${server.url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: made, deviceId: newTill, deviceName: '静安前台' }),
    });
    assert.equal(res.status, 200, `the code enrols a till: ${await res.text()}`);
    await closeEnrolmentCode(app);
  });

  step('tills-listed-and-one-revoked', async () => {
    await refreshChainTills(app);
    await app.waitVisible(`chain-till-${newTill}`, 20_000);
    await revokeChainTill(app, newTill);
    const revoked = psql(dbUrl, `SELECT revoked_at IS NOT NULL FROM devices WHERE id = '${newTill}'`);
    assert.equal(revoked, 't', 'the server revoked the lost till');
  });

  step('console-in-chinese', async () => {
    await app.click('lang-toggle');
    await app.waitFor(
      async () => (await app.text('reports-tab-chain')) === '连锁',
      async () => `expected the chain tab in Chinese; saw ${await app.describeTestId('reports-tab-chain')}`,
    );
    await app.waitVisible('chain-tills-table');
  });

  // Other stores' stock and campaigns never reach head office: with the whole chain picked, the
  // stock and campaigns tabs say they show this store only (in Chinese: the step above's toggle).
  step('stock-and-campaigns-say-this-store-only', async () => {
    await pickReportStore(app, 'stock', '*chain');
    assert.match(await ownStoreOnlyNote(app, 'stock'), /仅本店/, 'the stock tab says it is this store only');
    await app.click('reports-tab-campaigns');
    assert.match(await ownStoreOnlyNote(app, 'campaigns'), /仅本店/, 'so does the campaigns tab');
  });
});
