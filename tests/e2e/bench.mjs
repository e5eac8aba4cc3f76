// The desk's latency on the real app (issue 16): how long the person at the desk waits, from her
// input to the answer in the page and to the next painted frame. Not a test: it prints
//   BENCH desk.<name> p50_ms=… p90_ms=… p99_ms=… n=…          (input → the answer in the DOM)
//   BENCH desk.<name>.painted p50_ms=… p90_ms=… p99_ms=… n=…  (input → the next painted frame)
//   BENCH desk.<name>.layout …   (style and layout of the answer, forced once it is in the DOM:
//                                 the part of .painted minus the DOM time that is not painting)
// Each interaction is timed inside the page (performance.now()): the input is made from script,
// a MutationObserver sees the answer, two animation frames later it was painted. WebDriver's own
// round trips, and the set-up before each input, are not counted.
//
//   floor         a trivial change (a few characters in a corner) → painted: the WebView's own
//                 cost under every .painted figure
//   search        member lookup: phone suffixes, names, pinyin initials → the hits
//   cart_add      a service tile → the cart's new total
//   scan          a keyboard-wedge barcode → the cart's new total
//   member_attach a member picked at checkout → her balances and the total priced for her
//   pay           Complete (cash, exact) → the done panel with the receipt number
//   day_switch    next day in the calendar → the new day's columns
//   booking_drag  an appointment moved a quarter hour by keyboard → the block in its new place
//   cold_start    the app asked to start → the login screen usable (a staff tile chosen, the
//                 PIN field enabled)
//
// Environment:
//   BENCH_MEMBERS=2000       members in the database (seeded once with salondesk-cli seed into
//   BENCH_APPOINTMENTS=n/2   target/bench/desk-<members>-<appointments>.sqlite3 and reused)
//   BENCH_PROFILE=debug      which build of the app and the CLI (release for real figures)
//   BENCH_ROUNDS=40          inputs per interaction (search: twice as many); BENCH_LAUNCHES=5
//   BENCH_ONLY=a,b           only these interactions (names as above)
import { LAUNCHES, MEMBERS, APPOINTMENTS, database, launch, log, login } from './bench/run.mjs';
import { benchSearch } from './bench/members.mjs';
import { benchCartAdd, benchMemberAttach, benchPay, benchScan } from './bench/checkout.mjs';
import { benchFloor } from './bench/floor.mjs';
import { benchBookingDrag, benchDaySwitch } from './bench/calendar.mjs';

// In the page, as soon as it runs: waits for the first staff tile, chooses it, waits for the PIN
// field to be enabled; answers where the cold start went (ms on the page's clock): its scripts
// ran (DOMContentLoaded), first contentful paint, the staff tiles answered (Login's mark), usable.
// WebDriver's own round trips after the page started are not counted.
const LOGIN_USABLE = `const finish = arguments[arguments.length - 1];
  const parts = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
    const staff = performance.getEntriesByName('login-staff')[0];
    return { origin: performance.timeOrigin, dcl: nav?.domContentLoadedEventEnd ?? null, fcp: fcp?.startTime ?? null,
      staff: staff?.startTime ?? null, now: performance.now() };
  };
  let chosen = false;
  const check = () => {
    const pin = document.querySelector('[data-testid="login-pin"]');
    if (chosen && pin && !pin.disabled) { observer.disconnect(); finish(parts()); return; }
    const tile = document.querySelector('[data-testid^="login-staff-"]');
    if (!chosen && tile) { chosen = true; tile.click(); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  setTimeout(() => { observer.disconnect(); finish(null); }, 30000);
  check();`;

async function benchColdStart(db) {
  const ms = [];
  for (let i = 0; i < LAUNCHES; i += 1) {
    const app = await launch(`bench-cold-${i}`, db);
    try {
      const p = await app.driver.executeAsyncScript(LOGIN_USABLE);
      if (!p) throw new Error('the login screen was not usable within 30 s');
      const at = (t) => (t === null ? 'NaN' : Math.round(p.origin - app.launchedAt + t));
      ms.push(at(p.now));
      log(`cold start (ms from launch): webview=${at(0)} scripts_run=${at(p.dcl)} first_paint=${at(p.fcp)} staff=${at(p.staff)} usable=${at(p.now)}`);
    } finally {
      await app.close();
    }
  }
  ms.sort((a, b) => a - b);
  console.log(`BENCH desk.cold_start p50_ms=${ms[Math.floor(ms.length / 2)]} max_ms=${ms[ms.length - 1]} n=${ms.length}`);
}

const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (name) => only === null || only.has(name);
const INTERACTIONS = [
  ['floor', benchFloor],
  ['search', benchSearch],
  ['cart_add', benchCartAdd],
  ['scan', benchScan],
  ['member_attach', benchMemberAttach],
  ['pay', benchPay],
  ['day_switch', benchDaySwitch],
  ['booking_drag', benchBookingDrag],
];

const { db, owner, enc } = database();
log(`app ${process.env.E2E_APP}, ${MEMBERS} members, ${APPOINTMENTS} appointments`);
const app = await launch('bench-desk', enc);
try {
  await login(app, owner);
  // Pay needs an open shift; the seeded database has none.
  if (wanted('pay')) await app.openShift('500');
  for (const [name, bench] of INTERACTIONS) if (wanted(name)) await bench(app, db);
} catch (err) {
  await app.saveFailure('bench');
  throw err;
} finally {
  await app.close();
}
if (wanted('cold_start')) await benchColdStart(enc);
