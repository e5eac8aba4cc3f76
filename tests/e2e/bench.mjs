// The desk's latency on the real app (issue 16): how long the person at the desk waits, from her
// input to the answer in the page and to the next painted frame. Not a test: it prints
//   BENCH desk.<name> p50_ms=… p90_ms=… p99_ms=… n=…          (input → the answer in the DOM)
//   BENCH desk.<name>.painted p50_ms=… p90_ms=… p99_ms=… n=…  (input → the next painted frame)
// Each interaction is timed inside the page (performance.now()): the input is made from script,
// a MutationObserver sees the answer, two animation frames later it was painted. WebDriver's own
// round trips are not counted.
//
// Measured so far: search (member lookup: phone suffixes, names, pinyin initials), cart_add
// (a service tile → the cart's new total), scan (a keyboard-wedge barcode → the cart's new
// total), day_switch (next day in the calendar → the new day's columns) and cold_start (the app
// asked to start → the login screen usable: a staff tile chosen and the PIN field enabled).
//
// Environment:
//   BENCH_MEMBERS=2000   members in the database (seeded once with salondesk-cli into
//                        target/bench/desk-<n>.sqlite3 and reused; its demo PINs beside it)
//   BENCH_PROFILE=debug  which build of the app and the CLI (release for real figures)
//   BENCH_ROUNDS=40      searches per kind; BENCH_LAUNCHES=5 cold starts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { By } from 'selenium-webdriver';
import { REPO, launchApp } from './harness.mjs';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000);
const PROFILE = process.env.BENCH_PROFILE ?? 'debug';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);
const TARGET = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
const CLI = path.join(TARGET, PROFILE, 'salondesk-cli');
process.env.E2E_APP ??= path.join(TARGET, PROFILE, 'salondesk');
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** The seeded database and its owner's PIN, made once per size. */
function database() {
  const dir = path.join(TARGET, 'bench');
  const db = path.join(dir, `desk-${MEMBERS}.sqlite3`);
  const pins = `${db}.pins.json`;
  if (!fs.existsSync(db) || !fs.existsSync(pins)) {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of [db, `${db}-wal`, `${db}-shm`, pins]) fs.rmSync(f, { force: true });
    log(`seeding ${MEMBERS} members into ${path.relative(REPO, db)} …`);
    const out = execFileSync(CLI, ['seed', '--db', db, '--members', String(MEMBERS)], { encoding: 'utf8' });
    const owner = out.split('\n').map((l) => /^demo staff PIN: (\S+) \(owner\) (\d+)/.exec(l)).find(Boolean);
    if (!owner) throw new Error(`salondesk-cli seed printed no owner PIN:\n${out}`);
    fs.writeFileSync(pins, JSON.stringify({ name: owner[1], pin: owner[2] }));
  }
  return { db, owner: JSON.parse(fs.readFileSync(pins, 'utf8')) };
}

/** The app on a copy of the seeded database (a run never changes the original). */
async function launch(name, db) {
  return launchApp({
    name,
    // The seeding left part of its writes in the WAL: the copy takes the WAL with it.
    beforeStart: ({ dbPath }) => {
      for (const ext of ['', '-wal']) if (fs.existsSync(db + ext)) fs.copyFileSync(db + ext, dbPath + ext);
    },
  });
}

async function login(app, owner) {
  const tile = await app.waitFor(async () => {
    for (const el of await app.driver.findElements(By.css('[data-testid^="login-staff-"]'))) {
      // (WebKitWebDriver's getText leaves the name out of the tile: read its textContent.)
      if ((await el.getAttribute('textContent')).includes(owner.name)) return el;
    }
    return null;
  }, async () => `expected a login tile for ${owner.name}`, 30_000);
  await tile.click();
  await app.type('login-pin', owner.pin);
  await app.click('login-submit');
  await app.waitVisible('logout');
}

/**
 * Runs `act` (a function body, given `arg`) in the page, then waits for `done(arg)` to hold;
 * answers [ms to the DOM, ms to the next painted frame].
 */
async function timed(app, act, done, arg) {
  // Inlined into the script (the page's CSP refuses \`new Function\`; WebDriver's own script runs).
  return app.driver.executeAsyncScript(
    `const act = (arg) => { ${act} };
     const done = (arg) => { ${done} };
     const arg = arguments[0], finish = arguments[arguments.length - 1];
     const t0 = performance.now();
     let settled = false;
     const check = () => {
       if (settled || !done(arg)) return;
       settled = true;
       observer.disconnect();
       const dom = performance.now() - t0;
       requestAnimationFrame(() => requestAnimationFrame(() => finish([dom, performance.now() - t0])));
     };
     const observer = new MutationObserver(check);
     observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
     setTimeout(() => { if (!settled) { settled = true; observer.disconnect(); finish(null); } }, 10000);
     act(arg);
     check();`,
    arg,
  );
}

function report(name, samples) {
  const ok = samples.filter(Boolean);
  if (ok.length < samples.length) log(`${name}: ${samples.length - ok.length} of ${samples.length} never answered`);
  for (const [i, suffix] of [[0, ''], [1, '.painted']]) {
    const xs = ok.map((s) => s[i]).sort((a, b) => a - b);
    const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]?.toFixed(1) ?? 'NaN';
    console.log(`BENCH desk.${name}${suffix} p50_ms=${at(0.5)} p90_ms=${at(0.9)} p99_ms=${at(0.99)} n=${xs.length}`);
  }
}

