// The appointment book on the real app and a fresh database with the demo calendar: book a
// walk-in for tomorrow in a free slot, be refused a double booking (the error names the clash),
// move the appointment 15 minutes with the keyboard, mark her arrived, check her out from the
// appointment, and see the appointment completed by the sale.
// Each step leaves a screenshot in target/e2e/appointments-NN-<step>.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Key } from 'selenium-webdriver';
import { launchApp, scenario } from './harness.mjs';

const OWNER = { name: '店主', pin: '258046' };
const CLIENT = { name: '赵女士', phone: '13900001111' };

describe('appointments: book, refuse a double booking, move, arrive, check out', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'appointments' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  /** The block of our client, or null. */
  async function ourBlock() {
    for (const el of await app.all('appt-block')) {
      if ((await app.textOf(el)).includes(CLIENT.name)) return el;
    }
    return null;
  }

  /** Shows tomorrow's day view and waits until the grid holds tomorrow's data (not today's). */
  async function showTomorrow() {
    const gridOn = async (date) => app.waitFor(
      async () => (await (await app.byTestId('day-grid')).getAttribute('data-date')) === date,
      async () => `expected the day grid to hold ${date}; saw ${await app.describeTestId('day-grid')}`,
    );
    await app.click('appt-today');
    const today = await app.value('appt-date');
    await gridOn(today);
    await app.click('appt-next');
    const tomorrow = await app.value('appt-date');
    assert.ok(tomorrow > today, `expected the date after ${today}, saw ${tomorrow}`);
    await gridOn(tomorrow);
  }

  let free = null; // { staffId, time } of a free two-hour stretch tomorrow
  step('owner-demo-data-and-shift', async () => {
    await app.createOwner(OWNER);
    await app.loadDemoData(20);
    await app.openShift('500');
  });

  step('book-a-walk-in-tomorrow', async () => {
    await app.click('nav-appointments');
    await app.waitVisible('day-view');
    await showTomorrow();
    // A beautician at work tomorrow with two free hours inside her working hours.
    free = await app.waitFor(
      async () => app.driver.executeScript(`
        const minutes = (t) => { const [h, m] = t.split(':').map(Number); return h * 60 + m; };
        for (const col of document.querySelectorAll('[data-testid="day-column"]')) {
          if (col.classList.contains('day-col-off')) continue;
          const busy = [...col.querySelectorAll('[data-testid="appt-block"] .appt-time')].map((el) => {
            const [a, b] = el.textContent.split(/[–-]/).map((s) => minutes(s.trim()));
            return [a, b];
          });
          const slots = [...col.querySelectorAll('[data-testid="slot"]')];
          for (const slot of slots) {
            const t = minutes(slot.dataset.time);
            if (t < 10 * 60 || t % 60 !== 0) continue;
            const inside = slots.filter((s) => { const m = minutes(s.dataset.time); return m >= t && m < t + 120; });
            if (inside.length < 8 || inside.some((s) => s.dataset.outside === 'true')) continue;
            if (busy.some(([a, b]) => a < t + 120 && b > t)) continue;
            return { staffId: col.dataset.staffId, time: slot.dataset.time };
          }
        }
        return null;`),
      async () => 'expected a beautician with two free working hours tomorrow in the demo calendar',
    );
    await clickSlot(free);
    await app.waitVisible('booking-dialog');
    await app.click('booking-mode-walkin');
    await app.type('booking-walkin-name', CLIENT.name);
    await app.type('booking-walkin-phone', CLIENT.phone);
    const service = await app.driver.executeScript(
      `const s = document.querySelector('[data-testid="booking-service"]'); return [...s.options].map((o) => o.value).find((v) => v) ?? null;`);
    assert.ok(service, 'expected services to book');
    await app.setValue('booking-service', service);
    await app.click('booking-submit');
    await app.waitHidden('booking-dialog');
    const block = await app.waitFor(ourBlock, async () => `expected a block for ${CLIENT.name} after booking`);
    assert.match(await app.textOf(block), new RegExp(free.time), `expected the block to start at ${free.time}`);
  });

  async function clickSlot({ staffId, time }) {
    const slot = await app.driver.executeScript(
      `return document.querySelector('[data-testid="slot"][data-staff-id="${staffId}"][data-time="${time}"]');`);
    assert.ok(slot, `expected a slot for ${staffId} at ${time}`);
    // The slot may lie under a block: click it from script, as a tap on the free part would.
    await app.driver.executeScript('arguments[0].click()', slot);
  }

  step('double-booking-refused', async () => {
    await clickSlot(free);
    await app.waitVisible('booking-dialog');
    await app.click('booking-mode-walkin');
    await app.type('booking-walkin-name', 'Second Client');
    await app.type('booking-walkin-phone', '13900002222');
    const service = await app.driver.executeScript(
      `const s = document.querySelector('[data-testid="booking-service"]'); return [...s.options].map((o) => o.value).find((v) => v) ?? null;`);
    await app.setValue('booking-service', service);
    await app.click('booking-submit');
    const error = await app.waitFor(
      async () => {
        const el = await app.visible('booking-error');
        return el ? app.textOf(el) : null;
      },
      async () => `expected booking-error for a double booking; saw ${await app.describeTestId('booking-error')}`,
    );
    assert.ok(error.includes(CLIENT.name), `expected the clash to name ${CLIENT.name}; saw ${JSON.stringify(error)}`);
    await (await app.byTestId('booking-walkin-name')).sendKeys(Key.ESCAPE);
    await app.waitHidden('booking-dialog');
  });

  step('move-with-the-keyboard', async () => {
    const block = await ourBlock();
    await app.driver.executeScript('arguments[0].focus()', block);
    await block.sendKeys(Key.ARROW_DOWN);
    const [h, m] = free.time.split(':').map(Number);
    const later = `${String(h).padStart(2, '0')}:${String(m + 15).padStart(2, '0')}`;
    await app.waitFor(
      async () => { const b = await ourBlock(); return b && (await app.textOf(b)).includes(later); },
      async () => `expected ${CLIENT.name}'s block to start at ${later} after ArrowDown; saw ${await app.describeTestId('appt-error')}`,
    );
  });

  step('arrive-and-check-out', async () => {
    const block = await ourBlock();
    await app.driver.executeScript('arguments[0].focus()', block);
    await block.sendKeys(Key.ENTER);
    await app.waitVisible('appt-detail');
    await app.click('appt-arrive');
    await app.waitFor(
      async () => (await app.driver.executeScript(
        `return document.querySelector('.appt-detail')?.dataset.status ?? null;`)) === 'arrived',
      async () => `expected the appointment arrived; saw ${await app.describeTestId('appt-detail-status')}`,
    );
    await app.click('appt-checkout');
    await app.waitVisible('checkout-screen');
    await app.waitVisible('cart-line');
    await app.click('checkout-pay');
    await app.click('tender-cash');
    await app.type('tender-amount', '2000');
    await app.click('tender-add');
    await app.click('sale-complete');
    await app.waitVisible('sale-done', 20_000);
  });

  step('appointment-completed', async () => {
    await app.click('nav-appointments');
    await app.waitVisible('day-view');
    await showTomorrow();
    await app.waitFor(
      async () => { const b = await ourBlock(); return b && (await b.getAttribute('data-status')) === 'completed'; },
      async () => `expected ${CLIENT.name}'s appointment completed by the sale`,
    );
  });
});
