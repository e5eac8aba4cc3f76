//! Shifts (班次) and the day's close: open with a float, pay-in and pay-out,
//! close with the cash counted against what is expected, per tender, and the
//! Z report (日结). All of it works offline; the drawer is a ledger too.

use crate::checkout::{audit, Approval, Authorised};
use crate::money::{checked, Money};
use crate::staff::{Permission, Role, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenderTotal {
    pub kind: String,
    pub expected: Money,
    pub counted: Option<Money>,
    pub difference: Option<Money>,
}

/// The Z report: everything a shift took, per tender, against what was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZReport {
    pub shift_id: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub opened_by: String,
    pub float: Money,
    pub sales: i64,
    pub refunds: i64,
    pub sales_total: Money,
    pub refunds_total: Money,
    pub discounts_total: Money,
    pub pay_ins: Money,
    pub pay_outs: Money,
    pub tenders: Vec<TenderTotal>,
}

fn device_id(w: &rusqlite::Connection) -> Result<String> {
    Ok(crate::store::meta_get(w, "device_id")?.unwrap_or_default())
}

fn drawer_row(
    w: &mut Writer<'_>,
    shift_id: &str,
    kind: &str,
    amount: Money,
    reason: &str,
) -> Result<()> {
    let id = crate::ids::new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO cash_drawer (id, shift_id, kind, amount, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, shift_id, kind, amount.fen(), reason, crate::time::iso(w.now())])?;
    w.emit(
        "cash_drawer",
        &id,
        OpKind::Append,
        &json!({ "shiftId": shift_id, "kind": kind, "amount": amount, "reason": reason }),
    )?;
    Ok(())
}

