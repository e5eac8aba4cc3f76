// Where the signed-in app is, and who may do what there.
import type { Permission, Session } from "./backend/bindings";

export type Prefill = { name?: string; phone?: string };

export type Route =
  | { name: "lookup" }
  | { name: "profile"; id: string }
  | { name: "new"; prefill?: Prefill }
  | { name: "edit"; id: string }
  | { name: "settings" }
  | { name: "checkout"; memberId?: string; appointmentId?: string }
  | { name: "appointments"; date?: string }
  | { name: "shift" }
  | { name: "sales"; saleId?: string }
  | { name: "conflicts" }
  | { name: "care" }
  | { name: "reports"; tab?: ReportTab }
  | { name: "admin"; section?: AdminSection };

/** The Reports screen's tabs (screens/reports/*): the core's reports, then the chain console. */
export const REPORT_TABS = ["sales", "staff", "members", "campaigns", "stock", "chain"] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

/** The back office's sections (screens/admin/*), in the order of its side menu. */
export const ADMIN_SECTIONS = [
  "staff", "services", "products", "plans", "coupons", "campaigns", "segments", "points", "tiers",
  "care", "complaints", "stock", "schedule", "audit", "zreports",
  "import", "exports", "backups", "privacy",
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** May archive and merge members and load demo data (owner, manager); the backend says. */
export function canManage(session: Session): boolean {
  return session.canManage;
}

/** Whether the logged-in staff member holds permission `p` (the core's matrix, sent with the
 * session). The UI only hides what she may not do; the core refuses it anyway. */
export function can(session: Session, p: Permission): boolean {
  return session.permissions.includes(p);
}

/** What makes the back office worth opening: any of these. */
export const BACK_OFFICE: readonly Permission[] = [
  "manage_staff", "edit_catalog", "manage_stock", "manage_schedule", "edit_tier_rules", "view_records",
  "manage_care", "handle_complaints", "manage_campaigns", "adjust_points",
];

/** Whether she holds any back-office permission (the top bar's Back office item). */
export function canOpenBackOffice(session: Session): boolean {
  return BACK_OFFICE.some((p) => can(session, p));
}
