// Drives the real, built SalonDesk app over WebDriver:
//   Xvfb (a private headless display) → tauri-driver → WebKitWebDriver → target/debug/salondesk
// Each launch gets a fresh temp folder holding the SQLite database (SALONDESK_DB) and the
// XDG data/config/cache folders, so a run never touches a real install's data and always
// starts at first-run setup. Teardown quits the session, then ends tauri-driver, its
// WebKitWebDriver child and anything they started (SIGTERM to tauri-driver alone leaves
// WebKitWebDriver running), then Xvfb.
//
// Environment:
//   E2E_APP=path          app binary (default: $CARGO_TARGET_DIR or <repo>/target, + /debug/salondesk)
//   E2E_HEADED=1          use the current $DISPLAY instead of a private Xvfb (to watch a run)
//   E2E_TIMEOUT_MS=10000  how long waits for an element last
//   E2E_KEEP_DATA=1       keep the temp folder (database) after a passing run too

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, Key } from 'selenium-webdriver';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const OUT_DIR = path.join(REPO, 'target', 'e2e');
const TARGET_DIR = process.env.CARGO_TARGET_DIR
  ? path.resolve(REPO, process.env.CARGO_TARGET_DIR)
  : path.join(REPO, 'target');
export const APP = process.env.E2E_APP ? path.resolve(process.env.E2E_APP) : path.join(TARGET_DIR, 'debug', 'salondesk');
const NATIVE_DRIVER = process.env.E2E_NATIVE_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 10_000);
const CARGO_BIN = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'), 'bin');

// Screens that mean the app cannot go on (docs/ui-contract.md): a wait stops at once on them.
const FATAL_TESTIDS = ['boot-error'];

/**
 * The database passphrase the owner sets at first run (the app runs without a credential store
 * here: SALONDESK_KEYSTORE=none, so the passphrase is what opens an encrypted store again).
 */
export const E2E_PASSPHRASE = 'salon e2e passphrase';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (msg) => process.stderr.write(`[e2e] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Processes: every process group we start is tracked so that even an abrupt exit of the test
// process (a thrown error, Ctrl-C) leaves nothing behind.

const liveGroups = new Set();

/** Pids of all descendants of `rootPid` (children first in the list are the shallowest). */
function descendants(rootPid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid ..." — comm may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const out = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid, sig, { group = false } = {}) {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    // already gone
  }
}

/** Ends a process group started with `detached: true`, its leader's descendants first. */
export async function endGroup(pgid, label) {
  const tree = descendants(pgid);
  for (const pid of tree.slice().reverse()) signal(pid, 'SIGTERM');
  signal(pgid, 'SIGTERM', { group: true });
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && (groupAlive(pgid) || tree.some(alive))) await sleep(50);
  const survivors = [pgid, ...tree].filter(alive);
  if (survivors.length) {
    log(`${label}: SIGKILL to ${survivors.join(' ')} (did not exit on SIGTERM)`);
    for (const pid of survivors) signal(pid, 'SIGKILL');
    signal(pgid, 'SIGKILL', { group: true });
    const killDeadline = Date.now() + 2000;
    while (Date.now() < killDeadline && survivors.some(alive)) await sleep(50);
  }
  liveGroups.delete(pgid);
  const stray = [pgid, ...tree].filter(alive);
  if (stray.length) throw new Error(`${label}: processes ${stray.join(' ')} survived SIGKILL`);
}

function killAllNow() {
  for (const pgid of liveGroups) {
    for (const pid of descendants(pgid)) signal(pid, 'SIGKILL');
    signal(pgid, 'SIGKILL', { group: true });
  }
  liveGroups.clear();
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAllNow();
    process.exit(128 + os.constants.signals[sig]);
  });
}

export function startGroup(command, args, { env, logFile, extraStdio = [] }) {
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    env,
    detached: true, // own process group, so teardown can signal the whole tree
    stdio: ['ignore', logFd, logFd, ...extraStdio],
  });
  fs.closeSync(logFd);
  if (child.pid) liveGroups.add(child.pid);
  child.on('exit', () => liveGroups.delete(child.pid));
  return child;
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function commandOnPath(name, envPath) {
  for (const dir of envPath.split(':')) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port, child, label, logFile, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${label} exited (${child.exitCode ?? child.signalCode}) before listening on port ${port}. Log ${logFile}:\n${tail(logFile)}`);
    }
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`${label} did not listen on port ${port} within ${timeoutMs} ms. Log ${logFile}:\n${tail(logFile)}`);
}

