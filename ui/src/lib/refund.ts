// What the refund screen may offer for a written sale: which lines can still be refunded, what a
// selection refunds, whether a void is worth offering. The backend decides in the end (it refuses
// a void outside the open shift, a top-up already spent, a package with sessions used); these
// only keep the screen from offering what cannot work.
import type { SaleLineView, SaleView, ZReportView } from "./backend/bindings";

export const isSaleRecord = (sale: SaleView) => sale.kind === "sale";

/** Lines not yet taken back by a refund or void. */
export function refundableLines(sale: SaleView): SaleLineView[] {
  return isSaleRecord(sale) ? sale.lines.filter((l) => !l.refunded) : [];
}

/** What refunding these lines gives back: the sum of what they were charged (after discounts). */
export function selectionTotal(sale: SaleView, lineIds: ReadonlySet<string>): number {
  return refundableLines(sale).filter((l) => lineIds.has(l.id)).reduce((a, l) => a + l.amount, 0);
}

/** Keeps only ids of lines that can still be refunded (after a reload some may be gone). */
export function keepRefundable(sale: SaleView, lineIds: ReadonlySet<string>): Set<string> {
  return new Set(refundableLines(sale).filter((l) => lineIds.has(l.id)).map((l) => l.id));
}

export type VoidCheck = { ok: true } | { ok: false; reason: "not_sale" | "refunded" | "no_shift" | "other_shift" };

/**
 * A void cancels a whole sale of the open shift with nothing refunded. The sale names its shift;
 * a sale without one (older data) is judged by whether it was made before this shift opened.
 */
export function voidCheck(sale: SaleView, shift: ZReportView | null): VoidCheck {
  if (!isSaleRecord(sale)) return { ok: false, reason: "not_sale" };
  if (sale.lines.some((l) => l.refunded)) return { ok: false, reason: "refunded" };
  if (!shift) return { ok: false, reason: "no_shift" };
  if (sale.shiftId !== null ? sale.shiftId !== shift.shiftId : Date.parse(sale.createdAt) < Date.parse(shift.openedAt)) {
    return { ok: false, reason: "other_shift" };
  }
  return { ok: true };
}

/** Kinds of line whose refund the cashier should hear about before asking a manager. */
export function refundNotes(lines: readonly SaleLineView[]): Array<"top_up" | "package_purchase"> {
  const notes: Array<"top_up" | "package_purchase"> = [];
  if (lines.some((l) => l.kind === "top_up")) notes.push("top_up");
  if (lines.some((l) => l.kind === "package_purchase")) notes.push("package_purchase");
  return notes;
}
