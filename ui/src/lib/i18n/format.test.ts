import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney, formatMonth } from "./format";

describe("formatMoney", () => {
  it("shows integer fen as yuan with two decimals and the ¥ sign", () => {
    expect(formatMoney(12345, "zh-CN")).toBe("¥123.45");
    expect(formatMoney(12345, "en")).toBe("¥123.45");
    expect(formatMoney(5, "en")).toBe("¥0.05");
    expect(formatMoney(0, "zh-CN")).toBe("¥0.00");
  });

  it("groups thousands without going through a float (exact for large amounts)", () => {
    expect(formatMoney(123456789, "en")).toBe("¥1,234,567.89");
    // 2^53 - 1 fen: a float division by 100 would round the last digits.
    expect(formatMoney(9007199254740991, "zh-CN")).toBe("¥90,071,992,547,409.91");
  });

  it("keeps the sign of refunds, even under one yuan", () => {
    expect(formatMoney(-50, "en")).toBe("-¥0.50");
    expect(formatMoney(-12345, "zh-CN")).toBe("-¥123.45");
  });

  it("refuses fractional fen, which would mean a float leaked into money", () => {
    expect(() => formatMoney(1.5, "en")).toThrow(RangeError);
  });
});

describe("formatDate", () => {
  it("shows a calendar date without shifting it by the time zone", () => {
    expect(formatDate("1990-05-17", "zh-CN")).toBe("1990/05/17");
    expect(formatDate("1990-05-17", "en")).toBe("May 17, 1990");
  });

  it("shows an instant as the date in the given time zone", () => {
    // 20:30 UTC on 22 Nov is already 23 Nov in Shanghai.
    expect(formatDate("2026-11-22T20:30:00Z", "zh-CN", "Asia/Shanghai")).toBe("2026/11/23");
    expect(formatDate("2026-11-22T20:30:00Z", "en", "UTC")).toBe("Nov 22, 2026");
  });

  it("returns text it cannot read unchanged rather than 'Invalid Date'", () => {
    expect(formatDate("soon", "en")).toBe("soon");
  });
});

describe("formatDateTime", () => {
  it("uses a 24-hour clock in both languages", () => {
    expect(formatDateTime("2026-11-22T20:30:00Z", "zh-CN", "Asia/Shanghai")).toBe("2026/11/23 04:30");
    expect(formatDateTime("2026-11-22T20:30:00Z", "en", "UTC")).toBe("Nov 22, 2026, 20:30");
  });
});

describe("formatMonth", () => {
  it("writes a month as a reader says it, from the month or its first day", () => {
    expect(formatMonth("2026-01-01", "zh-CN")).toBe("2026年1月");
    expect(formatMonth("2026-01", "en")).toBe("Jan 2026");
    expect(formatMonth("2026-12-01", "en")).toBe("Dec 2026");
  });
  it("leaves what is not a month as it is", () => {
    expect(formatMonth("soon", "en")).toBe("soon");
  });
});
