import { describe, expect, it } from "vitest";
import type { ReportTable } from "../../lib/backend/bindings";
import { translate } from "../../lib/i18n";
import { storeName, withStoreNames } from "./store-names";

const table: ReportTable = {
  id: "by_store",
  columns: [{ key: "store", kind: "store" }, { key: "revenue", kind: "money" }],
  rows: [["静安店", 26800], [2, 10000]],
};

describe("a store the console has not named yet", () => {
  it("is worded by its place in the list in the UI's language, a named one by its name", () => {
    const en = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate("en", k, p);
    const zh = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate("zh-CN", k, p);
    expect(storeName(2, en)).toBe("Store 2");
    expect(storeName(2, zh)).toBe("门店 2");
    expect(storeName("静安店", en)).toBe("静安店");
  });
  it("reaches the chart as text, the figures untouched", () => {
    const en = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate("en", k, p);
    expect(withStoreNames(table, en).rows).toEqual([["静安店", 26800], ["Store 2", 10000]]);
  });
});
