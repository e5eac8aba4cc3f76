import { describe, expect, it } from "vitest";
import type { ApiError, CatalogItem, PackageView } from "./backend/bindings";
import {
  addFreeService, addItem, addRedemption, attachMember, detachMember, EMPTY_CART, evenShares, freeInCart, lineOfError, needsApproval,
  removeLine, sessionsInCart, setLineStaff, setPriceOverride, setQty, sharesValid, stepQty, toCartInput, type Cart,
} from "./cart";

const item = (over: Partial<CatalogItem>): CatalogItem => ({
  kind: "service", id: "svc-1", name: "基础补水护理", category: "面部护理", price: 19_800, stock: null, barcode: null,
  bonus: null, sessions: null, validDays: null, durationMin: 60, ...over,
});
const serum = item({ kind: "product", id: "p-1", name: "玻尿酸保湿精华 30ml", price: 36_800, stock: 3, barcode: "6901234500017", category: "", durationMin: null });
const topUp = item({ kind: "top_up", id: "t-1", name: "充1000送200", price: 100_000, bonus: 20_000, category: "", durationMin: null });
const pkg: PackageView = { packageId: "k-1", serviceId: "svc-1", name: "基础补水护理 10次卡", sessionsLeft: 1, expiresOn: "2027-06-01" };
const keys = () => { let i = 0; return () => `k${++i}`; };
const gold = { id: "m-1", name: "林雅琪", memberNo: "880001", tier: "gold" as const };
const err = (field: string, message = ""): ApiError => ({ code: "validation", message, field, memberId: null });

