// A till joining its chain, on the real app and a real sync server: the server binary
// (target/debug/salondesk-server, built by the test command's app stage) on a loopback port,
// over a fresh database of the throwaway PostgreSQL (scripts/pg.sh). The owner enrols the till
// from Settings with an enrolment code made through the admin API; a member registered at the
// desk reaches the server; with the server gone the top bar says offline and counts what waits;
// when the server is back the till notices by itself and sends it.
// Each step leaves a screenshot in target/e2e/sync-NN-<step>.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { OUT_DIR, freePort, launchApp, scenario } from './harness.mjs';
import { SERVER_BIN, SyncServer, postgresUrl, psql } from './sync-server.mjs';

const OWNER = { name: '店主', pin: '258046' };
const log = (msg) => process.stderr.write(`[e2e sync] ${msg}\n`);

describe('sync: enrol a till from Settings, sync, go offline, come back', { timeout: 240_000 }, () => {
  let app = null;
  let server = null;
  let pgUrl = null;
  let dbName = null;
  let dbUrl = null;
  let code = null;
  const storeName = '静安店';

  before(async () => {
    assert.ok(fs.existsSync(SERVER_BIN), `expected the sync server binary at ${SERVER_BIN} (cargo build --workspace --all-targets builds it)`);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    pgUrl = postgresUrl();
    dbName = `salondesk_e2e_${Date.now()}`;
    psql(pgUrl, `CREATE DATABASE ${dbName}`);
    dbUrl = pgUrl.replace(/\/[^/]*$/, `/${dbName}`);
    server = new SyncServer(dbUrl, await freePort());
    await server.start();
    const tenant = await server.admin('/v1/admin/tenants', { name: 'E2E 连锁' });
    const store = await server.admin(`/v1/admin/tenants/${tenant.tenantId}/stores`, { name: storeName, code: 'JA' });
    code = (await server.admin(`/v1/admin/stores/${store.storeId}/enrolment-codes`, {})).code;
    app = await launchApp({ name: 'sync' });
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

  /** Operations of `entity` the server has logged (read from its database). */
  const serverOps = (entity) => Number(psql(dbUrl, `SELECT count(*) FROM ops WHERE entity = '${entity}'`));

  const indicatorState = async () => (await app.byTestId('sync-indicator')).getAttribute('data-state');

  /** What the top bar says is waiting to be sent (0 when it shows no count). */
  const pendingShown = async () => {
    const el = await app.visible('sync-pending');
    return el ? Number((await app.textOf(el)).replace(/\D/g, '')) : 0;
  };

  async function waitIndicator(state, timeoutMs) {
    await app.waitFor(
      async () => (await indicatorState()) === state,
      async () => `expected the top bar's sync-indicator data-state="${state}"; saw ${JSON.stringify(await indicatorState())} (${await app.describeTestId('sync-indicator')})`,
      timeoutMs,
    );
  }

  async function registerMember(name, phone) {
    await app.click('nav-members');
    await app.click('new-member');
    await app.type('field-name', name);
    await app.type('field-phone', phone);
    await app.click('member-save');
    await app.waitVisible('member-profile');
  }

  step('first-run-standalone', async () => {
    await app.createOwner(OWNER);
    await app.waitVisible('member-search', 20_000);
    assert.equal(await indicatorState(), 'local', 'a till never enrolled works on its own');
  });

  step('enrol-from-settings', async () => {
    await app.click('nav-settings');
    await app.waitVisible('sync-enrol-form');
    await app.type('sync-server-url-input', server.url);
    await app.type('sync-code-input', code);
    await app.click('sync-enrol');
    await app.waitVisible('sync-enrolled', 20_000);
    await app.waitFor(
      async () => (await app.text('sync-store-name')) === storeName,
      async () => `expected sync-store-name to be ${storeName}; saw ${await app.describeTestId('sync-store-name')}`,
    );
    await waitIndicator('online', 30_000);
    assert.equal(await pendingShown(), 0, 'nothing waits once the first round is done');
    // The Settings screen's own count agrees with the top bar (it once kept the count read on opening).
    await app.waitFor(
      async () => (await app.text('settings-pending-ops')) === '0',
      async () => `expected Settings to show 0 waiting to sync; saw ${await app.describeTestId('settings-pending-ops')}`,
    );
  });

  step('member-reaches-the-server', async () => {
    const before = serverOps('member');
    await registerMember('林雅琪', '13900001111');
    await app.waitFor(
      async () => serverOps('member') > before && (await pendingShown()) === 0,
      async () => `expected the registration on the server (member ops ${serverOps('member')}, was ${before}) and nothing waiting (top bar shows ${await pendingShown()})`,
      20_000,
    );
    await waitIndicator('online');
  });

  step('server-gone-shows-offline-and-waiting', async () => {
    await server.stop();
    await registerMember('周晓彤', '13900002222');
    await waitIndicator('offline', 30_000);
    await app.waitFor(
      async () => (await pendingShown()) >= 1,
      async () => `expected the top bar to count the registration as waiting; saw ${await app.describeTestId('sync-indicator')}`,
    );
  });

  step('server-back-sends-what-waited', async () => {
    const before = serverOps('member');
    await server.start();
    // No click: the till notices the server is back by itself (it checks every few seconds).
    await waitIndicator('online', 45_000);
    await app.waitFor(
      async () => serverOps('member') > before && (await pendingShown()) === 0,
      async () => `expected what waited on the server (member ops ${serverOps('member')}, was ${before}) and nothing waiting (top bar shows ${await pendingShown()})`,
      20_000,
    );
  });
});
