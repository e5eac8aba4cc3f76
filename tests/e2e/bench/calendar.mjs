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

// Booked blocks with a free quarter hour below them in their own column, inside her hours: ids.
const MOVABLE = `const px = (el) => parseFloat(el.style.top);
  const out = [];
  for (const col of document.querySelectorAll('[data-testid="day-column"]')) {
    const blocks = [...col.querySelectorAll('[data-testid="appt-block"]')];
    const live = blocks.filter((b) => !['cancelled', 'no_show'].includes(b.dataset.status));
    for (const b of live) {
      if (!['booked', 'confirmed'].includes(b.dataset.status)) continue;
      const bottom = px(b) + b.offsetHeight + 2;
      const clash = live.some((o) => o !== b && px(o) >= px(b) && px(o) < bottom + 18 + 18);
      const below = [...col.querySelectorAll('[data-testid="slot"]')].find((s) => px(s) >= bottom + 18 - 1);
      if (!clash && below && !below.dataset.outside) out.push(b.dataset.id);
    }
  }
  return out;`;
const MOVE = `const b = document.querySelector('[data-testid="appt-block"][data-id="' + arg.id + '"]');
  window.__benchTop = b.style.top;
  b.focus();
  b.dispatchEvent(new KeyboardEvent('keydown', { key: arg.key, bubbles: true, cancelable: true }));`;
// Moved, or refused (a clash with a room, outside her hours): the refusal is not counted.
const ANSWERED = `const b = document.querySelector('[data-testid="appt-block"][data-id="' + arg.id + '"]');
  return (b !== null && b.style.top !== window.__benchTop) || document.querySelector('[data-testid="appt-error"]') !== null
    || document.querySelector('[data-testid="appt-confirm-outside"]') !== null;`;
const REFUSED = `const refused = document.querySelector('[data-testid="appt-error"]') !== null
    || document.querySelector('[data-testid="appt-confirm-outside"]') !== null;
  document.querySelector('[data-testid="appt-error"] button')?.click();
  document.querySelector('[role=dialog] .btn-secondary')?.click();
  return refused;`;

/** Moves `id` by `key`; the timing, or null when the move was refused. */
async function move(app, id, key) {
  const t = await timed(app, MOVE, ANSWERED, { id, key });
  return (await run(app, REFUSED, null)) ? null : t;
}

export async function benchBookingDrag(app) {
  await toCalendar(app);
  // Back to today (day_switch left the calendar weeks ahead, where the seeded days are full).
  if (await run(app, `return document.querySelector('[data-testid="appt-today"]')?.disabled === false;`, null)) {
    await app.click('appt-today');
    await until(app, `return document.querySelector('[data-testid="appt-today"]')?.disabled === true
      && document.querySelector('[data-testid="day-grid"]')?.getAttribute('data-date')
        === document.querySelector('[data-testid="day-view"]')?.getAttribute('data-date');`, null, 'today');
  }
  let id = null;
  // From tomorrow on (the demo week and the booked days after it): the first appointment that
  // moves down a quarter hour and back (a room may be taken where her column is free).
  for (let d = 0; d < 30 && !id; d += 1) {
    await run(app, NEXT_DAY, null);
    await until(app, DAY_SHOWN, null, 'the next day');
    for (const candidate of await run(app, MOVABLE, null)) {
      if ((await move(app, candidate, 'ArrowDown')) && (await move(app, candidate, 'ArrowUp'))) {
        id = candidate;
        break;
      }
    }
  }
  if (!id) throw new Error('no booked appointment in the next 30 days moves a quarter hour down and back');
  const samples = [];
  // Down a quarter hour and back: the same two free places each round.
  for (let i = 0; i < ROUNDS; i += 1) samples.push(await move(app, id, i % 2 ? 'ArrowUp' : 'ArrowDown'));
  report('booking_drag', samples);
}
