import { describe, expect, it } from "vitest";
import { translate } from "./i18n";
import type { MessageKey } from "./i18n";
import { formatMoney } from "./i18n/format";
import { actionName, auditSummary } from "./audit-words";

const t = (key: MessageKey, params?: Record<string, string | number>) => translate("en", key, params);
const money = (fen: number) => formatMoney(fen, "en");

describe("audit log words", () => {
  it("names known actions and keeps an unknown one's raw name, so a newer till's entry still shows", () => {
    expect(actionName(t, "refund")).toBe("Refund");
    expect(actionName(t, "loyalty_magic")).toBe("loyalty_magic");
  });

  it("summarises amount, reason and a role change in words", () => {
    expect(auditSummary(t, money, { amount: 12_000, reason: "float" }))
      .toEqual([`Amount ${money(12_000)}`, "Reason: float"]);
    expect(auditSummary(t, money, { from: "cashier", to: "manager" })).toEqual(["Cashier → Manager"]);
  });

  it("keeps unknown detail keys as key: value rather than dropping them", () => {
    expect(auditSummary(t, money, { shelf: "A3" })).toEqual(["shelf: A3"]);
  });

  it("puts an export in words: the dataset, its period, the format, and whether it was masked", () => {
    expect(auditSummary(t, money, {
      what: "sales", format: "xlsx", from: "2026-12-01", to: "2026-12-06", rows: 12, masked: false, file: "sales.xlsx",
    })).toEqual(["Sales", "2026-12-01 – 2026-12-06", "XLSX", "12 rows", "File sales.xlsx"]);
    expect(auditSummary(t, money, { what: "members", format: "csv", rows: 3, masked: true, file: "m.csv" }))
      .toEqual(["Members", "CSV", "phones and sensitive notes masked", "3 rows", "File m.csv"]);
  });

  it("names a catalog change and a delivery in words", () => {
    expect(actionName(t, "catalog_edited")).toBe("Catalog item changed");
    expect(auditSummary(t, money, { kind: "service", name: "补水护理", amount: 21_800 }))
      .toEqual([`Amount ${money(21_800)}`, "Service", "补水护理"]);
    expect(auditSummary(t, money, { lines: 2, qty: 30, amount: 90_000 }))
      .toEqual([`Amount ${money(90_000)}`, "2 lines", "Quantity 30"]);
  });
});
