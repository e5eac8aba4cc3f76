//! A report's table to CSV (UTF-8 with BOM) or .xlsx — SKELETON: the
//! reports-sales part builds `Store::export_report` here (one table or all of
//! a report through `export::Output`, headers in the chosen language,
//! audited as `export` with `what: "report:<name>"`, `Export` required).
