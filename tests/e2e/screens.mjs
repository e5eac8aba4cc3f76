// Screenshots of the screens issue 13 (chain safety) changed, on the real app, in both languages
// at 1280×800 and 1024×768, for a person to look at (not a test: nothing is asserted beyond
// reaching each screen). Run with `npm --prefix tests/e2e run screens` after building the app
// and the server; the PNGs land in target/screens/<lang>-<size>-<screen>.png.
//
// The sync screens use the real server over the throwaway PostgreSQL, as sync.test.mjs does.
// What a single till cannot produce by itself is written into its SQLite file with the sqlite3
// tool while the till is offline (the server stopped): a set-aside operation, a measured clock
// skew and a double-refund conflict — the screens show them as they would any other.
//
// The back office's screens (issue 14) are a run of their own from a blank database: see
// screens-backoffice.mjs; their PNGs are named <lang>-<size>-bNN-….png.
//
// Environment: SCREENS_ONLY="zh-CN-1024x768" (comma list) runs only those variants;
// SCREENS_PART="backoffice" (or "chain": issue 13's, "data": issue 15's, screens-data.mjs, or
// "care": issue 17's, screens-care.mjs; "reports": issue 18's, screens-reports.mjs)
// runs only that part.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_PASSPHRASE, REPO, endGroup, freePort, launchApp, startGroup, OUT_DIR } from './harness.mjs';
import { SERVER_BIN, SyncServer, postgresUrl, psql } from './sync-server.mjs';
import { backOffice } from './screens-backoffice.mjs';
import { dataScreens } from './screens-data.mjs';
import { careScreens } from './screens-care.mjs';
import { reportScreens } from './screens-reports.mjs';

