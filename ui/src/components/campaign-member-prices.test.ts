import { describe, expect, it } from "vitest";
import { priceRows, pricesOf } from "./campaign-member-prices";

describe("the member-price rows", () => {
  it("turn typed yuan into fen and back", () => {
    const rows = [{ serviceId: "s1", priceText: "198" }, { serviceId: "s2", priceText: "99.5" }];
    expect(pricesOf(rows)).toEqual([{ serviceId: "s1", price: 19_800 }, { serviceId: "s2", price: 9_950 }]);
    expect(priceRows([{ serviceId: "s1", price: 19_800 }])).toEqual([{ serviceId: "s1", priceText: "198" }]);
  });

  it("refuse a row without a service or an amount, keeping nothing half-read", () => {
    expect(pricesOf([{ serviceId: "", priceText: "198" }])).toBeNull();
    expect(pricesOf([{ serviceId: "s1", priceText: "" }])).toBeNull();
    expect(pricesOf([{ serviceId: "s1", priceText: "abc" }])).toBeNull();
  });
});
