import { describe, expect, it } from "vitest";
import type { ApprovalGranted, Permission } from "./backend/bindings";
import { adjustmentsOf, approvedFor, covers, permissionsOf, tokensOf } from "./approval-scope";
import { EMPTY_CART, type Cart } from "./cart";

const grant = (permission: Permission, token: string): ApprovalGranted => ({
  token, permission, approver: { id: "m1", name: "陈静", role: "manager" }, expiresInSeconds: 120,
});
const both = [grant("manual_discount", "t-d"), grant("price_override", "t-p")];

describe("approval scope", () => {
  it("allows nothing without an approval", () => {
    expect(covers(null, { discount: 1 })).toBe(false);
    expect(covers(null, { key: "l1", price: 100 })).toBe(false);
  });

  it("lets a discount go down but not up without asking again", () => {
    const a = approvedFor([grant("manual_discount", "t-d")], "陈静", null, [{ discount: 2_000 }]);
    expect(covers(a, { discount: 2_000 })).toBe(true);
    expect(covers(a, { discount: 1_000 })).toBe(true);
    expect(covers(a, { discount: 2_001 })).toBe(false);
  });

  it("lets a typed price go up but not down, for the line it was approved for only", () => {
    const a = approvedFor(both, "陈静", null, [{ key: "l1", price: 15_000 }]);
    expect(covers(a, { key: "l1", price: 16_000 })).toBe(true);
    expect(covers(a, { key: "l1", price: 14_999 })).toBe(false);
    expect(covers(a, { key: "l2", price: 99_999 })).toBe(false);
    expect(covers(a, { discount: 1 })).toBe(false);
  });

  it("adds a second approval to the first, sent as the latest manager's", () => {
    const first = approvedFor([grant("price_override", "t1")], "陈静", null, [{ key: "l1", price: 15_000 }]);
    const more = approvedFor([grant("manual_discount", "t2"), grant("price_override", "t3")], "林美华", first,
      [{ discount: 500 }, { key: "l1", price: 12_000 }]);
    expect(more).toEqual({
      tokens: { price_override: "t3", manual_discount: "t2" }, name: "林美华", discount: 500, prices: { l1: 12_000 },
    });
    expect(tokensOf(more).sort()).toEqual(["t2", "t3"]);
  });

  it("does not stretch an approval for one permission to another", () => {
    const a = approvedFor([grant("price_override", "t1")], "陈静", null, [{ key: "l1", price: 15_000 }]);
    a.discount = 9_999;
    expect(covers(a, { discount: 1 })).toBe(false);
    expect(permissionsOf([{ discount: 1 }, { key: "a", price: 1 }, { key: "b", price: 2 }]))
      .toEqual(["manual_discount", "price_override"]);
  });

  it("lists what on a cart needs a manager", () => {
    const cart: Cart = {
      ...EMPTY_CART, manualDiscount: 300,
      lines: [
        { key: "a", kind: "service", itemId: "s", name: "x", listPrice: 100, qty: 1, staff: [], priceOverride: 80, stock: null },
        { key: "b", kind: "product", itemId: "p", name: "y", listPrice: 100, qty: 1, staff: [], priceOverride: null, stock: 3 },
      ],
    };
    expect(adjustmentsOf(cart)).toEqual([{ discount: 300 }, { key: "a", price: 80 }]);
    expect(adjustmentsOf(EMPTY_CART)).toEqual([]);
  });
});
