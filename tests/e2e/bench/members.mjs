// Member lookup: phone suffixes, names and pinyin initials typed into the search box.
import { ROUNDS, report, rows, timed } from './run.mjs';

/** Phone suffixes, names and pinyin initials a cashier types, drawn from the database. */
function queries(db) {
  const initials = ['lmy', 'wl', 'zx', 'cy', 'lj', 'hm', 'ly', 'zh'];
  const out = [];
  for (const [i, [phone, name]] of rows(db, `SELECT phone, name FROM members ORDER BY rid LIMIT ${ROUNDS}`).entries()) {
    out.push(phone.slice(-4));
    out.push(i % 2 ? name : initials[i % initials.length]);
  }
  return out.slice(0, ROUNDS * 2);
}

export const SET_SEARCH = `const el = document.querySelector(arg.selector ?? '[data-testid="member-search"]');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, arg.q);
  el.dispatchEvent(new Event('input', { bubbles: true }));`;
const SEARCH_ANSWERED = `return [...document.querySelectorAll('[data-answered]')].some((e) => e.getAttribute('data-answered') === arg.q);`;

export async function benchSearch(app, db) {
  await app.click('nav-members');
  await app.waitVisible('member-search');
  const samples = [];
  for (const q of queries(db)) {
    // Start from an empty box, as after the last member was served.
    await timed(app, SET_SEARCH, 'return true;', { q: '' });
    samples.push(await timed(app, SET_SEARCH, SEARCH_ANSWERED, { q }));
  }
  report('search', samples);
}
