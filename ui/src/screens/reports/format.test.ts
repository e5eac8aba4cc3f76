import { describe, expect, it } from "vitest";
import { betterWhen, formatFigure, kpiChange, signedTenths } from "./format";

const words = { money: (fen: number) => `¥${(fen / 100).toFixed(2)}`, count: (n: number) => `#${n}` };

describe("a report's figures are written one way", () => {
  it("money goes through the app's money(), counts through count()", () => {
    expect(formatFigure("money", 12345, words)).toBe("¥123.45");
    expect(formatFigure("count", 7, words)).toBe("#7");
  });
  it("percentages and ratings are stored in hundredths", () => {
    expect(formatFigure("percent", 4250, words)).toBe("42.5%");
    expect(formatFigure("rating", 467, words)).toBe("4.67");
  });
});

describe("a headline figure's change", () => {
  it("is a percentage of the base, signed, to a tenth", () => {
    expect(kpiChange("revenue", "money", 15000, 10000)).toEqual({ zeroBase: false, tenths: 500, unit: "percent", tone: "good" });
    expect(signedTenths(500)).toBe("+50.0");
    const down = kpiChange("sales", "count", 2, 3);
    expect(down).toEqual({ zeroBase: false, tenths: -333, unit: "percent", tone: "bad" });
    expect(signedTenths(-333)).toBe("-33.3");
  });
  it("has no percentage from a zero base, and none at all without a base", () => {
    expect(kpiChange("revenue", "money", 500, 0)).toEqual({ zeroBase: true });
    expect(kpiChange("revenue", "money", 0, 0)).toEqual({ zeroBase: true });
    expect(kpiChange("stock_on_hand", "count", 5, null)).toBeNull();
  });
  it("of a rate is in percentage points, even from a zero rate", () => {
    // 40.00% → 50.00%: ten points, not a 25% rise.
    expect(kpiChange("members_returning_rate", "percent", 5000, 4000)).toEqual({ zeroBase: false, tenths: 100, unit: "points", tone: "good" });
    expect(kpiChange("members_returning_rate", "percent", 1250, 0)).toEqual({ zeroBase: false, tenths: 125, unit: "points", tone: "good" });
  });
  it("is coloured by whether higher is better for that figure", () => {
    expect(betterWhen("revenue")).toBe(1);
    expect(betterWhen("refunds")).toBe(-1);
    expect(kpiChange("members_churned", "count", 4, 2)).toMatchObject({ tone: "bad" });
    expect(kpiChange("members_churn_rate", "percent", 1000, 2000)).toMatchObject({ tone: "good" });
    expect(kpiChange("members_stored_value", "money", 2, 1)).toMatchObject({ tone: "flat" });
    expect(kpiChange("revenue", "money", 100, 100)).toMatchObject({ tone: "flat", tenths: 0 });
    expect(signedTenths(0)).toBe("0.0");
  });
});
