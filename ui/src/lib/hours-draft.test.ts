import { describe, expect, it } from "vitest";
import { fromDraft, parseHm, toDraft, toHm } from "./hours-draft";

describe("working hours as typed", () => {
  it("reads times of day with or without a colon and refuses what is not one", () => {
    expect(parseHm("9:30")).toBe(570);
    expect(parseHm("0930")).toBe(570);
    expect(parseHm("24:00")).toBe(1440);
    expect(parseHm("24:30")).toBeNull();
    expect(parseHm("10:75")).toBeNull();
    expect(toHm(570)).toBe("09:30");
  });

  it("keeps days off as null and names the first day that runs backwards", () => {
    const days = toDraft([{ startMin: 600, endMin: 1200 }, null, null, null, null, null, null], true);
    expect(days[1]!.works).toBe(false);
    expect(fromDraft(days)).toEqual({ ok: true, week: [{ startMin: 600, endMin: 1200 }, null, null, null, null, null, null] });
    days[0] = { works: true, start: "18:00", end: "10:00" };
    expect(fromDraft(days)).toEqual({ ok: false, day: 0 });
  });
});
