import { describe, expect, it } from "vitest";
import { fenToInput, parseYuan } from "./yuan";

const fen = (text: string) => {
  const r = parseYuan(text);
  return r.ok ? r.fen : r.reason;
};

describe("parseYuan", () => {
  it("turns typed yuan into exact fen", () => {
    expect(fen("12.5")).toBe(1250);
    expect(fen("12.50")).toBe(1250);
    expect(fen("12")).toBe(1200);
    expect(fen("0.05")).toBe(5);
    expect(fen(".5")).toBe(50);
    expect(fen("3.")).toBe(300);
    expect(fen("007.10")).toBe(710);
  });

  it("is exact where a float is not (0.29 * 100 = 28.999…)", () => {
    expect(fen("0.29")).toBe(29);
    expect(fen("1.13")).toBe(113);
    expect(fen("4.35")).toBe(435);
    expect(fen("9999999.99")).toBe(999_999_999);
  });

  it("accepts the currency sign, grouping, spaces and full-width input", () => {
    expect(fen("¥1,280.00")).toBe(128_000);
    expect(fen("￥ 88")).toBe(8800);
    expect(fen("１２．５")).toBe(1250);
    expect(fen("12。5")).toBe(1250);
  });

  it("says why it refuses", () => {
    expect(fen("")).toBe("empty");
    expect(fen("  ")).toBe("empty");
    expect(fen(".")).toBe("format");
    expect(fen("abc")).toBe("format");
    expect(fen("-5")).toBe("format");
    expect(fen("1.2.3")).toBe("format");
    expect(fen("1.234")).toBe("decimals");
    expect(fen("100000000")).toBe("too_large");
    expect(fen("10000000.01")).toBe("too_large");
  });
});

describe("fenToInput", () => {
  it("writes fen back as editable yuan", () => {
    expect(fenToInput(12345)).toBe("123.45");
    expect(fenToInput(1200)).toBe("12");
    expect(fenToInput(5)).toBe("0.05");
    expect(fenToInput(0)).toBe("0");
    expect(fenToInput(-50)).toBe("-0.50");
  });

  it("round-trips through parseYuan", () => {
    for (const n of [0, 1, 9, 10, 99, 100, 101, 12345, 999_999_999]) expect(fen(fenToInput(n))).toBe(n);
  });
});
