// Reports (issue 18): one function per Tauri command of src-tauri/src/commands/reports.rs.
// The browser mock does not implement them (a rejected call, shown as an error banner): check
// these screens in the app.
import type { ChainStore, Report, ReportExportInput, ReportExportView, ReportName, ReportQuery } from "./bindings";
import { call } from "./commands";

/** One report for a period (`forbidden` without `view_reports`; `validation` on `from`/`to`). */
export const report = (name: ReportName, query: ReportQuery) => call<Report>("report", { name, query });

/** The stores a report may be asked for (own store; every store on a head-office device). */
export const reportStores = () => call<ChainStore[]>("report_stores", {});

/** A report's tables (or one: `tableId`) to CSV / .xlsx in `exports/` (`forbidden` without `export`). */
export const exportReport = (input: ReportExportInput) => call<ReportExportView>("export_report", { input });
