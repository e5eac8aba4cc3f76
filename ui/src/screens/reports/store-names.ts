// A store as a report names it (a column of kind "store"): its name, or, for a store whose sales
// reached head office before the owner's console named it, its place in the list, worded here in
// the UI's language ("Store 2" / "门店 2"): the core sends the number, the screen the words.
import type { ReportTable, ReportValue } from "../../lib/backend/bindings";
import type { MessageKey, Params } from "../../lib/i18n";

type Translate = (key: MessageKey, params?: Params) => string;

export function storeName(v: ReportValue, t: Translate): string {
  if (typeof v === "number") return t("rchain.storeNo", { n: v });
  return v ?? "—";
}

/** `table` with its store columns in words (a chart's labels are text). */
export function withStoreNames(table: ReportTable, t: Translate): ReportTable {
  const stores = new Set(table.columns.flatMap((c, i) => (c.kind === "store" ? [i] : [])));
  if (stores.size === 0) return table;
  return { ...table, rows: table.rows.map((r) => r.map((v, i) => (stores.has(i) ? storeName(v, t) : v))) };
}
