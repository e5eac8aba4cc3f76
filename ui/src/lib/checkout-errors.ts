// Where an error from pricing or completing a sale belongs on the checkout, and which of our
// texts says it. Pure (no I/O, no text): the screen turns the answer into words with `t`.
// The desk branches on the error's code and field, never on its message.
import type { ApiError, QuoteView, TenderInput } from "./backend/bindings";
import { type Cart, lineOfError } from "./cart";
import { summarize } from "./tenders";

export type LineProblem =
  | { kind: "stock"; left: number | null }
  | { kind: "sessions" | "staff" | "qty" | "priceOverride" };

export type QuoteProblem =
  | { on: "line"; key: string; problem: LineProblem }
  | { on: "cart"; problem: "member" | "manualDiscount" | "other" };

/** A quote error (not the coupon's): on the line it is about, or on the cart. */
export function placeQuoteError(cart: Cart, error: ApiError, sessionsLeft: (packageId: string) => number | null): QuoteProblem {
  const key = lineOfError(cart, error, sessionsLeft);
  const line = key ? cart.lines.find((l) => l.key === key) : undefined;
  if (line) {
    const problem: LineProblem = error.field === "staff" ? { kind: "staff" }
      : error.field === "qty" ? { kind: "qty" }
      : error.field === "priceOverride" ? { kind: "priceOverride" }
      : line.kind === "package_redemption" ? { kind: "sessions" }
      : { kind: "stock", left: line.kind === "product" && line.stock !== null ? Math.max(0, line.stock) : null };
    return { on: "line", key: line.key, problem };
  }
  return {
    on: "cart",
    problem: error.field === "memberId" ? "member" : error.field === "manualDiscount" ? "manualDiscount" : "other",
  };
}

export type SaleProblem =
  /** No shift is open on this device (the core answers `conflict`). */
  | "shift"
  /** The manager's approval is missing, wrong or no longer valid: ask for it again. */
  | "approval"
  /** Stored value or points were put towards a top-up. */
  | "prepaidTopUp"
  /** Another problem with the tenders (balance, reference, last 4 digits…). */
  | "tenders"
  /** The cart itself (stock, sessions, coupon…) changed since it was priced. */
  | "cart"
  | "other";

const TENDER_FIELDS = new Set(["tenders", "last4", "reference", "points"]);

/** What a failed complete_sale means for the cashier. */
export function classifySaleError(error: ApiError, ctx: { needsApproval: boolean; quote: QuoteView | null; tenders: readonly TenderInput[] }): SaleProblem {
  if (error.code === "conflict") return "shift";
  if (error.code === "wrong_pin" || error.code === "locked_out" || error.code === "approval_invalid") return "approval";
  if (error.code === "forbidden" && (ctx.needsApproval || error.field === "approval")) return "approval";
  if (error.code === "validation" && error.field !== null && TENDER_FIELDS.has(error.field)) {
    const q = ctx.quote;
    const paid = summarize(ctx.tenders, q?.total ?? 0, q?.pointValueFen ?? 1);
    return q !== null && q.topUpTotal > 0 && paid.prepaid > q.total - q.topUpTotal ? "prepaidTopUp" : "tenders";
  }
  if (error.code === "validation") return "cart";
  return "other";
}
