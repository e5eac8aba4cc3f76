// The browser preview's checkout follows the core's rules: the same figures as the end-to-end
// checkout scenario (tests/e2e/checkout.test.mjs), worked out by hand there.
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiError, ApprovalGranted, CartInput, Catalog, CatalogItem, MemberBalancesView, QuoteView, SaleDone, StaffBrief } from "./bindings";
import { checkoutHandlers, mockShiftState, type MockCtx, type MockMember } from "./mock-checkout";

const cashier: StaffBrief = { id: "s-cashier", name: "小李", role: "cashier" };
const manager: StaffBrief = { id: "s-manager", name: "陈静", role: "manager" };
const pins: Record<string, string> = { [cashier.id]: "0000", [manager.id]: "1234" };
const gold: MockMember = { id: "m-gold", name: "王丽娜", memberNo: "100001", tier: "gold", birthday: null };

const ctx: MockCtx = {
  requireSession: () => ({ staff: cashier, canSeeFullPhone: false, canManage: false, permissions: [] }),
  member: (id) => (id === gold.id ? gold : null),
  checkPin: (staffId, pin) => {
    const s = [cashier, manager].find((x) => x.id === staffId);
    if (!s || pins[staffId] !== pin) throw { code: "wrong_pin", message: "wrong PIN", field: null, memberId: null };
    return s;
  },
  staffName: (id) => [cashier, manager].find((s) => s.id === id)?.name ?? null,
  visited: () => undefined,
};
const api = checkoutHandlers(ctx);
const call = <T>(cmd: string, args: Record<string, unknown> = {}) => api[cmd]!(args) as T;
const fails = (cmd: string, args: Record<string, unknown>): ApiError => {
  try {
    api[cmd]!(args);
  } catch (e) {
    return e as ApiError;
  }
  throw new Error(`${cmd} did not fail`);
};

let catalog: Catalog;
const find = (list: CatalogItem[], name: string) => list.find((i) => i.name === name)!;
const line = (i: CatalogItem, qty = 1) => ({ kind: i.kind, itemId: i.id, qty, staff: [], priceOverride: null });

beforeAll(() => {
  mockShiftState.current = { id: "shift-1", openedAt: new Date().toISOString(), openedBy: "小李", float: 50_000, closedAt: null, payIns: 0, payOuts: 0 };
  catalog = call<Catalog>("catalog", { query: "" });
});

