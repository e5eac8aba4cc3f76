import { describe, expect, it } from "vitest";
import {
  addDays, gridSpan, hhmm, instantAt, lanes, minToPx, moved, outsideHours, parseHhmm, pxToMin, resized, slots, snap,
  storeTime, todayAt, weekStart, weekdayIndex,
} from "./calendar";

describe("calendar", () => {
  it("formats and parses times of day", () => {
    expect(hhmm(600)).toBe("10:00");
    expect(hhmm(615)).toBe("10:15");
    expect(hhmm(0)).toBe("00:00");
    expect(parseHhmm("9:30")).toBe(570);
    expect(parseHhmm("24:00")).toBeNull();
    expect(parseHhmm("abc")).toBeNull();
  });
  it("snaps to 15 minutes", () => {
    expect(snap(607)).toBe(600);
    expect(snap(608)).toBe(615);
    expect(snap(-7)).toBe(-0);
  });
  it("builds instants with the store offset and reads them back", () => {
    expect(instantAt("2026-11-24", 600, 480)).toBe("2026-11-24T10:00:00+08:00");
    expect(instantAt("2026-11-24", 1440, 480)).toBe("2026-11-25T00:00:00+08:00");
    expect(instantAt("2026-11-24", 90, -330)).toBe("2026-11-24T01:30:00-05:30");
    expect(storeTime("2026-11-24T02:00:00Z", 480)).toEqual({ date: "2026-11-24", min: 600 });
    expect(storeTime("2026-11-23T17:00:00Z", 480)).toEqual({ date: "2026-11-24", min: 60 });
  });
  it("does date arithmetic across months and finds Mondays", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(weekStart("2026-11-24")).toBe("2026-11-23"); // a Tuesday
    expect(weekStart("2026-11-29")).toBe("2026-11-23"); // a Sunday
    expect(weekdayIndex("2026-11-23")).toBe(0);
    expect(weekdayIndex("2026-11-29")).toBe(6);
    expect(todayAt(480, Date.parse("2026-11-23T17:30:00Z"))).toBe("2026-11-24");
  });
  it("spans whole hours around hours and blocks", () => {
    expect(gridSpan([])).toEqual({ startMin: 480, endMin: 1260 });
    expect(gridSpan([{ startMin: 450, endMin: 1275 }, null])).toEqual({ startMin: 420, endMin: 1320 });
    expect(slots({ startMin: 600, endMin: 660 })).toEqual([600, 615, 630, 645]);
  });
  it("knows what is outside working hours", () => {
    const h = { startMin: 600, endMin: 1080 };
    expect(outsideHours(585, h, false)).toBe(true);
    expect(outsideHours(600, h, false)).toBe(false);
    expect(outsideHours(1080, h, false)).toBe(true);
    expect(outsideHours(700, h, true)).toBe(true);
    expect(outsideHours(700, null, false)).toBe(true);
  });
  it("converts pixels to snapped minutes and back", () => {
    const span = { startMin: 480, endMin: 1260 };
    expect(minToPx(540, span, 20)).toBe(80);
    expect(pxToMin(85, span, 20)).toBe(540);
    expect(pxToMin(95, span, 20)).toBe(555);
    expect(pxToMin(-50, span, 20)).toBe(480);
    expect(pxToMin(99999, span, 20)).toBe(1245);
  });
  it("moves keeping the length and resizes to at least one slot", () => {
    expect(moved({ startMin: 600, endMin: 675 }, 15)).toEqual({ startMin: 615, endMin: 690 });
    expect(moved({ startMin: 30, endMin: 90 }, -60)).toEqual({ startMin: 0, endMin: 60 });
    expect(resized({ startMin: 600, endMin: 675 }, -60)).toEqual({ startMin: 600, endMin: 615 });
    expect(resized({ startMin: 600, endMin: 675 }, 23)).toEqual({ startMin: 600, endMin: 705 });
  });
  it("puts overlapping blocks in lanes", () => {
    const a = { id: "a", startMin: 600, endMin: 660 };
    const b = { id: "b", startMin: 630, endMin: 690 };
    const c = { id: "c", startMin: 700, endMin: 720 };
    const out = lanes([c, b, a]);
    const of = (id: string) => out.find((x) => x.block.id === id)!;
    expect(of("a")).toMatchObject({ lane: 0, of: 2 });
    expect(of("b")).toMatchObject({ lane: 1, of: 2 });
    expect(of("c")).toMatchObject({ lane: 0, of: 1 });
  });
});
