// The back office's catalog steps for end-to-end tests: add a service, a product, a top-up
// plan, a package plan and a coupon through their screens, as an owner or a manager would.
// Each takes the harness's `App` (tests/e2e/harness.mjs: its WebDriver helpers) and waits until
// the new row is in its table, so the next step can rely on it. Amounts are typed in yuan.

/** Back office → `section` (services, products, plans, coupons). */
export async function openSection(driver, section) {
  await driver.click('nav-admin');
  await driver.click(`admin-${section}`);
  await driver.waitVisible(`${section === 'plans' ? 'top-up-plans' : section}-admin`);
}

/** Waits for a row of `rowTestId` whose `attr` is `value`; returns it. */
export async function waitRow(driver, rowTestId, attr, value) {
  return driver.waitFor(
    async () => {
      for (const el of await driver.all(rowTestId)) {
        if ((await el.getAttribute(attr)) === value) return el;
      }
      return null;
    },
    async () => `expected a ${rowTestId} with ${attr}=${JSON.stringify(value)}`,
  );
}

/** Saves a dialog and waits for it to close (a refusal stays open: its error is reported). */
async function save(driver, dialog, button) {
  await driver.click(button);
  await driver.waitFor(
    async () => (await driver.visible(dialog)) === null,
    async () => `expected ${dialog} to close after saving; it shows ${await driver.describeTestId(dialog)}`,
  );
}

/** Services → Add: `roomKind` is bed, chair or room (left as "any" when absent). */
export async function addService(driver, { category, name, nameEn, durationMin, priceYuan, roomKind }) {
  await openSection(driver, 'services');
  await driver.click('service-add');
  await driver.waitVisible('service-dialog');
  await driver.type('service-category', category);
  await driver.type('service-name', name);
  if (nameEn) await driver.type('service-name-en', nameEn);
  await driver.type('service-duration', String(durationMin));
  await driver.type('service-price', String(priceYuan));
  if (roomKind) await driver.choose('service-room-kind', roomKind);
  await save(driver, 'service-dialog', 'service-save');
  return waitRow(driver, 'service-row', 'data-name', name);
}

/** Products → Add. Stock is received on the stock screens, not here. */
export async function addProduct(driver, { barcode, name, category, unit, priceYuan, costYuan, lowStock }) {
  await openSection(driver, 'products');
  await driver.click('product-add');
  await driver.waitVisible('product-dialog');
  await driver.type('product-barcode', barcode);
  await driver.type('product-name', name);
  if (category) await driver.type('product-category', category);
  if (unit) await driver.type('product-unit', unit);
  await driver.type('product-price', String(priceYuan));
  if (costYuan !== undefined) await driver.type('product-cost', String(costYuan));
  if (lowStock !== undefined) await driver.type('product-low-stock', String(lowStock));
  await save(driver, 'product-dialog', 'product-save');
  return waitRow(driver, 'product-row', 'data-barcode', barcode);
}

/** Plans → Top-up plans → Add: pay X, get a bonus. */
export async function addTopUpPlan(driver, { name, payYuan, bonusYuan }) {
  await openSection(driver, 'plans');
  await driver.click('top-up-add');
  await driver.waitVisible('top-up-dialog');
  await driver.type('top-up-name', name);
  await driver.type('top-up-pay', String(payYuan));
  await driver.type('top-up-bonus', String(bonusYuan ?? 0));
  await save(driver, 'top-up-dialog', 'top-up-save');
  return waitRow(driver, 'top-up-row', 'data-name', name);
}

/** Plans → Package plans → Add: `service` is the service's name as listed. */
export async function addPackagePlan(driver, { name, service, sessions, validityDays, priceYuan }) {
  await openSection(driver, 'plans');
  await driver.click('package-add');
  await driver.waitVisible('package-dialog');
  await driver.chooseByText('package-service', service);
  await driver.type('package-name', name);
  await driver.type('package-sessions', String(sessions));
  await driver.type('package-valid-days', String(validityDays));
  await driver.type('package-price', String(priceYuan));
  await save(driver, 'package-dialog', 'package-save');
  return waitRow(driver, 'package-row', 'data-name', name);
}

/**
 * Coupons → Add. `kind` "fixed" (`amountYuan` off) or "percent" (`percent` off); dates are
 * YYYY-MM-DD (default: today for 30 days); `tiers` a list of standard/silver/gold/platinum
 * (empty: everyone); `maxUses` / `perMember` left empty for no limit.
 */
export async function addCoupon(driver, {
  code, kind = 'fixed', amountYuan, percent, minSpendYuan, validFrom, validTo, maxUses, perMember, tiers = [],
}) {
  await openSection(driver, 'coupons');
  await driver.click('coupon-add');
  await driver.waitVisible('coupon-dialog');
  await driver.type('coupon-code', code.toUpperCase());
  await driver.choose('coupon-kind', kind);
  await driver.type('coupon-value', String(kind === 'fixed' ? amountYuan : percent));
  if (minSpendYuan !== undefined) await driver.type('coupon-min-spend', String(minSpendYuan));
  if (validFrom) await driver.setValue('coupon-valid-from', validFrom);
  if (validTo) await driver.setValue('coupon-valid-to', validTo);
  if (maxUses !== undefined) await driver.type('coupon-max-uses', String(maxUses));
  if (perMember !== undefined) await driver.type('coupon-per-member', String(perMember));
  for (const tier of tiers) await driver.click(`coupon-tier-${tier}`);
  await save(driver, 'coupon-dialog', 'coupon-save');
  return waitRow(driver, 'coupon-row', 'data-code', code.toUpperCase());
}
