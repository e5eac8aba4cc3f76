// The records an owner looks at (back office → audit log, Z reports; Sales filters): one
// function per Tauri command of src-tauri/src/commands/records.rs. The browser mock does not
// implement them (a rejected call, shown as an error banner): check these screens in the app.
import type {
  AuditFilterInput, AuditPageView, ClosedShiftPageView, ExportView, PageCursor, PeriodInput,
  SalesFilterInput, SalesPageView, SalesTotalsView,
} from "./bindings";
import { call } from "./commands";

export const auditActions = () => call<string[]>("audit_actions");
export const auditLog = (filter: AuditFilterInput, cursor: PageCursor | null, limit: number) =>
  call<AuditPageView>("audit_log", { filter, cursor, limit });
/** Writes the filtered log as CSV into the data folder's exports/ and returns the file's path. */
export const exportAuditLog = (filter: AuditFilterInput, lang: string) =>
  call<ExportView>("export_audit_log", { filter, lang });
export const closedShifts = (period: PeriodInput, cursor: PageCursor | null, limit: number) =>
  call<ClosedShiftPageView>("closed_shifts", { period, cursor, limit });
export const salesList = (filter: SalesFilterInput, cursor: PageCursor | null, limit: number) =>
  call<SalesPageView>("sales_list", { filter, cursor, limit });
export const salesTotals = (filter: SalesFilterInput) => call<SalesTotalsView>("sales_totals", { filter });
