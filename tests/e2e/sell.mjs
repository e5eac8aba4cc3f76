// Ringing up a sale at checkout, for end-to-end tests and screenshots: the grid's item by name
// (in its tab) into the cart, and paying the total in cash. Each takes the harness's `App`.

/** Taps the grid item `name` under tab `tab` ("services", "products" …); waits for its cart line. */
export async function addToCart(app, tab, name) {
  await app.click(`grid-tab-${tab}`);
  const item = await app.waitFor(
    async () => {
      for (const el of await app.all('grid-item')) {
        if ((await el.getAttribute('data-name')) === name && (await el.isDisplayed())) return el;
      }
      return null;
    },
    async () => `expected a grid-item named ${name} under ${tab}`,
  );
  await item.click();
  await app.waitFor(
    async () => {
      for (const el of await app.all('cart-line')) {
        if ((await el.getAttribute('data-name')) === name) return true;
      }
      return false;
    },
    async () => `expected a cart-line named ${name} after tapping it in the grid`,
  );
}

/** Pay → cash `yuan` → complete; waits for the done panel. */
export async function payCash(app, yuan) {
  await app.click('checkout-pay');
  await app.click('tender-cash');
  await app.type('tender-amount', yuan);
  await app.click('tender-add');
  await app.click('sale-complete');
  await app.waitVisible('sale-done', 20_000);
}
