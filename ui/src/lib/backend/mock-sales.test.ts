// The browser preview's refunds behave as the core's do (crates/salondesk-core/src/checkout/
// refund.rs), so what the sales screen shows in a browser is what the desk will see.
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiError, ApprovalGranted, Catalog, Permission, SaleDone, SaleView, StaffBrief, ZReportView } from "./bindings";
import { checkoutHandlers, seedDemoBalances, type MockCtx, type MockMember } from "./mock-checkout";
import { salesHandlers } from "./mock-sales";

const manager: StaffBrief = { id: "m1", name: "陈静", role: "manager" };
const cashier: StaffBrief = { id: "c1", name: "小李", role: "cashier" };
const gold: MockMember = { id: "g1", name: "林雅琪", memberNo: "880001", tier: "gold", birthday: null };
const ctx: MockCtx = {
  requireSession: () => ({ staff: cashier, canSeeFullPhone: false, canManage: false, permissions: [] }),
  member: (id) => (id === gold.id ? gold : null),
  checkPin: (id, pin) => {
    if (id === manager.id && pin === "1234") return manager;
    if (id === cashier.id && pin === "0000") return cashier;
    const e: ApiError = { code: "wrong_pin", message: "wrong PIN", field: null, memberId: null };
    throw e;
  },
  staffName: (id) => (id === manager.id ? manager.name : id === cashier.id ? cashier.name : null),
  visited: () => undefined,
};
const h = salesHandlers(ctx, checkoutHandlers(ctx));
const h0 = checkoutHandlers(ctx);
const call = <T>(name: string, args: Record<string, unknown> = {}) => ((h[name] ?? h0[name])!(args) as T);
/** A fresh single-use approval token, as the approval dialog gets one. */
const token = (permission: Permission = "refund", managerId = manager.id, pin = "1234") =>
  call<ApprovalGranted>("approve_action", { approval: { managerId, pin, permission } }).token;
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as ApiError).code;
  }
  return "ok";
};

let catalog: Catalog;
const item = (list: keyof Catalog, name: string) => catalog[list].find((x) => x.name === name)!.id;
const balances = () => call<{ storedValue: number; points: number }>("member_balances", { memberId: gold.id });

beforeAll(() => {
  seedDemoBalances(gold.id, true);
  catalog = call<Catalog>("catalog", { query: "" });
  call<ZReportView>("open_shift", { float: 50_000 });
});

function sell(): SaleView {
  const done = call<SaleDone>("complete_sale", {
    memberId: gold.id,
    cart: {
      memberId: gold.id, coupon: null, manualDiscount: 0,
      lines: [
        { kind: "service", itemId: item("services", "基础补水护理"), qty: 1, staff: [], priceOverride: null },
        { kind: "service", itemId: item("services", "深层清洁"), qty: 1, staff: [], priceOverride: null },
        { kind: "product", itemId: item("products", "氨基酸洁面乳 120g"), qty: 1, staff: [], priceOverride: null },
      ],
    },
    tenders: [{ kind: "stored_value", amount: 50_000 }, { kind: "cash", amount: 5_000 }],
  });
  return call<SaleView>("get_sale", { id: done.saleId });
}

