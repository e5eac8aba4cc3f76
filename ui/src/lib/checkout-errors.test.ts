import { describe, expect, it } from "vitest";
import type { ApiError, QuoteView } from "./backend/bindings";
import { EMPTY_CART, type Cart, type CartLine } from "./cart";
import { classifySaleError, placeQuoteError } from "./checkout-errors";

const err = (code: ApiError["code"], field: string | null = null, message = ""): ApiError => ({ code, field, message, memberId: null });
const lineOf = (over: Partial<CartLine>): CartLine => ({
  key: "l1", kind: "service", itemId: "s1", name: "基础补水护理", listPrice: 19_800, qty: 1, staff: [], priceOverride: null, stock: null, ...over,
});
const quote = (total: number, topUpTotal: number): QuoteView => ({
  lines: [], subtotal: total, campaignDiscount: 0, tierDiscount: 0, couponDiscount: 0, manualDiscount: 0, total, topUpTotal, pointValueFen: 1, pointsToEarn: 0,
});

describe("placeQuoteError", () => {
  it("puts a stock error on the product line asking for more than the shelf has, saying how many are left", () => {
    const cart: Cart = { ...EMPTY_CART, lines: [lineOf({}), lineOf({ key: "l2", kind: "product", itemId: "p1", name: "眼霜 15g", qty: 4, stock: 3 })] };
    expect(placeQuoteError(cart, err("validation", "lines"), () => null)).toEqual({ on: "line", key: "l2", problem: { kind: "stock", left: 3 } });
  });

  it("puts a sessions error on the session line beyond what the package has left", () => {
    const s = lineOf({ kind: "package_redemption", itemId: "k1", listPrice: 0 });
    const cart: Cart = { ...EMPTY_CART, lines: [s, { ...s, key: "l2" }] };
    expect(placeQuoteError(cart, err("validation", "lines"), () => 1)).toEqual({ on: "line", key: "l2", problem: { kind: "sessions" } });
  });

  it("keeps on the cart what is about no line: a top-up without a member, a discount too large, the unknown", () => {
    expect(placeQuoteError({ ...EMPTY_CART, lines: [lineOf({ kind: "top_up" })] }, err("validation", "memberId"), () => null))
      .toEqual({ on: "cart", problem: "member" });
    expect(placeQuoteError({ ...EMPTY_CART, lines: [lineOf({})] }, err("validation", "manualDiscount"), () => null))
      .toEqual({ on: "cart", problem: "manualDiscount" });
    // Stock that changed elsewhere: the cart cannot tell which line, so it says so on the cart.
    expect(placeQuoteError({ ...EMPTY_CART, lines: [lineOf({ kind: "product", stock: 5 })] }, err("validation", "lines"), () => null))
      .toEqual({ on: "cart", problem: "other" });
  });
});

describe("classifySaleError", () => {
  const ctx = { needsApproval: false, quote: quote(100_000, 0), tenders: [] };
  it("sends a missing shift to the shift screen", () => {
    expect(classifySaleError(err("conflict", null, "open a shift first"), ctx)).toBe("shift");
  });

  it("asks for the manager again when the approval is missing or its PIN no longer works", () => {
    expect(classifySaleError(err("forbidden", "approval"), ctx)).toBe("approval");
    expect(classifySaleError(err("wrong_pin"), { ...ctx, needsApproval: true })).toBe("approval");
    expect(classifySaleError(err("locked_out"), { ...ctx, needsApproval: true })).toBe("approval");
    expect(classifySaleError(err("forbidden"), ctx)).toBe("other");
  });

  it("tells a top-up paid with prepaid value from other tender problems", () => {
    const topUp = { needsApproval: false, quote: quote(100_000, 100_000), tenders: [{ kind: "stored_value" as const, amount: 100_000 }] };
    expect(classifySaleError(err("validation", "tenders"), topUp)).toBe("prepaidTopUp");
    expect(classifySaleError(err("validation", "tenders"), { ...topUp, tenders: [{ kind: "cash" as const, amount: 100_000 }] })).toBe("tenders");
    expect(classifySaleError(err("validation", "last4"), ctx)).toBe("tenders");
  });

  it("calls other validation errors a cart problem", () => {
    expect(classifySaleError(err("validation", "lines"), ctx)).toBe("cart");
    expect(classifySaleError(err("internal"), ctx)).toBe("other");
  });
});