/** Phone suffixes, names and pinyin initials a cashier types, drawn from the database. */
function queries(db) {
  const rows = execFileSync('sqlite3', [db, `SELECT phone, name FROM members ORDER BY rid LIMIT ${ROUNDS}`], { encoding: 'utf8' })
    .trim().split('\n').map((l) => l.split('|'));
  const initials = ['lmy', 'wl', 'zx', 'cy', 'lj', 'hm', 'ly', 'zh'];
  const out = [];
  for (const [i, [phone, name]] of rows.entries()) {
    out.push(phone.slice(-4));
    out.push(i % 2 ? name : initials[i % initials.length]);
  }
  return out.slice(0, ROUNDS * 2);
}

const SET_SEARCH = `const el = document.querySelector('[data-testid="member-search"]');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, arg);
  el.dispatchEvent(new Event('input', { bubbles: true }));`;
const SEARCH_ANSWERED = `return [...document.querySelectorAll('[data-answered]')].some((e) => e.getAttribute('data-answered') === arg);`;

async function benchSearch(app, db) {
  await app.click('nav-members');
  await app.waitVisible('member-search');
  const samples = [];
  for (const q of queries(db)) {
    // Start from an empty box, as after the last member was served.
    await timed(app, SET_SEARCH, 'return true;', '');
    samples.push(await timed(app, SET_SEARCH, SEARCH_ANSWERED, q));
  }
  report('search', samples);
}

const TAP_TILE = `window.__benchTotal = document.querySelector('[data-testid="cart-total"]').textContent;
  document.querySelectorAll('[data-testid="grid-item"]')[arg].click();`;
const TOTAL_CHANGED = `const el = document.querySelector('[data-testid="cart-total"]');
  return el !== null && el.textContent !== window.__benchTotal;`;

async function benchCartAdd(app) {
  await app.click('nav-checkout');
  await app.waitVisible('grid-item');
  const tiles = (await app.all('grid-item')).length;
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    if (i % 10 === 0 && (await app.visible('checkout-new-sale'))) await app.click('checkout-new-sale');
    samples.push(await timed(app, TAP_TILE, TOTAL_CHANGED, i % Math.min(tiles, 6)));
  }
  report('cart_add', samples);
}

/** A keyboard-wedge burst (the code's keys and Enter) from the window down, as a scanner sends it. */
const SCAN = `window.__benchTotal = document.querySelector('[data-testid="cart-total"]').textContent;
  for (const key of [...arg, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));`;

async function benchScan(app, db) {
  await app.click('nav-checkout');
  await app.waitVisible('grid-item');
  const codes = execFileSync('sqlite3', [db, "SELECT barcode FROM products WHERE barcode IS NOT NULL AND active = 1 LIMIT 6"], { encoding: 'utf8' })
    .trim().split('\n').filter(Boolean);
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) samples.push(await timed(app, SCAN, TOTAL_CHANGED, codes[i % codes.length]));
  report('scan', samples);
}

const NEXT_DAY = `window.__benchDate = document.querySelector('[data-testid="day-view"]').getAttribute('data-date');
  document.querySelector('[data-testid="appt-next"]').click();`;
const DAY_SHOWN = `const el = document.querySelector('[data-testid="day-grid"]');
  return el !== null && el.getAttribute('data-date') !== window.__benchDate
    && document.querySelector('[data-testid="day-view"]').getAttribute('data-date') === el.getAttribute('data-date');`;

async function benchDaySwitch(app) {
  await app.click('nav-appointments');
  await app.waitVisible('day-grid');
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) samples.push(await timed(app, NEXT_DAY, DAY_SHOWN, null));
  report('day_switch', samples);
}

async function benchColdStart(db, owner) {
  const ms = [];
  for (let i = 0; i < LAUNCHES; i += 1) {
    const app = await launch(`bench-cold-${i}`, db);
    try {
      const tile = await app.waitFor(async () => (await app.driver.findElements(By.css('[data-testid^="login-staff-"]')))[0] ?? null,
        async () => 'expected a staff tile on the login screen', 30_000);
      await tile.click();
      await app.waitFor(async () => (await (await app.byTestId('login-pin')).isEnabled()), async () => 'the PIN field enabled');
      ms.push(Date.now() - app.launchedAt);
      void owner;
    } finally {
      await app.close();
    }
  }
  ms.sort((a, b) => a - b);
  console.log(`BENCH desk.cold_start p50_ms=${ms[Math.floor(ms.length / 2)]} max_ms=${ms[ms.length - 1]} n=${ms.length}`);
}

const { db, owner } = database();
log(`app ${path.relative(REPO, process.env.E2E_APP)}, ${MEMBERS} members`);
const app = await launch('bench-desk', db);
try {
  await login(app, owner);
  await benchSearch(app, db);
  await benchCartAdd(app);
  await benchScan(app, db);
  await benchDaySwitch(app);
} finally {
  await app.close();
}
await benchColdStart(db, owner);
