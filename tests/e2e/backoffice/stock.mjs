// Back-office steps for stock and for hours and rooms, on the real app. Each takes the harness's
// App (what `launchApp` returns: it holds the WebDriver session as `app.driver` and the helpers
// that find, wait and type) logged in as a manager or the owner.
//
//   receiveStock(app, { supplier, lines: [{ barcode | name, qty, unitCostYuan }] })
//   openLowStock(app)                     → names of the products listed as low on stock
//   lowStockBadge(app)                    → the number on the Back office item (0: no badge)
//   setWeeklyHours(app, { staffName, days: { mon: ['10:00', '20:00'], tue: null, … } })
//   addDayOff(app, { staffName, date: 'YYYY-MM-DD', reason })
//   addRoom(app, { name, kind: 'room' | 'bed' | 'chair', capacity })
import { By, Key } from 'selenium-webdriver';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Sets the value of the element at `css` from script, as `App.setValue` does for a test id. */
async function setAt(app, css, value) {
  const el = await app.waitFor(
    async () => (await app.driver.findElements(By.css(css)))[0] ?? null,
    async () => `expected an element at ${css}`,
  );
  await app.driver.executeScript(
    `const el = arguments[0], value = arguments[1];
     const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    el,
    value,
  );
  return el;
}

async function attr(app, testId, name) {
  return (await app.byTestId(testId)).getAttribute(name);
}

/** Back office → a section, then one of its segments. */
async function openSection(app, section, tab) {
  await app.click('nav-admin');
  await app.click(`admin-${section}`);
  await app.click(`${section}-tab-${tab}`);
}

export async function receiveStock(app, { supplier, lines }) {
  await openSection(app, 'stock', 'receive');
  await app.waitFor(
    async () => Number(await attr(app, 'stock-receive', 'data-products')) > 0,
    async () => `expected the receipt form to have loaded the products; saw ${await app.describeTestId('stock-receive')}`,
  );
  await app.type('receive-supplier', supplier);
  for (const [i, line] of lines.entries()) {
    if (line.barcode) {
      const input = await app.type('receive-product', line.barcode);
      await input.sendKeys(Key.ENTER);
    } else {
      await app.type('receive-product', line.name);
      const pick = `[data-testid="receive-match"][data-name="${line.name}"]`;
      await app.waitFor(async () => (await app.driver.findElements(By.css(pick))).length > 0,
        async () => `expected ${line.name} among the products matching its name`);
      await app.driver.findElement(By.css(pick)).click();
    }
    await app.waitFor(async () => (await app.all('receive-line')).length === i + 1,
      async () => `expected line ${i + 1} on the receipt after adding ${line.barcode ?? line.name}`);
    const row = `[data-testid="receive-line"]:nth-of-type(${i + 1})`;
    await setAt(app, `${row} [data-testid="receive-qty"]`, String(line.qty));
    await setAt(app, `${row} [data-testid="receive-cost"]`, String(line.unitCostYuan));
  }
  await app.click('receive-save');
  // Received: the section goes back to On hand.
  await app.waitVisible('stock-onhand');
}

export async function openLowStock(app) {
  await openSection(app, 'stock', 'onhand');
  const box = await app.waitVisible('stock-low-only');
  if (!(await box.isSelected())) await box.click();
  await app.waitFor(
    async () => (await attr(app, 'stock-onhand', 'data-loaded-for')).endsWith('|true'),
    async () => `expected the low-stock list to load; saw ${await app.describeTestId('stock-onhand')}`,
  );
  const names = [];
  for (const row of await app.all('stock-row')) names.push(await row.getAttribute('data-name'));
  return names;
}

export async function lowStockBadge(app) {
  const badge = await app.visible('low-stock-badge');
  return badge ? Number((await badge.getText()).trim()) : 0;
}

async function openHoursOf(app, staffName) {
  await openSection(app, 'schedule', 'hours');
  await app.chooseByText('hours-staff', staffName);
  const id = await app.value('hours-staff');
  await app.waitFor(
    async () => (await attr(app, 'schedule-hours', 'data-loaded-for')) === id,
    async () => `expected the hours of ${staffName} to load; saw ${await app.describeTestId('schedule-hours')}`,
  );
}

/** `days`: weekday → [start, end] ("10:00") or null for off; weekdays not named are left as they are. */
export async function setWeeklyHours(app, { staffName, days }) {
  await openHoursOf(app, staffName);
  for (const day of WEEKDAYS) {
    if (!(day in days)) continue;
    const row = `[data-testid="hours-day-${day}"]`;
    const works = await app.driver.findElement(By.css(`${row} [data-testid="hours-works"]`));
    if ((await works.isSelected()) !== (days[day] !== null)) await works.click();
    if (days[day]) {
      await setAt(app, `${row} [data-testid="hours-start"]`, days[day][0]);
      await setAt(app, `${row} [data-testid="hours-end"]`, days[day][1]);
    }
  }
  const before = Number(await attr(app, 'schedule-hours', 'data-saves'));
  await app.click('hours-save');
  await app.waitFor(
    async () => Number(await attr(app, 'schedule-hours', 'data-saves')) > before,
    async () => `expected the hours of ${staffName} to save; saw ${await app.describeTestId('schedule-hours')} ${await app.describeTestId('hours-day-error')}`,
  );
}

export async function addDayOff(app, { staffName, date, reason }) {
  await openHoursOf(app, staffName);
  await app.setValue('day-off-date', date);
  if (reason) await app.type('day-off-reason', reason);
  await app.click('day-off-add');
  await app.waitFor(async () => (await app.driver.findElements(By.css(`[data-testid="day-off"][data-date="${date}"]`))).length > 0,
    async () => `expected ${date} among the days off of ${staffName}`);
}

export async function addRoom(app, { name, kind, capacity }) {
  await openSection(app, 'schedule', 'rooms');
  await app.click('room-add');
  await app.type('room-name', name);
  await app.choose('room-kind', kind);
  await app.type('room-capacity', String(capacity));
  await app.click('room-save');
  await app.waitFor(async () => (await app.driver.findElements(By.css(`[data-testid="room-row"][data-name="${name}"]`))).length > 0,
    async () => `expected the room ${name} in the list; saw ${await app.describeTestId('room-error')}`);
}
