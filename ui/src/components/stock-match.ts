// Finding a product as typed in the receipt and history pickers: its barcode or SKU exactly,
// or a part of its name or SKU (case-insensitive), at most 8.
import type { StockRowView } from "../lib/backend/bindings";

export function matchProducts(products: StockRowView[], query: string): StockRowView[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const exact = products.filter((p) => p.barcode === query.trim() || p.sku.toLowerCase() === q);
  if (exact.length > 0) return exact;
  return products.filter((p) => p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q)).slice(0, 8);
}
