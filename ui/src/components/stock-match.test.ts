import { describe, expect, it } from "vitest";
import type { StockRowView } from "../lib/backend/bindings";
import { matchProducts } from "./stock-match";

const row = (name: string, sku: string, barcode: string | null): StockRowView => ({
  productId: sku, name, sku, barcode, category: "", unit: "", onHand: 0, lowStock: 0, low: false,
});
const products = [row("氨基酸洁面乳 120g", "SK-002", "6901234500024"), row("眼霜 15g", "SK-006", "6901234500062")];

describe("finding a product on the receipt", () => {
  it("takes a scanned barcode exactly, before any name", () => {
    expect(matchProducts(products, "6901234500062").map((p) => p.name)).toEqual(["眼霜 15g"]);
  });

  it("finds by a part of the name or the SKU, and nothing for blank", () => {
    expect(matchProducts(products, "眼霜").length).toBe(1);
    expect(matchProducts(products, "sk-").length).toBe(2);
    expect(matchProducts(products, "  ")).toEqual([]);
  });
});
