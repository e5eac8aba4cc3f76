// A salon set up and run from a blank database, with no demo data (issue 14's whole story, on
// the real app): the owner sets her PIN and the store's details, adds a manager, a cashier and a
// beautician, three services, two products with barcodes, a top-up plan, a package plan and a
// coupon; receives stock; sets the beautician's hours and a room. The cashier logs in, opens her
// shift and sells by scanning a barcode; she cannot refund without a manager's PIN (the dialog
// asks, and cancelling it refunds nothing); the manager's PIN approves it. The product sold
// falls to its low-stock level and shows in the low-stock list and on the top bar's badge; the
// audit log shows the refund (who, approved by whom) and the staff added.
//
// Figures by hand: 玻尿酸精华液 (low-stock level 2) received 3, sold 2 → 1 on hand (low);
// 氨基酸洁面乳 (level 1) received 10, sold 1 and refunded → 10 (not low). The sale is
// 2 × ¥268 + ¥128 = ¥664, paid in cash.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import { addStaff, finishFirstRunSetup, loginAs, logout } from './backoffice/staff.mjs';
import { addCoupon, addPackagePlan, addProduct, addService, addTopUpPlan } from './backoffice/catalog.mjs';
import { addRoom, lowStockBadge, openLowStock, receiveStock, setWeeklyHours } from './backoffice/stock.mjs';
import { approveWithManagerPin } from './backoffice/perms.mjs';
import { openAuditLog } from './backoffice/records.mjs';

const OWNER = { name: '林店主', pin: '258046' };
const MANAGER = { name: '周店长', role: 'manager', pin: '369150' };
const CASHIER = { name: '陈收银', role: 'cashier', pin: '147258' };
const BEAUTICIAN = { name: '李美容师', role: 'beautician', pin: '582930' };
const SERUM = { barcode: '6901234567892', name: '玻尿酸精华液 30ml', category: '护肤品', unit: '瓶', priceYuan: '268', costYuan: '80', lowStock: 2 };
const CLEANSER = { barcode: '6909876543210', name: '氨基酸洁面乳 120g', category: '护肤品', unit: '支', priceYuan: '128', costYuan: '40', lowStock: 1 };

/** A keyboard-wedge scanner: the code's keys and Enter in one quick burst, from the window down. */
async function scan(app, code) {
  await app.driver.executeScript(
    `for (const key of [...arguments[0], 'Enter']) {
       window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
     }`,
    code,
  );
}

async function cartHas(app, name, qty) {
  await app.waitFor(
    async () => {
      for (const el of await app.all('cart-line')) {
        if ((await el.getAttribute('data-name')) === name) return qty === undefined || (await el.getAttribute('data-qty')) === String(qty);
      }
      return false;
    },
    async () => `expected a cart-line named ${name}${qty ? ` with qty ${qty}` : ''} after the scan`,
  );
}

