// Pure helpers of the back office's staff section: rates typed as percentages, and which
// roles and rows a session may touch (the core refuses the rest anyway; the UI only hides).
import type { CommissionView, Role, Session, StaffRecordView } from "./backend/bindings";
import { fenToInput, parseYuan } from "./yuan";

/** "35" / "12.5" → 3500 / 1250 basis points; "" → null (the item's own rate); bad → "invalid". */
export function percentToBp(text: string): number | null | "invalid" {
  if (text.trim() === "") return null;
  const parsed = parseYuan(text.replace(/%$/, ""));
  if (!parsed.ok || parsed.fen > 10_000) return "invalid";
  return parsed.fen;
}

/** 3500 → "35", 1250 → "12.5", null → "". */
export function bpToPercent(bp: number | null): string {
  if (bp === null) return "";
  return fenToInput(bp).replace(/(\.\d)0$/, "$1");
}

/** Roles `session` may give: the owner any; a manager cashiers and beauticians. */
export function assignableRoles(session: Session): Role[] {
  return session.staff.role === "owner"
    ? ["owner", "manager", "cashier", "beautician"]
    : ["cashier", "beautician"];
}

/** May `session` change `row` at all (edit, deactivate, reset her PIN)? */
export function mayManage(session: Session, row: StaffRecordView): boolean {
  return session.staff.role === "owner" || row.role === "cashier" || row.role === "beautician";
}

/** "Services 20% · Products 8% · 2 services" parts; empty when she has no rates of her own. */
export function commissionParts(c: CommissionView): { service: string | null; product: string | null; overrides: number } {
  return {
    service: c.serviceBp === null ? null : bpToPercent(c.serviceBp),
    product: c.productBp === null ? null : bpToPercent(c.productBp),
    overrides: c.overrides.length,
  };
}
