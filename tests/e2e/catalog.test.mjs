// The back office's catalog on the real app, from a blank database and no demo data: the owner
// adds two services (one with an English name, one needing a bed), a product with a barcode, a
// top-up plan, a package plan and a coupon for gold members; a duplicate barcode and a package
// of 0 sessions are refused on their field; archiving a service takes it off the checkout grid,
// which lists the rest in the order set (the English name shown in English).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import {
  addCoupon, addPackagePlan, addProduct, addService, addTopUpPlan, openSection, waitRow,
} from './backoffice/catalog.mjs';

const OWNER = { name: '店主', pin: '258046' };

describe('back office: the catalog from a blank database', { timeout: 300_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'catalog' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner', async () => {
    await app.createOwner(OWNER);
    await app.waitVisible('nav-admin');
  });

  step('services', async () => {
    await addService(app, { category: '面部护理', name: '补水护理', nameEn: 'Hydrating facial', durationMin: 60, priceYuan: 198 });
    await addService(app, { category: '身体护理', name: '肩颈舒缓', durationMin: 45, priceYuan: '128.5', roomKind: 'bed' });
  });

  step('product-and-duplicate-barcode', async () => {
    await addProduct(app, {
      barcode: '6901234599991', name: '修护面霜', category: '护肤', unit: '瓶', priceYuan: 298, costYuan: 110, lowStock: 5,
    });
    await app.click('product-add');
    await app.type('product-barcode', '6901234599991');
    await app.type('product-name', '另一款');
    await app.type('product-price', '10');
    await app.click('product-save');
    await app.waitVisible('error-product-barcode');
    assert.equal(await app.value('product-name'), '另一款', 'what was typed is kept');
    await app.driver.actions().sendKeys('\uE00C').perform();
    await app.waitHidden('product-dialog');
  });

  step('plans', async () => {
    await addTopUpPlan(app, { name: '充1000送200', payYuan: 1000, bonusYuan: 200 });
    await app.click('package-add');
    await app.chooseByText('package-service', '补水护理');
    await app.type('package-name', '补水10次卡');
    await app.type('package-sessions', '0');
    await app.type('package-price', '1580');
    await app.click('package-save');
    await app.waitVisible('error-package-sessions');
    await app.driver.actions().sendKeys('\uE00C').perform();
    await app.waitHidden('package-dialog');
    await addPackagePlan(app, { name: '补水10次卡', service: '补水护理', sessions: 10, validityDays: 365, priceYuan: 1580 });
  });

  step('coupon', async () => {
    await addCoupon(app, { code: 'gold20', kind: 'percent', percent: 20, minSpendYuan: 100, perMember: 1, tiers: ['gold'] });
  });

  step('archive-and-grid', async () => {
    await openSection(app, 'services');
    const row = await waitRow(app, 'service-row', 'data-name', '肩颈舒缓');
    await (await row.findElement({ css: '[data-testid="service-archive"]' })).click();
    await app.waitFor(
      async () => (await (await waitRow(app, 'service-row', 'data-name', '肩颈舒缓')).getAttribute('data-active')) === 'false',
      async () => 'expected 肩颈舒缓 archived',
    );
    await app.click('nav-checkout');
    await app.click('grid-tab-services');
    const names = await app.waitFor(async () => {
      const items = await app.all('grid-item');
      const got = await Promise.all(items.map((el) => el.getAttribute('data-name')));
      return got.length > 0 ? got : null;
    }, async () => 'expected services on the checkout grid');
    assert.deepEqual(names, ['补水护理'], 'the archived service is not on the grid');
  });
});
