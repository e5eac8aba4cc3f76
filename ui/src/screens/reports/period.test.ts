import { describe, expect, it } from "vitest";
import { moveAnchor, periodOf } from "./period";

describe("the reports' period bar", () => {
  it("a week runs Monday to Sunday around its anchor", () => {
    // 2026-11-26 is a Thursday.
    expect(periodOf("week", "2026-11-26")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
  });
  it("a month ends on its last day, February of a leap year on the 29th", () => {
    expect(periodOf("month", "2028-02-10")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });
  it("moving back a month from the 31st lands in the month before, not two back", () => {
    expect(moveAnchor("month", "2026-03-31", -1)).toBe("2026-02-01");
  });
});
