// The appointment calendar: next day to its columns, an appointment moved by keyboard.
import { ROUNDS, report, run, timed, until } from './run.mjs';

const NEXT_DAY = `window.__benchDate = document.querySelector('[data-testid="day-view"]').getAttribute('data-date');
  document.querySelector('[data-testid="appt-next"]').click();`;
const DAY_SHOWN = `const el = document.querySelector('[data-testid="day-grid"]');
  return el !== null && el.getAttribute('data-date') !== window.__benchDate
    && document.querySelector('[data-testid="day-view"]').getAttribute('data-date') === el.getAttribute('data-date');`;

async function toCalendar(app) {
  await app.click('nav-appointments');
  await app.waitVisible('day-grid');
}

export async function benchDaySwitch(app) {
  await toCalendar(app);
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) samples.push(await timed(app, NEXT_DAY, DAY_SHOWN, null));
  report('day_switch', samples);
}

// A booked block with a free quarter hour below it in its own column, inside her hours: its id.
const MOVABLE = `const px = (el) => parseFloat(el.style.top);
  for (const col of document.querySelectorAll('[data-testid="day-column"]')) {
    const blocks = [...col.querySelectorAll('[data-testid="appt-block"]')];
    const live = blocks.filter((b) => !['cancelled', 'no_show'].includes(b.dataset.status));
    for (const b of live) {
      if (!['booked', 'confirmed'].includes(b.dataset.status)) continue;
      const bottom = px(b) + b.offsetHeight + 2;
      const clash = live.some((o) => o !== b && px(o) >= px(b) && px(o) < bottom + 18 + 18);
      const below = [...col.querySelectorAll('[data-testid="slot"]')].find((s) => px(s) >= bottom + 18 - 1);
      if (!clash && below && !below.dataset.outside) return b.dataset.id;
    }
  }
  return null;`;
const MOVE = `const b = document.querySelector('[data-testid="appt-block"][data-id="' + arg.id + '"]');
  window.__benchTop = b.style.top;
  b.focus();
  b.dispatchEvent(new KeyboardEvent('keydown', { key: arg.key, bubbles: true, cancelable: true }));`;
const MOVED = `const b = document.querySelector('[data-testid="appt-block"][data-id="' + arg.id + '"]');
  return b !== null && b.style.top !== window.__benchTop;`;

export async function benchBookingDrag(app) {
  await toCalendar(app);
  let id = null;
  // From tomorrow on (the demo week and the booked days after it), the first day with one.
  for (let d = 0; d < 30 && !id; d += 1) {
    await run(app, NEXT_DAY, null);
    await until(app, DAY_SHOWN, null, 'the next day');
    id = await run(app, MOVABLE, null);
  }
  if (!id) throw new Error('no booked appointment with a free quarter hour below it in the next 30 days');
  const samples = [];
  // Down a quarter hour and back: the same two free places each round.
  for (let i = 0; i < ROUNDS; i += 1) {
    samples.push(await timed(app, MOVE, MOVED, { id, key: i % 2 ? 'ArrowUp' : 'ArrowDown' }));
    if (await app.visible('appt-confirm-outside')) throw new Error('the move asked about outside hours');
  }
  report('booking_drag', samples);
}
