// The till: a tile to the cart's total, a scanned barcode to the cart's total, a member attached
// to her discounted total and balances, and Pay (cash, exact) to the done panel.
import { ROUNDS, report, rows, run, timed, until } from './run.mjs';
import { SET_SEARCH } from './members.mjs';

const TAP_TILE = `window.__benchTotal = document.querySelector('[data-testid="cart-total"]').textContent;
  document.querySelectorAll('[data-testid="grid-item"]')[arg].click();`;
const TOTAL_CHANGED = `const el = document.querySelector('[data-testid="cart-total"]');
  return el !== null && el.textContent !== window.__benchTotal;`;
const PRICED = `const el = document.querySelector('[data-testid="cart-total"]');
  return el !== null && el.getAttribute('data-fresh') === 'true';`;

async function toCheckout(app) {
  await app.click('nav-checkout');
  await app.waitVisible('grid-item');
}

export async function benchCartAdd(app) {
  await toCheckout(app);
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

export async function benchScan(app, db) {
  await toCheckout(app);
  const codes = rows(db, 'SELECT barcode FROM products WHERE barcode IS NOT NULL AND active = 1 LIMIT 6').map((r) => r[0]);
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) samples.push(await timed(app, SCAN, TOTAL_CHANGED, codes[i % codes.length]));
  report('scan', samples);
}

const KEY = `window.dispatchEvent(new KeyboardEvent('keydown', { key: arg, bubbles: true, cancelable: true }));`;
const PICK_FIRST = `document.querySelector('[data-testid="picker-result"]').click();`;
// Her balances in the cart and the total priced for her (the tier discount applied).
const MEMBER_SHOWN = `const m = document.querySelector('[data-testid="cart-member"]');
  const points = document.querySelector('[data-testid="member-points"]');
  const total = document.querySelector('[data-testid="cart-total"]');
  return m !== null && points !== null && points.textContent !== '…' && total?.getAttribute('data-fresh') === 'true'
    && document.querySelector('[data-testid="member-dialog"]') === null;`;

/** A fresh sale with one service on it, priced, no member. */
async function oneLineSale(app) {
  if (await app.visible('sale-new')) await app.click('sale-new');
  if (await app.visible('cart-member-detach')) await app.click('cart-member-detach');
  if ((await app.all('cart-line')).length === 0) await run(app, TAP_TILE, 0);
  await until(app, `if (document.querySelectorAll('[data-testid="cart-line"]').length === 0) return false; ${PRICED}`,
    null, 'a priced cart');
}

export async function benchMemberAttach(app, db) {
  await toCheckout(app);
  const phones = rows(db, `SELECT phone FROM members ORDER BY rid DESC LIMIT ${ROUNDS}`).map((r) => r[0].slice(-4));
  const samples = [];
  for (const q of phones) {
    await oneLineSale(app);
    await run(app, KEY, 'F3');
    await until(app, `return document.querySelector('#f-checkout-member') !== null;`, null, 'the member dialog');
    await run(app, SET_SEARCH, { selector: '#f-checkout-member', q });
    await until(app, `return document.querySelector('[data-testid="picker-result"]') !== null;`, null, `a member for ${q}`);
    samples.push(await timed(app, PICK_FIRST, MEMBER_SHOWN, null));
  }
  report('member_attach', samples);
}

const COMPLETE = `document.querySelector('[data-testid="sale-complete"]').click();`;
const RECEIPT_SHOWN = `const no = document.querySelector('[data-testid="sale-receipt-no"]');
  return no !== null && no.textContent.trim() !== '';`;

export async function benchPay(app) {
  await toCheckout(app);
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    await oneLineSale(app);
    await run(app, KEY, 'F9');
    await app.click('tender-exact');
    await app.click('tender-add');
    await until(app, `return document.querySelector('[data-testid="sale-complete"]')?.disabled === false;`, null, 'Complete enabled');
    samples.push(await timed(app, COMPLETE, RECEIPT_SHOWN, null));
  }
  report('pay', samples);
}