/** A private Xvfb; `-displayfd` makes it pick a free display number and report it. */
async function startXvfb(logFile, screen = '1280x800') {
  const child = startGroup('Xvfb', ['-displayfd', '3', '-screen', '0', `${screen}x24`, '-nolisten', 'tcp', '-noreset'], {
    env: process.env,
    logFile,
    extraStdio: ['pipe'],
  });
  const display = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s. Log ${logFile}:\n${tail(logFile)}`)), 10_000);
    child.on('error', (err) => { clearTimeout(timer); reject(new Error(`cannot start Xvfb (${err.message}): run scripts/setup.sh`)); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code}). Log ${logFile}:\n${tail(logFile)}`)); });
    child.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) { clearTimeout(timer); resolve(`:${text.trim()}`); }
    });
  });
  child.stdio[3].destroy();
  return { child, display };
}

function safeName(name) {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------

/**
 * Starts the app on a fresh database and opens a WebDriver session on it.
 * `name` prefixes this run's screenshots and logs in target/e2e/. `screen` ("1024x768") sizes the
 * display and the window (default 1280x800, the window's own size); `beforeStart({ dataDir,
 * dbPath })` runs before the app starts (e.g. to hold the database's lock, as another instance).
 */
export async function launchApp({ name, screen, beforeStart }) {
  fs.mkdirSync(path.join(OUT_DIR, 'logs'), { recursive: true });
  // Screenshots of an earlier run under this name would mix with this run's.
  for (const file of fs.readdirSync(OUT_DIR)) {
    if (file.startsWith(`${safeName(name)}-`) || file.startsWith(`FAILED-${safeName(name)}-`)) fs.rmSync(path.join(OUT_DIR, file));
  }
  if (!fs.existsSync(APP)) {
    throw new Error(`the app binary ${APP} does not exist: build it first with 'cargo build --bin salondesk' (after 'npm --prefix ui run build')`);
  }
  if (!fs.existsSync(NATIVE_DRIVER)) {
    throw new Error(`${NATIVE_DRIVER} does not exist: run scripts/setup.sh (Debian package webkit2gtk-driver)`);
  }
  const envPath = fs.existsSync(CARGO_BIN) ? `${CARGO_BIN}:${process.env.PATH}` : process.env.PATH;
  const tauriDriver = commandOnPath('tauri-driver', envPath);
  if (!tauriDriver) throw new Error('tauri-driver is not on PATH: run scripts/setup.sh (cargo install tauri-driver --locked)');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `salondesk-e2e-${safeName(name)}-`));
  const dbPath = path.join(dataDir, 'salondesk.sqlite3');
  const app = new App({ name, dataDir, dbPath });
  try {
    if (beforeStart) await beforeStart({ dataDir, dbPath });
    const env = {
      ...process.env,
      PATH: envPath,
      SALONDESK_DB: dbPath,
      // No OS credential store under Xvfb (and never a developer's own keyring): the database key
      // is kept under the owner's passphrase only, the documented fallback (README, "Encryption").
      // (The desk benchmark sets E2E_KEYSTORE=file:<folder> to time a start without the prompt.)
      SALONDESK_KEYSTORE: process.env.E2E_KEYSTORE ?? 'none',
      // Belt and braces: whatever else the app or WebKit stores lands in the temp folder too.
      XDG_DATA_HOME: path.join(dataDir, 'data'),
      XDG_CONFIG_HOME: path.join(dataDir, 'config'),
      XDG_CACHE_HOME: path.join(dataDir, 'cache'),
    };
    if (process.env.E2E_HEADED === '1' && process.env.DISPLAY) {
      log(`headed: using DISPLAY=${process.env.DISPLAY}`);
    } else {
      const xvfb = await startXvfb(path.join(OUT_DIR, 'logs', `${safeName(name)}-xvfb.log`), screen);
      app.xvfb = xvfb.child;
      env.DISPLAY = xvfb.display;
      env.GDK_BACKEND = 'x11'; // never a developer's Wayland session
      delete env.WAYLAND_DISPLAY;
    }

    const port = await freePort();
    const nativePort = await freePort();
    app.driverLog = path.join(OUT_DIR, 'logs', `${safeName(name)}-tauri-driver.log`);
    fs.writeFileSync(app.driverLog, '');
    app.tauriDriver = startGroup(tauriDriver, [
      '--port', String(port),
      '--native-port', String(nativePort),
      '--native-driver', NATIVE_DRIVER,
    ], { env, logFile: app.driverLog });
    await waitForPort(port, app.tauriDriver, 'tauri-driver', app.driverLog);

    const started = Date.now();
    // When the app was asked to start (the desk benchmark's cold start counts from here).
    app.launchedAt = started;
    app.driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}/`)
      .withCapabilities({ browserName: 'wry', 'tauri:options': { application: APP } })
      .build();
    if (screen) {
      const [width, height] = screen.split('x').map(Number);
      await app.driver.manage().window().setRect({ x: 0, y: 0, width, height });
    }
    log(`${name}: session open in ${Date.now() - started} ms (display ${env.DISPLAY}, db ${dbPath})`);
    return app;
  } catch (err) {
    await app.close({ failed: true });
    throw err;
  }
}

export class App {
  constructor({ name, dataDir, dbPath }) {
    this.name = safeName(name);
    this.dataDir = dataDir;
    this.dbPath = dbPath;
    this.driver = null;
    this.tauriDriver = null;
    this.xvfb = null;
    this.driverLog = null;
    this.shots = 0;
    this.failed = false;
  }

  // --- finding ------------------------------------------------------------------------------

  static sel(testId) {
    return By.css(`[data-testid="${testId}"]`);
  }

  /** All elements with this testid (possibly none). */
  async all(testId) {
    return this.driver.findElements(App.sel(testId));
  }

  /** The first element with this testid; fails at once if there is none. */
  async byTestId(testId) {
    const found = await this.all(testId);
    if (!found.length) throw new Error(`expected an element [data-testid="${testId}"], saw none`);
    return found[0];
  }

  /** The first *visible* element with this testid, or null. */
  async visible(testId) {
    for (const el of await this.all(testId)) {
      try {
        if (await el.isDisplayed()) return el;
      } catch {
        // went stale while checking: the UI re-rendered
      }
    }
    return null;
  }

  /** Polls `probe` until it returns a truthy value; `describe()` explains a timeout. */
  async waitFor(probe, describe, timeoutMs = TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    let lastError = null;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
        lastError = null;
      } catch (err) {
        if (err.fatal) throw err;
        lastError = err;
      }
      await this.failIfBroken();
      if (Date.now() > deadline) {
        const seen = await describe().catch((e) => `(could not describe: ${e.message})`);
        throw new Error(`waited ${timeoutMs} ms: ${seen}${lastError ? ` [last error: ${lastError.message}]` : ''}`);
      }
      await sleep(100);
    }
  }

  /**
   * Throws at once when the app shows a screen that no waiting will get past (FATAL_TESTIDS),
   * with its text: a wait then fails in a moment with the app's own words, not a timeout.
   */
  async failIfBroken() {
    for (const testId of FATAL_TESTIDS) {
      const el = await this.visible(testId).catch(() => null);
      if (el) {
        const text = (await this.textOf(el).catch(() => '')).replace(/\s+/g, ' ');
        const err = new Error(`the app shows ${testId}: ${JSON.stringify(text)}`);
        err.fatal = true;
        throw err;
      }
    }
  }

  /** Waits until an element with this testid is visible and returns it. */
  async waitVisible(testId, timeoutMs = TIMEOUT_MS) {
    return this.waitFor(
      () => this.visible(testId),
      async () => `expected [data-testid="${testId}"] to be visible; saw ${await this.describeTestId(testId)}`,
      timeoutMs,
    );
  }

  /** Waits until no element with this testid is visible. */
  async waitHidden(testId, timeoutMs = TIMEOUT_MS) {
    await this.waitFor(
      async () => !(await this.visible(testId)),
      async () => `expected [data-testid="${testId}"] to be hidden; saw ${await this.describeTestId(testId)}`,
      timeoutMs,
    );
  }

  /** One line on what the page has for a testid, and which testids are visible: for messages. */
  async describeTestId(testId) {
    return this.driver.executeScript(
      `const id = arguments[0];
       const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
       const els = [...document.querySelectorAll('[data-testid="' + id + '"]')];
       const visibleIds = [...new Set([...document.querySelectorAll('[data-testid]')]
         .filter(shown).map((el) => el.dataset.testid))].slice(0, 25);
       const what = els.length
         ? els.length + ' element(s), ' + els.filter(shown).length + ' visible, first text ' + JSON.stringify((els[0].innerText || els[0].value || '').slice(0, 200))
         : 'no such element';
       return what + '; visible testids: [' + visibleIds.join(', ') + ']';`,
      testId,
    );
  }

  /**
   * An element's rendered text (innerText), trimmed. Not WebDriver's getText: WebKitWebDriver's
   * visibility rules drop text inside styled spans (a result row "王丽娜 138 1234 5678 …" came
   * back as "王Standard…").
   */
  async textOf(el) {
    return ((await this.driver.executeScript('return arguments[0].innerText', el)) ?? '').trim();
  }

  async text(testId) {
    return this.textOf(await this.waitVisible(testId));
  }

  /** Rendered texts of the visible elements with this testid, in page order. */
  async texts(testId) {
    const texts = [];
    for (const el of await this.all(testId)) {
      try {
        if (await el.isDisplayed()) texts.push(await this.textOf(el));
      } catch {
        // re-rendered while reading: the next poll sees the new list
      }
    }
    return texts;
  }

  async value(testId) {
    return (await this.byTestId(testId)).getAttribute('value');
  }

  /** data-testid of the focused element, or null. */
  async focusedTestId() {
    return this.driver.executeScript('return document.activeElement && document.activeElement.getAttribute("data-testid")');
  }

  // --- acting -------------------------------------------------------------------------------

  async click(testId) {
    const el = await this.waitVisible(testId);
    await el.click();
    return el;
  }

  /**
   * Empties an input the way a user would (select all, delete), so the UI's input handlers
   * see it; falls back to setting the value from script.
   */
  async clear(testId) {
    const el = await this.waitVisible(testId);
    await el.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
    if ((await el.getAttribute('value')) !== '') await this.setValue(testId, '');
  }

  /**
   * Types into an input, replacing what it held. WebDriver key events for non-ASCII text
   * (Chinese names) are not guaranteed in WebKit: when the input does not end up holding the
   * text, it is set from script with input/change events, as a framework expects.
   */
  async type(testId, text, { replace = true } = {}) {
    if (replace) await this.clear(testId);
    const el = await this.waitVisible(testId);
    const before = replace ? '' : await el.getAttribute('value');
    // Keys go wherever the focus is: make sure it is on this input first, or the end of a
    // previous field's text can land in the wrong box (seen with WebKit under load).
    await this.driver.executeScript('arguments[0].focus()', el);
    await this.waitFor(
      // A screen that has just appeared may still move focus to its first field: focus again.
      async () => (await this.focusedTestId()) === testId
        || (await this.driver.executeScript('arguments[0].focus()', el), false),
      async () => `expected focus on ${testId} before typing, saw ${JSON.stringify(await this.focusedTestId())}`,
    );
    if (/[^\x00-\x7f]/.test(text)) {
      // WebKitWebDriver delivers non-ASCII keys (Chinese names) unreliably and sometimes late,
      // after a script-set value, wiping it: set such text from script only, as an IME would
      // commit it, and check that it stays.
      await this.setValue(testId, before + text);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const kept = await el.getAttribute('value');
      if (kept !== before + text) {
        throw new Error(`expected [data-testid="${testId}"] to keep ${JSON.stringify(before + text)}, saw ${JSON.stringify(kept)}`);
      }
      return el;
    }
    await el.sendKeys(text);
    const after = await el.getAttribute('value');
    if (after !== before + text) {
      log(`type ${testId}: keys gave ${JSON.stringify(after)}, setting ${JSON.stringify(before + text)} from script`);
      await this.setValue(testId, before + text);
    }
    return el;
  }

  /**
   * Sets an input's or select's value from script and fires input + change, using the native
   * value setter so that Preact/React-style controlled inputs notice. For date inputs
   * (YYYY-MM-DD) and selects, where typing is unreliable.
   */
  async setValue(testId, value) {
    const el = await this.waitVisible(testId);
    const result = await this.driver.executeScript(
      `const el = arguments[0], value = arguments[1];
       const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype
         : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
       Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));
       return el.value;`,
      el,
      value,
    );
    if (result !== value) {
      throw new Error(`expected [data-testid="${testId}"] to hold ${JSON.stringify(value)} after setting it, saw ${JSON.stringify(result)}`);
    }
    return el;
  }

  /**
   * Chooses `value` in a choice field: a <select> (by option value), or a group holding an
   * element with that value / data-value (radio buttons, segmented buttons) which gets clicked.
   */
  async choose(testId, value) {
    const el = await this.waitVisible(testId);
    if ((await el.getTagName()).toLowerCase() === 'select') return this.setValue(testId, value);
    const options = await el.findElements(By.css(`[value="${value}"], [data-value="${value}"]`));
    if (!options.length) {
      throw new Error(`expected [data-testid="${testId}"] to be a <select> or to contain an element with value "${value}", saw neither`);
    }
    await options[0].click();
    return options[0];
  }

  // --- shared setup steps --------------------------------------------------------------------

  /**
   * First run: creates the owner (and is logged in as her), then skips the store's details
   * unless `storeSetup` is false (tests/e2e/backoffice/staff.mjs fills them in).
   */
  async createOwner({ name, pin, storeSetup = 'skip' }) {
    // The first start migrates a new database: allow it longer than an ordinary wait.
    await this.waitVisible('owner-name', 30_000);
    await this.type('owner-name', name);
    await this.type('owner-pin', pin);
    await this.type('owner-pin-confirm', pin);
    // The store is encrypted and no passphrase wraps its key yet: the owner sets one here.
    await this.waitVisible('owner-passphrase');
    await this.type('owner-passphrase', E2E_PASSPHRASE);
    await this.type('owner-passphrase-confirm', E2E_PASSPHRASE);
    // Under heavy load WebKitWebDriver has been seen to wipe the script-set name while the PINs
    // were typed (a late key event): set it again if so, rather than submit an empty name.
    const nameField = await this.waitVisible('owner-name');
    if ((await nameField.getAttribute('value')) !== name) await this.type('owner-name', name);
    await this.click('owner-submit');
    if (storeSetup === 'skip') {
      // Once its fields are in (the form grows when they load, moving the button).
      await this.waitVisible('setup-storeName', 20_000);
      await this.click('setup-skip');
      await this.waitHidden('store-setup');
    }
  }

  /**
   * Settings → Load demo data with `members` members, waiting until it is all in. Returns the demo
   * staff's PINs as the screen shows them, once (made at random: `{ [name]: pin }`).
   */
  async loadDemoData(members) {
    await this.click('nav-settings');
    await this.type('seed-count', String(members));
    await this.click('seed-start');
    await this.waitFor(
      async () => (await (await this.byTestId('seed-progress')).getAttribute('data-finished')) === 'true',
      async () => `expected seed-progress data-finished="true" once the demo data is in; saw ${await this.describeTestId('seed-progress')}`,
      60_000,
    );
    const pins = {};
    const shown = await this.waitVisible('demo-pins');
    await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', shown);
    await this.screenshot('demo-pins-shown-once');
    for (const row of await this.all('demo-pin')) {
      const value = await row.findElement({ css: '[data-testid="demo-pin-value"]' });
      pins[await row.getAttribute('data-name')] = (await value.getText()).trim();
    }
    return pins;
  }

  /** Shift → Open shift with an opening float typed in yuan. */
  async openShift(floatYuan) {
    await this.click('nav-shift');
    await this.type('shift-float', floatYuan);
    await this.click('shift-open');
    await this.waitVisible('shift-close');
  }

  /** Chooses the <select> option whose visible text contains `text` (names, not ids). */
  async chooseByText(testId, text) {
    const el = await this.waitVisible(testId);
    const value = await this.waitFor(
      async () => this.driver.executeScript(
        `const o = [...arguments[0].options].find((o) => o.textContent.includes(arguments[1]));
         return o ? o.value : null;`,
        el,
        text,
      ),
      async () => `expected [data-testid="${testId}"] to offer an option containing ${JSON.stringify(text)}`,
    );
    return this.setValue(testId, value);
  }

  // --- evidence -----------------------------------------------------------------------------

  /**
   * Waits for two animation frames: a screenshot taken right after typing can otherwise show
   * the frame before it (seen with WebKitGTK under Xvfb).
   */
  async settle() {
    await this.driver.executeAsyncScript(
      'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
    );
  }

  /** Saves target/e2e/<run>-<nn>-<label>.png and returns its path. */
  async screenshot(label) {
    this.shots += 1;
    await this.settle();
    const file = path.join(OUT_DIR, `${this.name}-${String(this.shots).padStart(2, '0')}-${safeName(label)}.png`);
    fs.writeFileSync(file, await this.driver.takeScreenshot(), 'base64');
    return file;
  }

  /** Saves a screenshot and the page source under target/e2e/FAILED-<run>-<label>.*. */
  async saveFailure(label) {
    const base = path.join(OUT_DIR, `FAILED-${this.name}-${safeName(label)}`);
    const saved = [];
    if (!this.driver) return saved;
    try {
      await this.settle().catch(() => {});
      fs.writeFileSync(`${base}.png`, await this.driver.takeScreenshot(), 'base64');
      saved.push(`${base}.png`);
    } catch (err) {
      log(`could not take a failure screenshot: ${err.message}`);
    }
    try {
      fs.writeFileSync(`${base}.html`, await this.driver.getPageSource());
      saved.push(`${base}.html`);
    } catch (err) {
      log(`could not save the page source: ${err.message}`);
    }
    return saved;
  }

  /**
   * Runs one step of a scenario: on success a screenshot named after it, on failure a
   * screenshot and the page source, whose paths are added to the error message.
   */
  async step(label, fn) {
    try {
      const result = await fn();
      await this.screenshot(label);
      return result;
    } catch (err) {
      this.failed = true;
      const saved = await this.saveFailure(label);
      if (saved.length) err.message += `\n    saved: ${saved.join(', ')}`;
      if (this.driverLog) err.message += `\n    driver/app log: ${this.driverLog}`;
      throw err;
    }
  }

  /** The processes tauri-driver started (WebKitWebDriver, the app, WebKit's helpers). */
  processes() {
    if (!this.tauriDriver?.pid) return [];
    return descendants(this.tauriDriver.pid).map((pid) => {
      let comm = '?';
      try {
        comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        // exited
      }
      return { pid, comm };
    });
  }

  // --- teardown -----------------------------------------------------------------------------

  async close({ failed = this.failed } = {}) {
    const started = Date.now();
    if (this.driver) {
      const driver = this.driver;
      this.driver = null;
      let timer;
      await Promise.race([
        driver.quit().catch((err) => log(`session quit: ${err.message}`)),
        new Promise((resolve) => { timer = setTimeout(() => { log('session quit: no answer in 10 s'); resolve(); }, 10_000); }),
      ]);
      clearTimeout(timer);
    }
    if (this.tauriDriver?.pid) await endGroup(this.tauriDriver.pid, 'tauri-driver');
    this.tauriDriver = null;
    if (this.xvfb?.pid) await endGroup(this.xvfb.pid, 'Xvfb');
    this.xvfb = null;
    log(`${this.name}: closed in ${Date.now() - started} ms`);
    if (failed || process.env.E2E_KEEP_DATA === '1') {
      log(`kept the app's data folder: ${this.dataDir}`);
    } else {
      fs.rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

/**
 * Declares dependent steps of one scenario as sequential tests: once a step fails, the later
 * ones are reported as skipped (naming the step that broke) rather than failing for the same
 * reason. `appRef()` returns the launched App.
 */
export function scenario(testFn, appRef) {
  let broken = null;
  return (label, fn, options = {}) =>
    testFn(label, options, async (t) => {
      if (broken) {
        t.skip(`an earlier step failed: "${broken}"`);
        return;
      }
      const app = appRef();
      if (!app) {
        broken = label;
        throw new Error('the app did not start (see the before hook error)');
      }
      try {
        await app.step(label, () => fn(app, t));
      } catch (err) {
        broken = label;
        throw err;
      }
    });
}
