//! The audit log (操作日志): voids, refunds, manual discounts, price overrides,
//! drawer opens and rule changes, each with who did it and who approved it.

use crate::ids::StaffId;
use crate::write::{OpKind, Writer};
use crate::Result;
use rusqlite::params;
use serde_json::json;

/// Every action the audit log records. The table no longer lists them (core
/// migration 0014): a new kind of audited action is added here.
pub const ACTIONS: &[&str] = &[
    "void",
    "refund",
    "manual_discount",
    "price_override",
    "drawer_open",
    "pay_in",
    "pay_out",
    "tier_rules",
    "sync_op_retried",
    "sync_op_discarded",
    "staff_added",
    "staff_role",
    "stock_adjust",
    "stock_take",
    "export",
    "staff_edited",
    "staff_deactivated",
    "staff_reactivated",
    "staff_pin_reset",
    // Someone without `SeeSensitiveNotes` revealed a member's notes (detail:
    // the reason's code only).
    "sensitive_viewed",
    // Members' data requests (PIPL): her id only, never what was exported or erased.
    "member_data_exported",
    "member_erased",
    // An import from a file (detail: what, and the counts; no row's data).
    "import",
    // Issue 17, feedback and points: a complaint recorded (detail: its kind)
    // and each step of its handling (from, to); points by hand (the member
    // and the delta; the reason is on the ledger row), an item of the
    // exchange list saved, points exchanged for one.
    "complaint_recorded",
    "complaint_handled",
    "points_adjusted",
    "points_exchange_item",
    "points_exchanged",
    // A campaign issued (detail: how many reached, held out, messaged).
    "campaign_issued",
    // The back office's catalog (services, products, plans, coupons): an item
    // created or edited (kind, name, price), ended or brought back (kind).
    "catalog_created",
    "catalog_edited",
    "catalog_archived",
    "catalog_restored",
    // A delivery received (detail: lines, units, cost in all).
    "stock_received",
];

pub(crate) fn record(
    w: &mut Writer<'_>,
    staff: StaffId,
    approver: Option<StaffId>,
    action: &str,
    entity_id: Option<&str>,
    detail: &serde_json::Value,
) -> Result<()> {
    if !ACTIONS.contains(&action) {
        return Err(crate::CoreError::Internal(format!(
            "audit action {action:?} is not in audit::ACTIONS"
        )));
    }
    let id = crate::ids::new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO audit_log (id, staff_id, approver_id, action, entity_id, detail, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        staff,
        approver,
        action,
        entity_id,
        detail.to_string(),
        crate::time::iso(w.now())
    ])?;
    w.emit(
        "audit_log",
        &id,
        OpKind::Append,
        &json!({ "staffId": staff, "approverId": approver, "action": action,
                 "entityId": entity_id, "detail": detail }),
    )?;
    Ok(())
}
