import { describe, expect, it } from "vitest";
import type { SaleLineView, SaleView, ZReportView } from "./backend/bindings";
import { keepRefundable, refundableLines, refundNotes, selectionTotal, voidCheck } from "./refund";

const line = (id: string, amount: number, refunded = false, kind = "service"): SaleLineView => ({
  id, kind, name: id, qty: 1, unitPrice: amount, discount: 0, amount, staff: [], refunded,
});
const sale = (lines: SaleLineView[], kind = "sale", createdAt = "2026-11-23T03:00:00Z"): SaleView => ({
  id: "s1", receiptNo: "S01-001-000035", kind, originalReceiptNo: null, shiftId: null, memberId: null, memberName: null, memberTier: null,
  cashierName: "小李", createdAt, subtotal: 0, discountTotal: 0, total: lines.reduce((a, l) => a + l.amount, 0), change: 0,
  pointsEarned: 0, lines, tenders: [],
});
const shift = (openedAt: string): ZReportView => ({
  shiftId: "sh", openedAt, closedAt: null, openedBy: "小李", float: 0, sales: 0, refunds: 0, salesTotal: 0,
  refundsTotal: 0, discountsTotal: 0, payIns: 0, payOuts: 0, tenders: [],
});

describe("refunds", () => {
  const s = sale([line("a", 17_820), line("b", 24_120, true), line("c", 33_120)]);

  it("offers only lines not yet refunded, and nothing on a refund record", () => {
    expect(refundableLines(s).map((l) => l.id)).toEqual(["a", "c"]);
    expect(refundableLines(sale([line("x", -100)], "refund"))).toEqual([]);
  });

  it("adds up what a selection gives back, ignoring lines already refunded", () => {
    expect(selectionTotal(s, new Set(["a", "b", "c"]))).toBe(50_940);
    expect(selectionTotal(s, new Set())).toBe(0);
    expect([...keepRefundable(s, new Set(["a", "b", "zz"]))]).toEqual(["a"]);
  });

  it("warns about top-ups and packages", () => {
    expect(refundNotes([line("t", 100_000, false, "top_up"), line("p", 158_000, false, "package_purchase")]))
      .toEqual(["top_up", "package_purchase"]);
    expect(refundNotes([line("a", 1)])).toEqual([]);
  });
});

describe("voids", () => {
  it("offers a void only for a sale of the open shift with nothing refunded", () => {
    const fresh = sale([line("a", 100)]);
    expect(voidCheck(fresh, shift("2026-11-23T01:00:00Z"))).toEqual({ ok: true });
    expect(voidCheck(fresh, null)).toEqual({ ok: false, reason: "no_shift" });
    expect(voidCheck(fresh, shift("2026-11-23T04:00:00Z"))).toEqual({ ok: false, reason: "other_shift" });
    expect(voidCheck(sale([line("a", 100, true)]), shift("2026-11-23T01:00:00Z"))).toEqual({ ok: false, reason: "refunded" });
    expect(voidCheck(sale([line("a", -100)], "void"), shift("2026-11-23T01:00:00Z"))).toEqual({ ok: false, reason: "not_sale" });
    // A sale that names its shift is judged by it, whatever the clock says.
    expect(voidCheck({ ...fresh, shiftId: "sh" }, shift("2026-11-23T04:00:00Z"))).toEqual({ ok: true });
    expect(voidCheck({ ...fresh, shiftId: "old" }, shift("2026-11-23T01:00:00Z"))).toEqual({ ok: false, reason: "other_shift" });
  });
});