const SHOTS = path.join(REPO, 'target', 'screens');
const OWNER = { name: '店主', pin: '258046' };
const VARIANTS = [];
for (const lang of ['zh-CN', 'en']) for (const size of ['1280x800', '1024x768']) VARIANTS.push({ lang, size });
const only = process.env.SCREENS_ONLY?.split(',').filter(Boolean);
const part = process.env.SCREENS_PART ?? 'all';
const log = (msg) => process.stderr.write(`[screens] ${msg}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const sql = (db, text) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, text], { encoding: 'utf8' }).trim();


/** Saves target/screens/<lang>-<size>-<label>.png, with `testId` scrolled into view if given. */
async function shot(app, variant, label, testId, block = 'center') {
  if (testId) {
    const el = await app.waitVisible(testId);
    // The screen's own pane scrolls; scrollIntoView also shifts the window (the top bar out of
    // sight and a blank strip below), which no one can do by hand: put the window back.
    await app.driver.executeScript('arguments[0].scrollIntoView({ block: arguments[1] }); window.scrollTo(0, 0);', el, block);
  }
  await sleep(300); // transitions (dialogs fade in)
  await app.settle();
  const file = path.join(SHOTS, `${variant.lang}-${variant.size}-${label}.png`);
  fs.writeFileSync(file, await app.driver.takeScreenshot(), 'base64');
  log(`saved ${path.relative(REPO, file)}`);
}

async function setLocale(app, lang) {
  await app.driver.executeScript(`localStorage.setItem('salondesk.locale', arguments[0]); location.reload();`, lang);
  await app.waitFor(
    async () => (await app.driver.executeScript('return document.documentElement.lang')) === lang,
    async () => `expected <html lang="${lang}">`,
    30_000,
  );
}

async function run(variant, server) {
  const app = await launchApp({ name: `screens-${variant.lang}-${variant.size}`, screen: variant.size });
  const step = async (label, fn) => {
    try {
      await fn();
    } catch (err) {
      log(`${variant.lang}-${variant.size} ${label}: FAILED ${err.message}`);
      await app.saveFailure(label);
      throw err;
    }
  };
  try {
    await app.waitVisible('owner-name', 30_000);
    await setLocale(app, variant.lang);

    await step('first-run', async () => {
      await app.waitVisible('owner-name', 30_000);
      await shot(app, variant, '01-first-run');
      await app.type('owner-name', OWNER.name);
      await app.type('owner-pin', '1234');
      await app.type('owner-pin-confirm', '1234');
      await app.click('owner-submit');
      await shot(app, variant, '02-first-run-pin-too-short');
      await app.type('owner-pin', OWNER.pin);
      await app.type('owner-pin-confirm', OWNER.pin);
      await app.type('owner-passphrase', E2E_PASSPHRASE);
      await app.type('owner-passphrase-confirm', E2E_PASSPHRASE);
      await app.click('owner-submit');
      await app.waitVisible('setup-storeName', 20_000);
      await shot(app, variant, '02b-first-run-store-setup');
      await app.click('setup-skip');
      await app.waitVisible('nav-settings', 20_000);
    });

    let pins = {};
    await step('demo-pins', async () => {
      await app.click('nav-settings');
      await app.type('seed-count', '20');
      await app.click('seed-start');
      await app.waitVisible('demo-pins', 60_000);
      for (const row of await app.all('demo-pin')) {
        const value = await row.findElement({ css: '[data-testid="demo-pin-value"]' });
        pins[await row.getAttribute('data-name')] = { pin: await app.textOf(value), role: await row.getAttribute('data-role') };
      }
      await shot(app, variant, '03-settings-demo-pins', 'demo-pins');
    });

    await step('payout-limit', async () => {
      await shot(app, variant, '04-settings-payout-limit', 'store-payOutApprovalFen');
    }).catch(() => {});

    const ownerId = sql(app.dbPath, `SELECT id FROM staff WHERE role = 'owner'`);
    const staffId = (name) => sql(app.dbPath, `SELECT id FROM staff WHERE name = '${name.replace(/'/g, "''")}'`);
    const loginAs = async (id, pin) => {
      await app.driver.executeScript('location.reload()'); // closes whatever was open
      const out = await app.waitFor(async () => (await app.visible('logout')) || (await app.visible(`login-staff-${id}`)),
        async () => 'expected the logout button or the login screen', 20_000);
      if ((await out.getAttribute('data-testid')) === 'logout') await out.click();
      await app.click(`login-staff-${id}`);
      await app.type('login-pin', pin);
      await app.click('login-submit');
    };

    await step('shift', async () => {
      await app.openShift('1000');
      await shot(app, variant, '05-shift');
      await app.click('logout');
    });

    await step('login-change-pin', async () => {
      // A manager whose PIN is too short (set before the 6-digit rule): her hash is swapped for
      // one of "1234" (argon2id, which the till verifies whatever its parameters).
      const [name] = Object.entries(pins).find(([, p]) => p.role === 'manager');
      const hash = execFileSync('argon2', ['screens-salt-1234', '-id', '-e', '-m', '12', '-t', '2'], { input: '1234', encoding: 'utf8' }).trim();
      sql(app.dbPath, `UPDATE staff SET pin_hash = '${hash}' WHERE id = '${staffId(name)}'`);
      await app.driver.executeScript('location.reload()');
      await app.click(`login-staff-${staffId(name)}`);
      await shot(app, variant, '07-login');
      await app.type('login-pin', '1234');
      await app.click('login-submit');
      await app.waitVisible('pin-change');
      await shot(app, variant, '08-login-change-pin');
      await app.type('new-pin', '1234');
      await app.type('new-pin-confirm', '1234');
      await app.click('new-pin-submit');
      await sleep(300);
      await shot(app, variant, '09-login-change-pin-too-short');
    }).catch(() => {});

    await step('payout-approval', async () => {
      // Above the limit a cashier needs a manager (the owner and managers approve themselves).
      const [name, { pin }] = Object.entries(pins).find(([, p]) => p.role === 'cashier');
      await loginAs(staffId(name), pin);
      await app.click('nav-shift');
      await app.click('shift-pay-out');
      await app.type('payinout-amount', '500');
      await app.type('payinout-reason', variant.lang === 'en' ? 'Taxi' : '打车');
      await app.click('payinout-submit');
      await app.waitVisible('approval-dialog');
      await shot(app, variant, '06-shift-payout-approval');
    }).catch(() => {});

    await loginAs(ownerId, OWNER.pin);
    await app.waitVisible('nav-settings', 20_000);

    if (!server) return;
    // A chain of its own per run: the demo members of earlier runs would be duplicate phones here.
    const tenant = await server.admin('/v1/admin/tenants', { name: `演示连锁 ${variant.lang} ${variant.size}` });
    const { storeId } = await server.admin(`/v1/admin/tenants/${tenant.tenantId}/stores`, { name: '静安店', code: 'JA' });
    await step('enrol', async () => {
      const code = (await server.admin(`/v1/admin/stores/${storeId}/enrolment-codes`, {})).code;
      await app.click('nav-settings');
      await app.type('sync-server-url-input', server.url);
      await app.type('sync-code-input', code);
      // A till holding demo data may not join a chain: the refusal is a screen of its own.
      await app.click('sync-enrol');
      await app.waitVisible('sync-enrol-error', 30_000);
      await shot(app, variant, '10a-settings-enrol-refused-demo-data', 'sync-enrol-error');
      // For the screens that follow, the till forgets it loaded demo data (no real till can).
      sql(app.dbPath, `DELETE FROM meta WHERE key = 'demo.loaded'`);
      await app.click('sync-enrol');
      await app.waitVisible('sync-enrolled', 30_000);
      await app.waitFor(async () => (await (await app.byTestId('sync-indicator')).getAttribute('data-state')) === 'online',
        async () => 'expected the till online', 30_000);
      await shot(app, variant, '10-settings-sync-enrolled', 'sync-settings', 'start');
      await app.click('seed-start');
      await app.waitVisible('seed-error');
      await shot(app, variant, '11-settings-demo-refused-enrolled', 'seed-error');
    });

    await step('offline-fixtures', async () => {
      await server.stop();
      const now = new Date().toISOString();
      // Set aside: the newest operation, as if the server refused one of its fields.
      sql(app.dbPath, `UPDATE outbox SET rejected_at = '${now}', reject_code = 'invalid_field',
        pushed_at = NULL, reject_message = 'phone: not a mobile number'
        WHERE seq = (SELECT max(seq) FROM outbox WHERE entity = 'member')`);
      // The server's clock, as last measured, 3 h 12 min behind this till's.
      sql(app.dbPath, `INSERT OR REPLACE INTO meta(key, value) VALUES ('sync.server_skew_ms', '11520000')`);
      const detail = JSON.stringify({
        originalReceiptNo: 'S01-001-000007', amountTwice: 26_800,
        refunds: [{ receiptNo: 'S01-001-000009' }, { receiptNo: 'S01-002-000004' }],
        tenders: [{ kind: 'cash', amount: 13_400 }, { kind: 'stored_value', amount: 13_400 }],
      });
      sql(app.dbPath, `INSERT INTO conflicts(id, kind, entity, detail, detected_at)
        VALUES ('c-double-refund', 'double_refund', 'sale', '${detail}', '${now}')`);
    });

    await step('sync-panel', async () => {
      // A round now finds the server gone and reads back the fixtures (skew, conflict).
      await app.click('sync-indicator');
      await app.click('sync-now');
      await app.waitVisible('sync-clock-skew', 30_000);
      await shot(app, variant, '12-sync-panel-clock-skew');
    }).catch(() => {});

    await step('conflicts', async () => {
      if (!(await app.visible('sync-panel'))) await app.click('sync-indicator');
      await app.click('sync-open-conflicts');
      await app.waitFor(async () => (await app.driver.executeScript(
        'return document.body.innerText.includes("S01-001-000007")')), async () => 'expected the double refund listed');
      await shot(app, variant, '14-conflicts-double-refund');
    }).catch(() => {});

    await step('set-aside', async () => {
      await app.click('nav-settings');
      await shot(app, variant, '13-settings-sync-set-aside', 'sync-rejected-section', 'start');
      const mine = await app.driver.findElement({ css: '[data-testid="sync-rejected-item"][data-code="invalid_field"]' });
      await app.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', mine);
      await shot(app, variant, '13b-settings-sync-set-aside-invalid-field');
    });
  } finally {
    await server?.stop().catch(() => {});
    await server?.start().catch((err) => log(`server restart: ${err.message}`));
    await app.close();
  }
}

