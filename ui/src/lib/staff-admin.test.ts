import { describe, expect, it } from "vitest";
import type { Session, StaffRecordView } from "./backend/bindings";
import { assignableRoles, bpToPercent, mayManage, percentToBp } from "./staff-admin";

const session = (role: Session["staff"]["role"]): Session =>
  ({ staff: { id: "me", name: "Me", role }, canSeeFullPhone: true, canManage: true }) as Session;
const row = (role: StaffRecordView["role"]): StaffRecordView => ({
  id: "x", name: "X", role, active: true, color: null, pinMustChange: false,
  commission: { serviceBp: null, productBp: null, overrides: [] },
});

describe("staff admin helpers", () => {
  it("reads a typed percentage as basis points, exactly", () => {
    expect(percentToBp("35")).toBe(3500);
    expect(percentToBp("12.5")).toBe(1250);
    expect(percentToBp("12.5%")).toBe(1250);
    expect(percentToBp(" ")).toBeNull();
    expect(percentToBp("100.01")).toBe("invalid");
    expect(percentToBp("abc")).toBe("invalid");
    expect(bpToPercent(1250)).toBe("12.5");
    expect(bpToPercent(3500)).toBe("35");
    expect(bpToPercent(null)).toBe("");
  });

  it("offers a manager only the roles she may give and the rows she may change", () => {
    expect(assignableRoles(session("manager"))).toEqual(["cashier", "beautician"]);
    expect(assignableRoles(session("owner"))).toContain("owner");
    expect(mayManage(session("manager"), row("owner"))).toBe(false);
    expect(mayManage(session("manager"), row("manager"))).toBe(false);
    expect(mayManage(session("manager"), row("beautician"))).toBe(true);
    expect(mayManage(session("owner"), row("manager"))).toBe(true);
  });
});
