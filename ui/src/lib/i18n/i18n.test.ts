import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zhCN } from "./zh-CN";
import { catalogs, detectLocale, translate } from "./index";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("have the same keys in both languages (the types check this too; this guards casts)", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it("have no empty text, which would show as a blank label", () => {
    for (const [locale, messages] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in both languages, so no value goes missing in one", () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("use the glossary's tier names", () => {
    expect([zhCN["tier.standard"], zhCN["tier.silver"], zhCN["tier.gold"], zhCN["tier.platinum"]])
      .toEqual(["普通会员", "银卡会员", "金卡会员", "白金会员"]);
  });
});

describe("translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("en", "lookup.resultCount", { n: 3 })).toBe("3 results");
    expect(translate("zh-CN", "lookup.resultCount", { n: 3 })).toBe("3 条结果");
    expect(translate("en", "lookup.resultCount")).toBe("{n} results");
  });
});

describe("detectLocale", () => {
  it("maps every Chinese tag to zh-CN and everything else to English", () => {
    expect(detectLocale("zh")).toBe("zh-CN");
    expect(detectLocale("zh-TW")).toBe("zh-CN");
    expect(detectLocale("ZH-Hans-CN")).toBe("zh-CN");
    expect(detectLocale("en-GB")).toBe("en");
    expect(detectLocale("fr")).toBe("en");
    expect(detectLocale(undefined)).toBe("en");
  });
});