describe("refunds in the browser preview", () => {
  it("returns money to the tenders in proportion and, over several refunds, exactly what was paid", () => {
    const sale = sell();
    expect(sale.total).toBe(53_460);
    expect(sale.change).toBe(1_540);
    const before = balances();
    const cleanser = sale.lines.find((l) => l.name === "氨基酸洁面乳 120g")!;
    const first = call<SaleDone>("refund_sale", { saleId: sale.id, lineIds: [cleanser.id], void: false, approval: token() });
    expect(first.total).toBe(-11_520);
    const refund = call<SaleView>("get_sale", { id: first.saleId });
    expect(refund.kind).toBe("refund");
    expect(refund.originalReceiptNo).toBe(sale.receiptNo);
    expect(refund.tenders.reduce((a, t) => a + t.amount, 0)).toBe(-11_520);
    const storedBack = -refund.tenders.find((t) => t.kind === "stored_value")!.amount;
    expect(storedBack).toBe(10_774); // 500/534.60 of ¥115.20, as the e2e test works it out
    expect(balances().storedValue).toBe(before.storedValue + storedBack);

    // The line is marked, and cannot be refunded twice.
    expect(call<SaleView>("get_sale", { id: sale.id }).lines.find((l) => l.id === cleanser.id)!.refunded).toBe(true);
    expect(code(() => call("refund_sale", { saleId: sale.id, lineIds: [cleanser.id], void: false, approval: token() }))).toBe("conflict");
    // Part refunded: no void any more.
    expect(code(() => call("refund_sale", { saleId: sale.id, lineIds: null, void: true, approval: token("void") }))).toBe("conflict");

    const rest = call<SaleDone>("refund_sale", { saleId: sale.id, lineIds: null, void: false, approval: token() });
    const all = [refund, call<SaleView>("get_sale", { id: rest.saleId })].flatMap((r) => r.tenders);
    const back = (kind: string) => -all.filter((t) => t.kind === kind).reduce((a, t) => a + t.amount, 0);
    expect(back("stored_value")).toBe(50_000);
    expect(back("cash")).toBe(5_000 - 1_540); // the change given is not refunded again
    expect(balances().storedValue).toBe(before.storedValue + 50_000);
    expect(code(() => call("refund_sale", { saleId: sale.id, lineIds: null, void: false, approval: token() }))).toBe("conflict");
  });

  it("needs a manager's PIN, and voids only a sale of the open shift", () => {
    const sale = sell();
    expect(code(() => token("void", manager.id, "0"))).toBe("wrong_pin");
    expect(code(() => token("void", cashier.id, "0000"))).toBe("forbidden");
    expect(code(() => call("refund_sale", { saleId: sale.id, lineIds: null, void: true, approval: null }))).toBe("forbidden");
    const done = call<SaleDone>("refund_sale", { saleId: sale.id, lineIds: null, void: true, approval: token("void") });
    expect(call<SaleView>("get_sale", { id: done.saleId }).kind).toBe("void");
    const z = call<ZReportView>("current_shift");
    expect(z.refunds).toBeGreaterThanOrEqual(3);
    expect(z.salesTotal + z.refundsTotal).toBe(0); // everything sold in this shift has gone back
  });

  it("refuses to refund a top-up once its stored value has been spent, and voids the bonus with it", () => {
    const topUp = call<SaleDone>("complete_sale", {
      cart: { memberId: gold.id, coupon: null, manualDiscount: 0, lines: [{ kind: "top_up", itemId: item("topUps", "充1000送200"), qty: 1, staff: [], priceOverride: null }] },
      tenders: [{ kind: "cash", amount: 100_000 }],
    });
    const line = call<SaleView>("get_sale", { id: topUp.saleId }).lines[0]!;
    const stored = balances().storedValue;
    // Spend all but ¥100 of it on SPAs (¥619.20 each for a 金卡 member).
    const qty = Math.ceil(stored / 61_920) + 1;
    call("complete_sale", {
      cart: { memberId: gold.id, coupon: null, manualDiscount: 0, lines: [{ kind: "service", itemId: item("services", "精油全身SPA"), qty, staff: [], priceOverride: null }] },
      tenders: [{ kind: "stored_value", amount: stored - 10_000 }, { kind: "cash", amount: qty * 61_920 - (stored - 10_000) }],
    });
    expect(balances().storedValue).toBe(10_000);
    expect(code(() => call("refund_sale", { saleId: topUp.saleId, lineIds: [line.id], void: false, approval: token() }))).toBe("conflict");
    expect(balances().storedValue).toBe(10_000); // refused: nothing written
  });

  it("takes back the principal and the bonus of a top-up not yet spent", () => {
    const topUp = call<SaleDone>("complete_sale", {
      cart: { memberId: gold.id, coupon: null, manualDiscount: 0, lines: [{ kind: "top_up", itemId: item("topUps", "充1000送200"), qty: 1, staff: [], priceOverride: null }] },
      tenders: [{ kind: "cash", amount: 100_000 }],
    });
    const stored = balances().storedValue;
    const done = call<SaleDone>("refund_sale", { saleId: topUp.saleId, lineIds: null, void: false, approval: token() });
    expect(done.total).toBe(-100_000); // the client gets the ¥1,000 she paid
    expect(balances().storedValue).toBe(stored - 120_000); // the ¥200 bonus goes too
  });
});