describe('back office: a store set up from a blank database and run by its own staff', { timeout: 600_000 }, () => {
  let app = null;
  before(async () => {
    app = await launchApp({ name: 'backoffice' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-and-store-setup', async () => {
    await app.createOwner({ ...OWNER, storeSetup: false });
    await finishFirstRunSetup(app, {
      storeName: '丽颜美容 · 徐汇店', address: '上海市徐汇区漕溪北路 88 号', phone: '021-64871234',
      receiptHeader: '丽颜美容 欢迎光临', receiptFooter: '谢谢惠顾，欢迎再来',
    });
  });

  step('staff', async () => {
    for (const s of [MANAGER, CASHIER, BEAUTICIAN]) await addStaff(app, s);
  });

  step('services-and-products', async () => {
    await addService(app, { category: '面部护理', name: '基础补水护理', durationMin: 60, priceYuan: '198', roomKind: 'bed' });
    await addService(app, { category: '面部护理', name: '深层清洁', durationMin: 45, priceYuan: '268' });
    await addService(app, { category: '身体护理', name: '肩颈舒缓', durationMin: 30, priceYuan: '158' });
    await addProduct(app, SERUM);
    await addProduct(app, CLEANSER);
  });

  step('plans-and-coupon', async () => {
    await addTopUpPlan(app, { name: '充1000送200', payYuan: '1000', bonusYuan: '200' });
    await addPackagePlan(app, { name: '补水护理10次卡', service: '基础补水护理', sessions: 10, validityDays: 365, priceYuan: '1580' });
    await addCoupon(app, { code: 'WELCOME20', kind: 'fixed', amountYuan: '20', minSpendYuan: '100' });
  });

  step('receive-stock', async () => {
    await receiveStock(app, {
      supplier: '广州美妆供应链',
      lines: [{ barcode: SERUM.barcode, qty: 3, unitCostYuan: '80' }, { barcode: CLEANSER.barcode, qty: 10, unitCostYuan: '40' }],
    });
    assert.deepEqual(await openLowStock(app), [], 'nothing is low right after receiving (3 > 2, 10 > 1)');
  });

  step('hours-and-room', async () => {
    await setWeeklyHours(app, {
      staffName: BEAUTICIAN.name,
      days: { mon: ['10:00', '20:00'], tue: ['10:00', '20:00'], wed: null, thu: ['10:00', '20:00'], fri: ['10:00', '21:00'], sat: ['09:30', '21:00'], sun: ['09:30', '18:00'] },
    });
    await addRoom(app, { name: '1号美容床', kind: 'bed', capacity: 1 });
  });

  let receiptNo = null;
  step('cashier-sells-by-scanning', async () => {
    await logout(app);
    await loginAs(app, CASHIER.name, CASHIER.pin);
    await app.openShift('500');
    await app.click('nav-checkout');
    await app.waitVisible('checkout-pay');
    // The screen listens for the scanner once its catalog is in.
    await app.waitVisible('grid-item');
    await scan(app, SERUM.barcode);
    await cartHas(app, SERUM.name, 1);
    await scan(app, SERUM.barcode);
    await cartHas(app, SERUM.name, 2);
    await scan(app, CLEANSER.barcode);
    await cartHas(app, CLEANSER.name, 1);
    await app.click('checkout-pay');
    await app.click('tender-cash');
    await app.type('tender-amount', '664');
    await app.click('tender-add');
    await app.click('sale-complete');
    await app.waitVisible('sale-done', 20_000);
    receiptNo = (await app.text('sale-receipt-no')).match(/[A-Z0-9]+-\d+-\d+/)[0];
    await app.click('sale-new');
  });

  step('refund-needs-a-manager', async () => {
    await app.click('nav-sales');
    await app.type('sales-receipt-search', receiptNo);
    await app.click('sales-receipt-find');
    await app.waitVisible('sale-detail');
    await app.waitFor(async () => {
      for (const el of await app.all('refund-line')) {
        if ((await el.getAttribute('data-name')) !== CLEANSER.name) continue;
        if ((await el.getAttribute('class')).split(/\s+/).includes('selected')) return true;
        await el.click();
      }
      return false;
    }, async () => `expected to tick the refund-line of ${CLEANSER.name}`);
    await app.click('refund-submit');
    // A cashier may not refund on her own: the core asks for a manager's approval.
    await app.waitVisible('approval-dialog');
    await app.click('approval-cancel');
    await app.waitHidden('approval-dialog');
    assert.equal(await app.visible('refund-done'), null, 'cancelling the approval refunds nothing');
    await app.click('refund-submit');
    await approveWithManagerPin(app, { approverName: MANAGER.name, pin: MANAGER.pin });
    await app.waitVisible('refund-done', 20_000);
  });

  step('low-stock-and-audit-log', async () => {
    await logout(app);
    await loginAs(app, OWNER.name, OWNER.pin);
    // The badge is read after login (one count query): wait for it rather than race it.
    await app.waitFor(async () => (await lowStockBadge(app)) === 1,
      async () => `expected the top bar's low-stock badge to say 1; saw ${await app.describeTestId('low-stock-badge')}`);
    assert.deepEqual(await openLowStock(app), [SERUM.name], `${SERUM.name}: 3 received − 2 sold = 1, below its level 2; the cleanser's refund put it back to 10`);
    const refunds = await openAuditLog(app, { kind: 'refund' });
    assert.equal(refunds.length, 1, 'one refund in the audit log');
    assert.equal(refunds[0].staff, CASHIER.name, 'the refund is the cashier\'s');
    const added = await openAuditLog(app, { kind: 'staff_added' });
    assert.deepEqual(added.map((r) => r.staff).sort(), [OWNER.name, OWNER.name, OWNER.name], 'the owner added three staff');
  });
});