describe("mock checkout", () => {
  it("has the demo catalog: services by category, products by barcode, top-ups, packages", () => {
    expect(find(catalog.services, "基础补水护理")).toMatchObject({ price: 19_800, category: "面部护理", durationMin: 60 });
    expect(call<CatalogItem>("product_by_barcode", { barcode: "6901234500017" })).toMatchObject({ name: "玻尿酸保湿精华 30ml", price: 36_800 });
    expect(call("product_by_barcode", { barcode: "6909999999999" })).toBeNull();
    expect(find(catalog.topUps, "充1000送200")).toMatchObject({ price: 100_000, bonus: 20_000 });
    expect(find(catalog.packages, "基础补水护理 10次卡")).toMatchObject({ sessions: 10, price: 158_000 });
  });

  it("tops up, then prices a 金卡 sale with 10% off and earns 1.5 points a yuan, as the e2e works out", () => {
    const topUp: CartInput = { memberId: gold.id, lines: [line(find(catalog.topUps, "充1000送200"))], coupon: null, manualDiscount: 0 };
    expect(fails("complete_sale", { cart: topUp, tenders: [{ kind: "stored_value", amount: 100_000 }], approvals: [] }))
      .toMatchObject({ code: "validation", field: "tenders" });
    call<SaleDone>("complete_sale", { cart: topUp, tenders: [{ kind: "cash", amount: 100_000 }], approvals: [] });
    expect(call<MemberBalancesView>("member_balances", { memberId: gold.id })).toMatchObject({ storedValue: 120_000, points: 0 });

    const cart: CartInput = {
      memberId: gold.id, coupon: null, manualDiscount: 0,
      lines: [line(find(catalog.services, "基础补水护理")), line(find(catalog.services, "深层清洁")), line(find(catalog.products, "氨基酸洁面乳 120g"))],
    };
    const q = call<QuoteView>("quote_cart", { cart });
    expect(q).toMatchObject({ subtotal: 59_400, tierDiscount: 5_940, total: 53_460, pointsToEarn: 801 });
    const done = call<SaleDone>("complete_sale", {
      cart, tenders: [{ kind: "stored_value", amount: 50_000 }, { kind: "cash", amount: 5_000 }], approval: null,
    });
    expect(done).toMatchObject({ total: 53_460, change: 1_540, pointsEarned: 801 });
    expect(call<MemberBalancesView>("member_balances", { memberId: gold.id })).toMatchObject({ storedValue: 70_000, points: 801 });
  });

  it("refuses a coupon below its minimum spend, on the coupon field", () => {
    const cart: CartInput = { memberId: null, lines: [line(find(catalog.services, "基础补水护理"))], coupon: "WELCOME50", manualDiscount: 0 };
    expect(fails("quote_cart", { cart })).toMatchObject({ code: "validation", field: "coupon" });
    const big = { ...cart, lines: [line(find(catalog.services, "抗衰紧致"))] };
    expect(call<QuoteView>("quote_cart", { cart: big })).toMatchObject({ couponDiscount: 5_000, total: 53_800 });
  });

  it("needs a manager's PIN for a manual discount or a typed price", () => {
    const cart: CartInput = { memberId: null, lines: [line(find(catalog.services, "抗衰紧致"))], coupon: null, manualDiscount: 2_000 };
    const cash = [{ kind: "cash", amount: 60_000 }];
    const ask = (managerId: string, pin: string) =>
      ({ approval: { managerId, pin, permission: "manual_discount" } });
    expect(fails("complete_sale", { cart, tenders: cash, approvals: [] })).toMatchObject({ code: "forbidden", field: "approval" });
    expect(fails("approve_action", ask(cashier.id, "0000"))).toMatchObject({ code: "forbidden" });
    expect(fails("approve_action", ask(manager.id, "9999"))).toMatchObject({ code: "wrong_pin" });
    const { token } = call<ApprovalGranted>("approve_action", ask(manager.id, "1234"));
    expect(call<SaleDone>("complete_sale", { cart, tenders: cash, approvals: [token] }))
      .toMatchObject({ total: 56_800, change: 3_200 });
    expect(fails("complete_sale", { cart, tenders: cash, approvals: [token] })).toMatchObject({ code: "approval_invalid" });
  });

  it("keeps stock and bank card rules: no more than on the shelf, last 4 digits, never a card number", () => {
    const eyeCream = find(catalog.products, "眼霜 15g");
    const cart: CartInput = { memberId: null, lines: [line(eyeCream, (eyeCream.stock ?? 0) + 1)], coupon: null, manualDiscount: 0 };
    expect(fails("quote_cart", { cart })).toMatchObject({ code: "validation", field: "lines" });
    const one = { ...cart, lines: [line(eyeCream)] };
    const card = (reference: string, last4: string) => [{ kind: "bank_card", amount: 32_800, reference, last4 }];
    expect(fails("complete_sale", { cart: one, tenders: card("889201", "12"), approvals: [] })).toMatchObject({ field: "last4" });
    expect(fails("complete_sale", { cart: one, tenders: card("4111111111111111", "1111"), approvals: [] })).toMatchObject({ field: "reference" });
  });

  it("cannot complete a sale without an open shift", () => {
    const saved = mockShiftState.current;
    mockShiftState.current = null;
    const cart: CartInput = { memberId: null, lines: [line(find(catalog.services, "深层清洁"))], coupon: null, manualDiscount: 0 };
    expect(fails("complete_sale", { cart, tenders: [{ kind: "cash", amount: 26_800 }], approvals: [] })).toMatchObject({ code: "conflict" });
    mockShiftState.current = saved;
  });
});
