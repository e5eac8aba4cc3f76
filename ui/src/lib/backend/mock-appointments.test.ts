import { describe, expect, it } from "vitest";
import type { ApiError, CatalogItem, DayViewDto, Session, StaffBrief } from "./bindings";
import { appointmentHandlers } from "./mock-appointments";
import { addDays, instantAt, todayAt } from "../calendar";

const staff: StaffBrief[] = [
  { id: "s1", name: "周晓雅", role: "beautician" },
  { id: "s2", name: "吴佳怡", role: "beautician" },
  { id: "m1", name: "陈静", role: "manager" },
];
const session: Session = { staff: staff[2]!, canSeeFullPhone: true, canManage: true, permissions: [] };
const service: CatalogItem = {
  kind: "service", id: "svc", name: "深层清洁", category: "面部护理", price: 26800, stock: null, barcode: null, bonus: null,
  sessions: null, validDays: null, durationMin: 75,
};
const h = appointmentHandlers({
  requireSession: () => session, staff: () => staff,
  member: (id) => (id === "mem" ? { id, name: "林雅琪", phone: "13800138000", tier: "gold" } : null),
  someMembers: () => [{ id: "mem", name: "林雅琪", phone: "13800138000", tier: "gold" }],
  services: () => [service],
});
const code = (f: () => unknown) => { try { f(); return null; } catch (e) { return (e as ApiError).code; } };

describe("mock appointments", () => {
  const date = addDays(todayAt(480), 2);
  const day = () => h.day_view!({ date }) as DayViewDto;
  const book = (start: number, staffId = "s1", allow = false) => h.book_appointment!({ input: {
    memberId: null, walkInName: "王女士", walkInPhone: "13600001234", serviceId: "svc", staffId, roomId: null,
    start: instantAt(date, start, 480), end: null, notes: "", allowOutsideHours: allow,
  } });

  it("has a column per beautician", () => {
    expect(day().columns.map((c) => c.staffId)).toEqual(["s1", "s2"]);
  });
  it("books with the service's length and refuses a clash with a conflict", () => {
    const hours = day().columns[0]!;
    const start = hours.hours?.startMin ?? 600;
    if (!hours.hours) return; // her day off that day: covered by outside_hours below
    const a = book(start) as { startMin: number; endMin: number };
    expect(a.endMin - a.startMin).toBe(75);
    expect(code(() => book(start + 30))).toBe("conflict");
  });
  it("asks before booking outside her hours, and books when allowed", () => {
    expect(code(() => book(23 * 60, "s2"))).toBe("outside_hours");
    expect(code(() => book(23 * 60 - 90, "s2", true))).toBeNull();
  });
  it("needs a reason to cancel", () => {
    const a = book(7 * 60, "s2", true) as { id: string };
    expect(code(() => h.set_appointment_status!({ id: a.id, status: "cancelled", reason: "" }))).toBe("validation");
    expect(code(() => h.set_appointment_status!({ id: a.id, status: "cancelled", reason: "客人来电取消" }))).toBeNull();
  });
});
