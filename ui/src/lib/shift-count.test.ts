import { describe, expect, it } from "vitest";
import type { TenderTotalView } from "./backend/bindings";
import { balanceOf, checkCount, countRows, isCounted, sortTenders } from "./shift-count";

const t = (kind: string, expected: number): TenderTotalView => ({ kind, expected, counted: null, difference: null });
const report = [t("stored_value", 60_000), t("wechat_pay", 25_600), t("cash", 131_500), t("points", 1_000), t("bank_card", 330_000)];

describe("which tenders are counted", () => {
  it("counts cash and what the terminals settle; stored value and points are only shown", () => {
    expect(["cash", "bank_card", "wechat_pay", "alipay"].every(isCounted)).toBe(true);
    expect(isCounted("stored_value")).toBe(false);
    expect(isCounted("points")).toBe(false);
  });

  it("puts tenders in screen order, unknown kinds last", () => {
    expect(sortTenders([...report, t("voucher", 1)]).map((x) => x.kind))
      .toEqual(["cash", "bank_card", "wechat_pay", "stored_value", "points", "voucher"]);
  });
});

describe("the count", () => {
  it("works out each difference in fen from what was typed", () => {
    const rows = countRows(report, { cash: "1,300", bank_card: "3300", wechat_pay: "256.5" });
    const by = Object.fromEntries(rows.map((r) => [r.kind, r.difference]));
    expect(by).toEqual({ cash: -1500, bank_card: 0, wechat_pay: 50, stored_value: null, points: null });
    expect(balanceOf(-1500)).toBe("short");
    expect(balanceOf(50)).toBe("over");
    expect(balanceOf(0)).toBe("even");
  });

  it("needs every counted tender before closing, and ignores what is only shown", () => {
    const partial = checkCount(countRows(report, { cash: "1315", wechat_pay: "abc" }));
    expect(partial).toEqual({ ok: false, missing: ["bank_card"], invalid: ["wechat_pay"] });
    const done = checkCount(countRows(report, { cash: "1315", bank_card: "3300", wechat_pay: "256", stored_value: "9" }));
    expect(done).toEqual({
      ok: true,
      totalDifference: 0,
      counted: [{ kind: "cash", amount: 131_500 }, { kind: "bank_card", amount: 330_000 }, { kind: "wechat_pay", amount: 25_600 }],
    });
  });
});