async function inUse(variant) {
  let holder = null;
  const app = await launchApp({
    name: `screens-inuse-${variant.lang}-${variant.size}`,
    screen: variant.size,
    beforeStart: async ({ dbPath }) => {
      // Another instance: a process holding the database's lock.
      holder = startGroup('flock', ['-x', `${dbPath}.lock`, 'sleep', '300'], { env: process.env, logFile: path.join(OUT_DIR, 'logs', 'screens-flock.log') });
      await sleep(300);
    },
  });
  try {
    const el = await app.waitFor(async () => app.visible('boot-error'), async () => 'expected boot-error', 30_000);
    if (!el) throw new Error('no boot error');
    await setLocale(app, variant.lang);
    await app.waitFor(async () => app.visible('boot-error'), async () => 'expected boot-error', 30_000);
    await shot(app, variant, '15-database-in-use');
  } catch (err) {
    if (!err.fatal) throw err;
    await setLocale(app, variant.lang).catch(() => {});
    await sleep(1000);
    await shot(app, variant, '15-database-in-use');
  } finally {
    await app.close();
    if (holder?.pid) await endGroup(holder.pid, 'flock');
  }
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  let server = null;
  let pgUrl = null;
  let dbName = null;
  const chain = part === 'all' || part === 'chain';
  if (!chain) {
    log('SCREENS_PART: the chain-safety screens are skipped');
  } else if (fs.existsSync(SERVER_BIN)) {
    pgUrl = postgresUrl();
    dbName = `salondesk_screens_${Date.now()}`;
    psql(pgUrl, `CREATE DATABASE ${dbName}`);
    server = new SyncServer(pgUrl.replace(/\/[^/]*$/, `/${dbName}`), await freePort(), 'screens-server.log');
    await server.start();
  } else {
    log(`no server at ${SERVER_BIN}: the sync screens are skipped`);
  }
  let failed = 0;
  try {
    for (const variant of VARIANTS) {
      if (only && !only.includes(`${variant.lang}-${variant.size}`)) continue;
      const fns = [];
      if (chain) fns.push(run, inUse);
      if (part === 'all' || part === 'backoffice') fns.push((v) => backOffice(v, { shot, setLocale, log }));
      if (part === 'all' || part === 'data') fns.push((v) => dataScreens(v, { shot, setLocale, log }));
      if (part === 'all' || part === 'care') fns.push((v) => careScreens(v, { shot, setLocale, log }));
      if (part === 'all' || part === 'reports') fns.push((v) => reportScreens(v, { shot, setLocale, log }));
      for (const fn of fns) {
        try {
          await fn(variant, server);
        } catch (err) {
          failed += 1;
          log(`${variant.lang}-${variant.size}: ${err.message}`);
        }
      }
    }
  } finally {
    await server?.stop();
    if (pgUrl && dbName) psql(pgUrl, `DROP DATABASE IF EXISTS ${dbName}`);
  }
  log(`done: screenshots in ${path.relative(REPO, SHOTS)}/${failed ? `, ${failed} run(s) failed` : ''}`);
  process.exitCode = failed ? 1 : 0;
}

await main();
