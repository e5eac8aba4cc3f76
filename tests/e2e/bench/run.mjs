// The desk benchmark's machinery: the seeded database, the app on a copy of it, logging in, and
// timing one interaction inside the page (input → the answer in the DOM → the next painted frame).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { By } from 'selenium-webdriver';
import { REPO, launchApp } from '../harness.mjs';

export const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000);
export const APPOINTMENTS = Number(process.env.BENCH_APPOINTMENTS ?? Math.floor(MEMBERS / 2));
export const PROFILE = process.env.BENCH_PROFILE ?? 'debug';
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
export const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);
const TARGET = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
const CLI = path.join(TARGET, PROFILE, 'salondesk-cli');
process.env.E2E_APP ??= path.join(TARGET, PROFILE, 'salondesk');
export const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** The seeded database and its owner's PIN, made once per size. */
export function database() {
  const dir = path.join(TARGET, 'bench');
  const db = path.join(dir, `desk-${MEMBERS}-${APPOINTMENTS}.sqlite3`);
  const pins = `${db}.pins.json`;
  if (!fs.existsSync(db) || !fs.existsSync(pins)) {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of [db, `${db}-wal`, `${db}-shm`, pins]) fs.rmSync(f, { force: true });
    log(`seeding ${MEMBERS} members and ${APPOINTMENTS} appointments into ${path.relative(REPO, db)} …`);
    const out = execFileSync(CLI, ['seed', '--db', db, '--members', String(MEMBERS), '--appointments', String(APPOINTMENTS)],
      { encoding: 'utf8' });
    const owner = out.split('\n').map((l) => /^demo staff PIN: (\S+) \(owner\) (\d+)/.exec(l)).find(Boolean);
    if (!owner) throw new Error(`salondesk-cli seed printed no owner PIN:\n${out}`);
    fs.writeFileSync(pins, JSON.stringify({ name: owner[1], pin: owner[2] }));
  }
  return { db, owner: JSON.parse(fs.readFileSync(pins, 'utf8')), enc: encrypted(db) };
}

// A desk's database is encrypted and its key comes from the OS credential store at start (no
// passphrase asked). There is none under Xvfb: the bench keeps its keys as plain files
// (SALONDESK_KEYSTORE=file:…, a benchmark-only store) so the app starts as a desk does. The
// plain seeded file stays for the bench's own queries (sqlite3 cannot read the encrypted one).
const KEYS = path.join(TARGET, 'bench', 'keys');
process.env.E2E_KEYSTORE = `file:${KEYS}`;

/** An encrypted copy of the seeded `db` (made once), keyed from the bench's key folder. */
function encrypted(db) {
  const enc = db.replace(/\.sqlite3$/, '.enc.sqlite3');
  if (!fs.existsSync(enc) || !fs.existsSync(`${enc}.key`)) {
    for (const f of [enc, `${enc}-wal`, `${enc}-shm`, `${enc}.key`]) fs.rmSync(f, { force: true });
    for (const ext of ['', '-wal']) if (fs.existsSync(db + ext)) fs.copyFileSync(db + ext, enc + ext);
    const pass = path.join(path.dirname(db), 'bench-passphrase.txt');
    fs.writeFileSync(pass, 'bench passphrase 2026\n');
    log(`encrypting a copy: ${path.relative(REPO, enc)} …`);
    execFileSync(CLI, ['encrypt', '--db', enc, '--passphrase-file', pass], {
      encoding: 'utf8', env: { ...process.env, SALONDESK_KEYSTORE: `file:${KEYS}` },
    });
    fs.rmSync(`${enc}.lock`, { force: true });
  }
  return enc;
}

/** Rows of a query on the seeded database (sqlite3's `|`-separated lines). */
export function rows(db, sql) {
  return execFileSync('sqlite3', [db, sql], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map((l) => l.split('|'));
}

/** The app on a copy of the encrypted seeded database (a run never changes the original). */
export async function launch(name, db) {
  return launchApp({
    name,
    // The seeding left part of its writes in the WAL: the copy takes the WAL with it.
    beforeStart: ({ dbPath }) => {
      for (const ext of ['', '-wal', '.key']) if (fs.existsSync(db + ext)) fs.copyFileSync(db + ext, dbPath + ext);
    },
  });
}

export async function login(app, owner) {
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
 * answers [ms to the DOM, ms to the next painted frame, ms of style and layout of the answer],
 * or null when it never held (10 s).
 */
export async function timed(app, act, done, arg) {
  // Inlined into the script (the page's CSP refuses `new Function`; WebDriver's own script runs).
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
       // Style and layout of the answer, forced here (the frame would do it anyway): how much of
       // the painted time is layout, not painting.
       document.body.getBoundingClientRect();
       const layout = performance.now() - t0 - dom;
       requestAnimationFrame(() => requestAnimationFrame(() => finish([dom, performance.now() - t0, layout])));
     };
     const observer = new MutationObserver(check);
     observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
     setTimeout(() => { if (!settled) { settled = true; observer.disconnect(); finish(null); } }, 10000);
     act(arg);
     check();`,
    arg,
  );
}

/** Runs `body` (given `arg`) in the page and answers what it returns (set-up, not timed). */
export async function run(app, body, arg) {
  return app.driver.executeScript(`const arg = arguments[0]; ${body}`, arg);
}

/** Waits until `body` (given `arg`) returns something truthy in the page; answers it. */
export async function until(app, body, arg, what) {
  return app.waitFor(async () => (await run(app, body, arg)) || null, async () => what);
}

export function report(name, samples) {
  const ok = samples.filter(Boolean);
  if (ok.length < samples.length) {
    log(`${name}: ${samples.length - ok.length} of ${samples.length} never answered`);
    // A broken interaction fails the run (CI's desk-bench stage), after the figures are printed.
    process.exitCode = 1;
  }
  for (const [i, suffix] of [[0, ''], [1, '.painted'], [2, '.layout']]) {
    const xs = ok.map((s) => s[i]).sort((a, b) => a - b);
    const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]?.toFixed(1) ?? 'NaN';
    console.log(`BENCH desk.${name}${suffix} p50_ms=${at(0.5)} p90_ms=${at(0.9)} p99_ms=${at(0.99)} n=${xs.length}`);
  }
}
