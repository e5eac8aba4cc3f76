import { describe, expect, it } from "vitest";
import { bpOf, categoriesOf, fenOf, intOf, matches, percentText } from "./catalog-form";

describe("catalog forms", () => {
  it("turn yuan into exact fen and percents into basis points", () => {
    expect(fenOf("268")).toBe(26800);
    expect(fenOf("0.05")).toBe(5);
    expect(fenOf("")).toBeNull();
    expect(bpOf("12.5")).toBe(1250);
    expect(percentText(1250)).toBe("12.5");
  });

  it("read an empty limit as none and a bad one as not a number", () => {
    expect(intOf("", true)).toBeNull();
    expect(intOf("")).toBeUndefined();
    expect(intOf("3")).toBe(3);
    expect(intOf("-1")).toBeUndefined();
  });

  it("filter by category and by the Chinese or English name", () => {
    const facial = { name: "补水护理", nameEn: "Hydrating facial", category: "面部护理" };
    expect(matches(facial, "hydr", "")).toBe(true);
    expect(matches(facial, "补水", "面部护理")).toBe(true);
    expect(matches(facial, "", "身体护理")).toBe(false);
    expect(categoriesOf([facial, { category: "" }, facial], "zh-CN")).toEqual(["面部护理"]);
  });
});