impl Store {
    /// The open shift on this device, if any.
    pub fn current_shift(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM shifts WHERE device_id = ?1 AND closed_at IS NULL")?
            .query_row([device_id(&self.conn)?], |r| r.get(0))
            .optional()?)
    }

    pub fn open_shift(&mut self, staff: &Staff, float: Money) -> Result<String> {
        if float.is_negative() {
            return Err(CoreError::validation(
                "float",
                "the opening float cannot be negative",
            ));
        }
        if self.current_shift()?.is_some() {
            return Err(CoreError::Conflict(
                "a shift is already open on this device".into(),
            ));
        }
        self.write(|w| {
            let id = crate::ids::new_v7(w.now()).to_string();
            w.execute(
                "INSERT INTO shifts (id, device_id, opened_by, opened_at, float) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, device_id(w)?, staff.id, crate::time::iso(w.now()), float.fen()],
            )?;
            w.emit("shift", &id, OpKind::Upsert, &json!({ "openedBy": staff.id, "float": float }))?;
            drawer_row(w, &id, "float", float, "")?;
            Ok(id)
        })
    }

    /// Cash put into (positive) or taken out of (negative) the drawer outside a
    /// sale; audited, with the drawer opening it needs. A pay-out above the
    /// store's limit (`pay_out_approval_fen`) needs `PayOut`: the staff's own
    /// (a manager paying out is that approval) or a manager's `approval` for
    /// it (`approval_required` without one). A small pay-out needs neither.
    pub fn pay_in_out(
        &mut self,
        staff: &Staff,
        amount: Money,
        reason: &str,
        approval: Option<&Approval>,
    ) -> Result<()> {
        if amount.fen() == 0 || reason.trim().is_empty() {
            return Err(CoreError::validation(
                "amount",
                "an amount and a reason are needed",
            ));
        }
        let out = checked::neg(amount.fen(), "amount")?;
        let limit = self.checkout_settings()?.pay_out_approval_fen;
        let auth = if out > limit {
            if approval.is_none() && !staff.role.may(Permission::PayOut) {
                return Err(CoreError::ApprovalRequired {
                    limit: Money(limit),
                });
            }
            self.authorise(
                staff,
                Permission::PayOut,
                approval.map_or(&[][..], std::slice::from_ref),
            )?
        } else {
            Authorised::default()
        };
        let shift = self
            .current_shift()?
            .ok_or_else(|| CoreError::Conflict("open a shift first (开班)".into()))?;
        self.write(|w| {
            // The drawer's total must stay a number the Z report can add up.
            let drawer: i64 = w
                .prepare_cached(
                    "SELECT coalesce(sum(amount), 0) FROM cash_drawer WHERE shift_id = ?1",
                )?
                .query_row([&shift], |r| r.get(0))
                .map_err(|e| checked::sql(e, "amount"))?;
            checked::add(drawer, amount.fen(), "amount")?;
            let kind = if amount.fen() > 0 {
                "pay_in"
            } else {
                "pay_out"
            };
            drawer_row(w, &shift, kind, amount, reason.trim())?;
            let approver = auth.approver;
            audit::record(
                w,
                staff.id,
                approver,
                kind,
                Some(&shift),
                &json!({ "amount": amount, "reason": reason.trim() }),
            )?;
            audit::record(
                w,
                staff.id,
                None,
                "drawer_open",
                Some(&shift),
                &json!({ "for": kind }),
            )
        })?;
        self.spend_approval(&auth);
        Ok(())
    }

    /// Opening the drawer without a sale (no-sale): audited.
    pub fn open_drawer(&mut self, staff: &Staff, reason: &str) -> Result<()> {
        self.write(|w| {
            audit::record(
                w,
                staff.id,
                None,
                "drawer_open",
                None,
                &json!({ "reason": reason.trim() }),
            )
        })
    }

    /// Closes this device's shift with what was counted per tender.
    pub fn close_shift(
        &mut self,
        staff: &Staff,
        counted: &BTreeMap<String, Money>,
    ) -> Result<ZReport> {
        let shift = self
            .current_shift()?
            .ok_or_else(|| CoreError::Conflict("no shift is open".into()))?;
        if staff.role == Role::Beautician {
            return Err(CoreError::Forbidden(
                "a cashier, manager or the owner closes the shift".into(),
            ));
        }
        self.write(|w| {
            w.execute(
                "UPDATE shifts SET closed_by = ?2, closed_at = ?3, counted = ?4 WHERE id = ?1",
                params![
                    shift,
                    staff.id,
                    crate::time::iso(w.now()),
                    serde_json::to_string(counted)?
                ],
            )?;
            w.emit(
                "shift",
                &shift,
                OpKind::Upsert,
                &json!({ "closedBy": staff.id, "counted": counted }),
            )?;
            Ok(())
        })?;
        self.z_report(&shift)
    }

    pub fn z_report(&self, shift_id: &str) -> Result<ZReport> {
        let c = &self.conn;
        let (opened_at, closed_at, opened_by, float, counted): (
            String,
            Option<String>,
            String,
            i64,
            Option<String>,
        ) = c
            .query_row(
                "SELECT s.opened_at, s.closed_at, st.name, s.float, s.counted FROM shifts s
                 JOIN staff st ON st.id = s.opened_by WHERE s.id = ?1",
                [shift_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or(CoreError::NotFound { entity: "shift" })?;
        let counted: BTreeMap<String, Money> = counted
            .map(|s| serde_json::from_str(&s))
            .transpose()?
            .unwrap_or_default();
        let sum = |sql: &str| -> Result<(i64, i64)> {
            c.query_row(sql, [shift_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| checked::sql(e, "shift"))
        };
        let (sales, sales_total) = sum("SELECT count(*), coalesce(sum(total), 0) FROM sales WHERE shift_id = ?1 AND kind = 'sale'")?;
        let (refunds, refunds_total) = sum("SELECT count(*), coalesce(sum(total), 0) FROM sales WHERE shift_id = ?1 AND kind <> 'sale'")?;
        let (_, discounts) =
            sum("SELECT 0, coalesce(sum(discount_total), 0) FROM sales WHERE shift_id = ?1")?;
        let (pay_ins, pay_outs) = sum(
            "SELECT coalesce(sum(CASE WHEN kind = 'pay_in' THEN amount END), 0),
                    coalesce(sum(CASE WHEN kind = 'pay_out' THEN amount END), 0)
             FROM cash_drawer WHERE shift_id = ?1",
        )?;
        let (_, cash) =
            sum("SELECT 0, coalesce(sum(amount), 0) FROM cash_drawer WHERE shift_id = ?1")?;
        let mut expected: BTreeMap<String, i64> = BTreeMap::new();
        expected.insert("cash".into(), cash);
        let mut stmt = c.prepare_cached(
            "SELECT t.kind, sum(t.amount) FROM sale_tenders t JOIN sales s ON s.id = t.sale_id
             WHERE s.shift_id = ?1 AND t.kind <> 'cash' GROUP BY t.kind",
        )?;
        for row in stmt.query_map([shift_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (k, v) = row.map_err(|e| checked::sql(e, "shift"))?;
            expected.insert(k, v);
        }
        let tenders = expected
            .into_iter()
            .map(|(kind, exp)| {
                let count = counted.get(&kind).copied();
                Ok(TenderTotal {
                    difference: count
                        .map(|n| checked::sub(n.fen(), exp, "counted").map(Money))
                        .transpose()?,
                    counted: count,
                    expected: Money(exp),
                    kind,
                })
            })
            .collect::<Result<_>>()?;
        Ok(ZReport {
            shift_id: shift_id.to_owned(),
            opened_at,
            closed_at,
            opened_by,
            float: Money(float),
            sales,
            refunds,
            sales_total: Money(sales_total),
            refunds_total: Money(refunds_total),
            discounts_total: Money(discounts),
            pay_ins: Money(pay_ins),
            pay_outs: Money(pay_outs),
            tenders,
        })
    }
}