describe("cart", () => {
  it("adds one more of a service or product already on a line (a second scan), never a second line", () => {
    const k = keys();
    let c = addItem(EMPTY_CART, serum, k);
    c = addItem(c, serum, k);
    c = addItem(c, item({}), k);
    expect(c.lines.map((l) => [l.name, l.qty])).toEqual([["玻尿酸保湿精华 30ml", 2], ["基础补水护理", 1]]);
  });

  it("gives top-ups and package sessions a line each, with no quantity to change", () => {
    const k = keys();
    let c = addItem(addItem(EMPTY_CART, topUp, k), topUp, k);
    c = addRedemption(addRedemption(c, pkg, k), pkg, k);
    expect(c.lines.map((l) => l.qty)).toEqual([1, 1, 1, 1]);
    expect(sessionsInCart(c, "k-1")).toBe(2);
    expect(setQty(c, c.lines[0]!.key, 5).lines[0]!.qty).toBe(1);
  });

  it("keeps a quantity between 1 and 999 and ignores what is not a whole number", () => {
    const c = addItem(EMPTY_CART, serum, keys());
    const key = c.lines[0]!.key;
    expect(stepQty(c, key, -1).lines[0]!.qty).toBe(1);
    expect(setQty(c, key, 5000).lines[0]!.qty).toBe(999);
    expect(setQty(c, key, 2.5)).toBe(c);
    expect(removeLine(c, key).lines).toEqual([]);
  });

  it("drops package sessions when the member changes or leaves (they were hers)", () => {
    let c = attachMember(EMPTY_CART, gold);
    c = addRedemption(addItem(c, serum, keys()), pkg, keys());
    expect(attachMember(c, gold).lines).toHaveLength(2);
    expect(attachMember(c, { ...gold, id: "m-2" }).lines.map((l) => l.kind)).toEqual(["product"]);
    expect(detachMember(c).lines.map((l) => l.kind)).toEqual(["product"]);
  });

  it("sends what the backend takes: trimmed coupon or null, shares and typed prices", () => {
    let c: Cart = { ...attachMember(EMPTY_CART, gold), coupon: "  WELCOME50 " };
    c = addItem(c, item({}), keys());
    const key = c.lines[0]!.key;
    c = setLineStaff(c, key, [{ staffId: "s1", shareBp: 6000 }, { staffId: "s2", shareBp: 4000 }]);
    c = setPriceOverride(c, key, 15_000);
    expect(toCartInput(c)).toEqual({
      memberId: "m-1", coupon: "WELCOME50", manualDiscount: 0,
      lines: [{ kind: "service", itemId: "svc-1", qty: 1, priceOverride: 15_000, staff: [{ staffId: "s1", shareBp: 6000 }, { staffId: "s2", shareBp: 4000 }] }],
    });
    expect(toCartInput({ ...c, coupon: "  " }).coupon).toBeNull();
  });

  it("needs a manager for a manual discount or a typed price, and only then", () => {
    const c = addItem(EMPTY_CART, item({}), keys());
    expect(needsApproval(c)).toBe(false);
    expect(needsApproval({ ...c, manualDiscount: 1 })).toBe(true);
    expect(needsApproval(setPriceOverride(c, c.lines[0]!.key, 0))).toBe(true);
    expect(setPriceOverride(addItem(EMPTY_CART, topUp, keys()), "k1", 1).lines[0]!.priceOverride).toBeNull();
  });

  it("splits shares evenly to the basis point, always adding up to 100%", () => {
    expect(evenShares(2)).toEqual([5000, 5000]);
    expect(evenShares(3)).toEqual([3334, 3333, 3333]);
    for (let n = 1; n <= 7; n++) expect(evenShares(n).reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(sharesValid([{ staffId: "a", shareBp: 6000 }, { staffId: "b", shareBp: 4000 }])).toBe(true);
    expect(sharesValid([{ staffId: "a", shareBp: 6000 }, { staffId: "b", shareBp: 3000 }])).toBe(false);
    expect(sharesValid([{ staffId: "a", shareBp: 10_000 }, { staffId: "b", shareBp: 0 }])).toBe(false);
    expect(sharesValid([])).toBe(true);
  });

  it("puts a stock or sessions error on the line that asks for too much", () => {
    const k = keys();
    let c = attachMember(EMPTY_CART, gold);
    c = addItem(c, item({}), k);
    c = addItem(c, serum, k);
    c = setQty(c, "k2", 4); // only 3 on the shelf
    expect(lineOfError(c, err("lines"), () => null)).toBe("k2");
    let d = addRedemption(addRedemption(attachMember(EMPTY_CART, gold), pkg, k), pkg, k);
    expect(lineOfError(d, err("lines"), (id) => (id === "k-1" ? 1 : null))).toBe(d.lines[1]!.key);
    d = removeLine(d, d.lines[1]!.key);
    expect(lineOfError(d, err("lines"), () => 1)).toBeNull();
    expect(lineOfError(c, { ...err("lines"), code: "internal" }, () => null)).toBeNull();
  });

  it("finds the line of a shares or typed-price error", () => {
    let c = addItem(addItem(EMPTY_CART, item({}), keys()), serum, keys());
    c = setLineStaff(c, c.lines[1]!.key, [{ staffId: "a", shareBp: 5000 }]);
    expect(lineOfError(c, err("staff"), () => null)).toBe(c.lines[1]!.key);
    expect(lineOfError(c, err("coupon"), () => null)).toBeNull();
  });
});

describe("free services (免费护理)", () => {
  const allowance = { serviceId: "svc-facial", serviceName: "深层清洁", period: "quarter" as const, periodKey: "2026-Q4", count: 1, used: 0, left: 1 };
  const member = { id: "m1", name: "王丽娜", memberNo: "M1", tier: "gold" as const };

  it("adds a free service as its own line at no charge, sent as a free service", () => {
    let k = 0;
    const cart = addFreeService(attachMember(EMPTY_CART, member), allowance, () => `f${++k}`);
    expect(cart.lines[0]).toMatchObject({ kind: "service", itemId: "svc-facial", listPrice: 0, free: true });
    expect(freeInCart(cart, "svc-facial")).toBe(1);
    expect(toCartInput(cart).lines[0]).toMatchObject({ kind: "service", freeService: true });
  });

  it("keeps a paid facial apart from the free one, and the free one's qty and price fixed", () => {
    const free = addFreeService(attachMember(EMPTY_CART, member), allowance, () => "f1");
    const item = { kind: "service" as const, id: "svc-facial", name: "深层清洁", category: "", price: 26_800, stock: null, barcode: null, bonus: null, sessions: null, validDays: null, durationMin: 75 };
    const both = addItem(free, item, () => "p1");
    expect(both.lines.map((l) => [l.key, l.qty, l.free ?? false])).toEqual([["f1", 1, true], ["p1", 1, false]]);
    expect(toCartInput(both).lines[1]).not.toHaveProperty("freeService");
    expect(setQty(both, "f1", 3).lines[0]!.qty).toBe(1);
    expect(setPriceOverride(both, "f1", 100).lines[0]!.priceOverride).toBeNull();
  });

  it("leaves the cart with the member it belongs to", () => {
    const cart = addFreeService(attachMember(EMPTY_CART, member), allowance, () => "f1");
    expect(detachMember(cart).lines).toEqual([]);
    expect(attachMember(cart, { ...member, id: "m2" }).lines).toEqual([]);
  });
});
