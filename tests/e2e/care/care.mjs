// The care screen's steps for end-to-end tests (issue 17): move the app's clock (the injected
// test clock: SALONDESK_TEST_CLOCK_FILE, read by the app whenever the file changes — test only,
// never a till), open the Follow-ups screen (回访), read its tasks, and mark one done with an
// outcome and a note. Each takes the harness's `App` (tests/e2e/harness.mjs) and waits until
// what it did shows, so the next step can rely on it.
import fs from 'node:fs';
import path from 'node:path';
import { By } from 'selenium-webdriver';

/**
 * For `launchApp({ beforeStart })`: points the app at a clock file in its data folder (offset 0)
 * and returns nothing; `clockFile(app)` is its path afterwards. Set before the app starts:
 * launchApp builds the app's environment from process.env after `beforeStart`.
 */
export function useTestClock() {
  return ({ dataDir }) => {
    const file = path.join(dataDir, 'test-clock');
    fs.writeFileSync(file, '0\n');
    process.env.SALONDESK_TEST_CLOCK_FILE = file;
  };
}

/** The clock file of an app started with `useTestClock()`. */
export function clockFile(app) {
  return path.join(app.dataDir, 'test-clock');
}

/** Moves the app's clock `days` further on (the offset accumulates); returns the new offset (s). */
export function advanceClock(file, days) {
  const had = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) || 0 : 0;
  const offset = had + Math.round(days * 86_400);
  fs.writeFileSync(file, `${offset}\n`);
  return offset;
}

/** Top bar → Follow-ups; waits for the list (or its empty state) to be shown. */
export async function openCare(app) {
  await app.click('nav-care');
  await app.waitVisible('care-screen');
  await app.waitFor(
    async () => (await app.visible('care-list')) || (await app.visible('care-empty')) || (await app.visible('care-error')),
    async () => `expected the care list, its empty state or an error; saw ${await app.describeTestId('care-screen')}`,
  );
  const error = await app.visible('care-error');
  if (error) throw new Error(`the care screen shows an error: ${await app.textOf(error)}`);
}

/** The tasks on the list: [{ kind, member, text }] (text: why, e.g. "12/1 做了深层补水，已过 7 天"). */
export async function careTasks(app) {
  const out = [];
  for (const el of await app.all('care-task')) {
    const why = await el.findElement(By.css('[data-testid="care-why"]'));
    out.push({
      id: await el.getAttribute('data-task-id'),
      kind: await el.getAttribute('data-kind'),
      member: await el.getAttribute('data-member'),
      text: await app.textOf(why),
      done: (await el.getAttribute('class')).includes('care-task-done'),
    });
  }
  return out;
}

/** Waits until a task of `kind` (any kind if absent) for `member` is listed; returns it. */
export async function waitCareTask(app, { member, kind }) {
  return app.waitFor(
    async () => (await careTasks(app)).find((t) => t.member === member && (!kind || t.kind === kind)) ?? null,
    async () => `expected a care task for ${member}${kind ? ` (${kind})` : ''}; saw ${JSON.stringify(await careTasks(app))}`,
  );
}

async function taskElement(app, member) {
  for (const el of await app.all('care-task')) {
    if ((await el.getAttribute('data-member')) === member && !(await el.getAttribute('class')).includes('care-task-done')) return el;
  }
  throw new Error(`no open care task for ${member} on the list`);
}

/**
 * Marks her open task done: `outcome` reached | no_answer | not_interested (booked opens the
 * booking dialog instead: not this step), with an optional note. Waits until it leaves the list.
 */
export async function completeTask(app, { member, outcome, note = '' }) {
  const row = await taskElement(app, member);
  await row.findElement(By.css('[data-testid="care-done"]')).click();
  await app.waitVisible('care-done-dialog');
  await app.click(`care-outcome-${outcome}`);
  if (note) await app.type('care-note', note);
  await app.click('care-done-save');
  await app.waitHidden('care-done-dialog');
  await app.waitFor(
    async () => !(await careTasks(app)).some((t) => t.member === member && !t.done),
    async () => `expected ${member}'s task to leave the list; saw ${JSON.stringify(await careTasks(app))}`,
  );
}

/** Back office → Care settings: turns `kind` on or off and sets its days; saves. */
export async function setCareKind(app, { kind, enabled, days }) {
  await app.click('nav-admin');
  await app.click('admin-care');
  await app.waitVisible('care-admin');
  const box = await app.byTestId(`care-enabled-${kind}`);
  if ((await box.isSelected()) !== enabled) await box.click();
  if (days !== undefined) await app.type(`care-days-${kind}`, String(days));
  await app.click('care-settings-save');
  await app.waitFor(
    async () => !(await app.visible('care-settings-error')),
    async () => `care settings not saved: ${await app.describeTestId('care-settings-error')}`,
  );
}
