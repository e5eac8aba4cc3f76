//! Refunds (some lines or all) and voids: a new sale-shaped record that
//! reverses exactly what the original wrote, approved by a manager and
//! audited. No line is refunded twice. Money goes back to the tenders it came
//! from in proportion, worked out cumulatively so that refunding every line,
//! in any number of refunds, returns each tender exactly.

use super::allocate::allocate;
use super::approval::Approval;
use super::ledger_rows::{LedgerRows, LineRow, TenderRow};
use super::tiers::{counts_as_spend, re_evaluate, TierReason};
use super::{settings, SaleOutcome};
use crate::ids::{MemberId, StaffId};
use crate::money::{checked, Money};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

#[derive(Debug, Clone, Default)]
pub struct RefundRequest {
    pub original_sale_id: String,
    /// The original's line ids to refund; `None` refunds every line not yet refunded.
    pub line_ids: Option<Vec<String>>,
    /// A void cancels the whole sale within its shift.
    pub void: bool,
}

struct OrigLine {
    id: String,
    kind: String,
    item_id: String,
    name: String,
    qty: i64,
    unit_price: i64,
    tier: i64,
    coupon: i64,
    manual: i64,
    amount: i64,
    campaign: i64,
    campaign_id: Option<String>,
}

impl Store {
    /// Refunds (or voids, `req.void`) a sale. Needs `Refund` (or `Void`): the
    /// cashier's own, or a manager's `approval` given for it. A manager
    /// refunding at the desk is her own approver.
    pub fn refund(
        &mut self,
        cashier: &Staff,
        approval: Option<&Approval>,
        req: &RefundRequest,
    ) -> Result<SaleOutcome> {
        let p = if req.void {
            Permission::Void
        } else {
            Permission::Refund
        };
        let auth = self.authorise(cashier, p, approval.map_or(&[][..], std::slice::from_ref))?;
        let approver = auth.approver.unwrap_or(cashier.id);
        let outcome = self.write(|w| refund(w, cashier, approver, req))?;
        self.spend_approval(&auth);
        Ok(outcome)
    }
}

fn refund(
    w: &mut Writer<'_>,
    cashier: &Staff,
    approver: StaffId,
    req: &RefundRequest,
) -> Result<SaleOutcome> {
    let cfg = settings::load(w)?;
    let today = cfg.business_date(w.now());
    let shift_id = super::open_shift_id(w)?;
    let (kind, member, orig_shift): (String, Option<MemberId>, Option<String>) = w
        .prepare_cached("SELECT kind, member_id, shift_id FROM sales WHERE id = ?1")?
        .query_row([&req.original_sale_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or(CoreError::NotFound { entity: "sale" })?;
    if kind != "sale" {
        return Err(CoreError::validation(
            "saleId",
            "only a sale can be refunded",
        ));
    }
    let all = original_lines(w, &req.original_sale_id)?;
    let refunded: Vec<String> = w
        .prepare_cached(
            "SELECT l.original_line_id FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE s.original_sale_id = ?1 AND l.original_line_id IS NOT NULL",
        )?
        .query_map([&req.original_sale_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if req.void && (orig_shift != shift_id || !refunded.is_empty()) {
        return Err(CoreError::Conflict(
            "only a sale of this open shift with nothing refunded can be voided".into(),
        ));
    }
    let chosen: Vec<&OrigLine> = match (&req.line_ids, req.void) {
        (Some(ids), false) => {
            if ids.is_empty() {
                return Err(CoreError::validation("lines", "choose the lines to refund"));
            }
            let mut out = Vec::new();
            for id in ids {
                let line = all.iter().find(|l| &l.id == id).ok_or_else(|| {
                    CoreError::validation("lines", "that line is not on this sale")
                })?;
                if refunded.contains(id) || out.iter().any(|l: &&OrigLine| &l.id == id) {
                    return Err(CoreError::Conflict(format!(
                        "{} has already been refunded",
                        line.name
                    )));
                }
                out.push(line);
            }
            out
        }
        _ => all.iter().filter(|l| !refunded.contains(&l.id)).collect(),
    };
    if chosen.is_empty() {
        return Err(CoreError::Conflict(
            "everything on this sale has already been refunded".into(),
        ));
    }

    let sale_id = crate::ids::new_v7(w.now()).to_string();
    let receipt_no = super::next_receipt_no(w)?;
    let now = crate::time::iso(w.now());
    // Parts of a sale that was summed when it was made: these sums fit as
    // its did, but a row changed on disk must not wrap them either.
    let refund_total = checked::sum(chosen.iter().map(|l| l.amount), "lines")?;
    let discount_total = checked::sum(
        chosen.iter().flat_map(|l| [l.tier, l.coupon, l.manual]),
        "lines",
    )?;
    let subtotal = checked::add(refund_total, discount_total, "lines")?;
    let kind = if req.void { "void" } else { "refund" };
    let spend: i64 = chosen
        .iter()
        .filter(|l| counts_as_spend(&l.kind))
        .map(|l| -l.amount)
        .sum();
    w.prepare_cached(
        "INSERT INTO sales (id, receipt_no, kind, original_sale_id, member_id, cashier_id, approver_id, shift_id,
                            subtotal, discount_total, total, business_date, created_at, spend)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        sale_id, receipt_no, kind, req.original_sale_id, member, cashier.id, approver, shift_id,
        -subtotal, -discount_total, -refund_total, today.to_string(), now, spend
    ])?;
    let mut rows = LedgerRows::new(&sale_id, &now);
    for (i, line) in chosen.iter().enumerate() {
        reverse_line(w, &mut rows, i, line, member, &req.original_sale_id)?;
    }
    refund_tenders(
        w,
        &mut rows,
        &req.original_sale_id,
        &all,
        &refunded,
        &chosen,
        member,
        shift_id.as_deref(),
        cfg.point_value_fen,
    )?;
    if let Some(m) = member {
        reverse_points_earned(
            w,
            &mut rows,
            &req.original_sale_id,
            &all,
            &refunded,
            &chosen,
            m,
        )?;
    }
    super::audit::record(
        w,
        cashier.id,
        Some(approver),
        kind,
        Some(&sale_id),
        &json!({ "original": req.original_sale_id, "amount": Money(refund_total) }),
    )?;
    let payload = json!({ "receiptNo": receipt_no, "kind": kind, "originalSaleId": req.original_sale_id,
                 "memberId": member, "cashierId": cashier.id, "approverId": approver,
                 "shiftId": shift_id, "subtotal": -subtotal,
                 "discount": -discount_total, "total": Money(-refund_total), "change": 0,
                 "businessDate": today, "createdAt": now, "lines": rows.lines(),
                 "tenders": rows.tenders(), "ledger": rows.entries() });
    w.emit("sale", &sale_id, OpKind::Append, &payload)?;
    crate::reports::summary::record(
        w,
        &crate::reports::summary::own_store_id(w)?,
        &sale_id.to_string(),
        &payload,
    )?;
    // A member coupon comes back only with the whole sale (see `campaigns`).
    let whole_sale_back = refunded.len() + chosen.len() == all.len();
    crate::campaigns::give_back_after_refund(w, &req.original_sale_id, whole_sale_back)?;
    if let Some(m) = member {
        let floor = super::tiers::tier_before_sale(w, m, &req.original_sale_id)?;
        re_evaluate(
            w,
            m,
            &today.format("%Y-%m").to_string(),
            TierReason::Refund { floor },
        )?;
    }
    Ok(SaleOutcome {
        sale_id,
        receipt_no,
        total: Money(-refund_total),
        change: Money::ZERO,
        points_earned: 0,
    })
}

fn original_lines(w: &Writer<'_>, sale_id: &str) -> Result<Vec<OrigLine>> {
    let mut stmt = w.prepare_cached(
        "SELECT id, kind, item_id, name, qty, unit_price, tier_discount, coupon_discount, manual_discount, amount,
                campaign_discount, campaign_id
         FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no",
    )?;
    let rows = stmt.query_map([sale_id], |r| {
        Ok(OrigLine {
            id: r.get(0)?,
            kind: r.get(1)?,
            item_id: r.get(2)?,
            name: r.get(3)?,
            qty: r.get(4)?,
            unit_price: r.get(5)?,
            tier: r.get(6)?,
            coupon: r.get(7)?,
            manual: r.get(8)?,
            amount: r.get(9)?,
            campaign: r.get(10)?,
            campaign_id: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
fn reverse_line(
    w: &Writer<'_>,
    rows: &mut LedgerRows,
    index: usize,
    line: &OrigLine,
    member: Option<MemberId>,
    original_sale_id: &str,
) -> Result<()> {
    let id = rows.line(
        w,
        &LineRow {
            line_no: index as i64 + 1,
            kind: &line.kind,
            item_id: &line.item_id,
            name: &line.name,
            qty: -line.qty,
            unit_price: line.unit_price,
            campaign_discount: -line.campaign,
            campaign_id: line.campaign_id.as_deref(),
            tier_discount: -line.tier,
            coupon_discount: -line.coupon,
            manual_discount: -line.manual,
            amount: -line.amount,
            original_line_id: Some(&line.id),
            staff: &[],
        },
    )?;
    // Commission comes back off exactly as it was paid, staff member by staff member.
    let paid: Vec<(crate::ids::StaffId, i64)> = w
        .prepare_cached("SELECT staff_id, amount FROM commission_ledger WHERE sale_line_id = ?1")?
        .query_map([&line.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (staff, amount) in paid {
        rows.commission_row(w, staff, &id, -amount)?;
    }
    let need_member =
        || member.ok_or_else(|| CoreError::Internal("a prepaid line without a member".into()));
    match line.kind.as_str() {
        "product" => rows.stock(w, &line.item_id, line.qty, "refund")?,
        // A free service (免费护理) used on it comes back.
        "service" => super::tiers::refund_free_service(w, rows, &line.id, &id)?,
        "top_up" => {
            let m = need_member()?;
            let bonus: i64 = w
                .prepare_cached(
                    "SELECT coalesce(sum(delta), 0) FROM stored_value_ledger
                     WHERE member_id = ?2 AND sale_id = ?1 AND reason = 'bonus'",
                )?
                .query_row(params![original_sale_id, m], |r| r.get(0))?;
            let top_ups: i64 = w
                .prepare_cached("SELECT coalesce(sum(amount), 0) FROM sale_lines WHERE sale_id = ?1 AND kind = 'top_up'")?
                .query_row([original_sale_id], |r| r.get(0))?;
            let this_bonus = if top_ups > 0 {
                checked::mul_div(bonus, line.amount, top_ups, "bonus")?
            } else {
                0
            };
            let balance = crate::ledger::stored_value(w, m)?.fen();
            if balance < line.amount + this_bonus {
                return Err(CoreError::Conflict(format!(
                    "the top-up has been spent: the stored value balance {} is less than the {} it added",
                    Money(balance),
                    Money(line.amount + this_bonus)
                )));
            }
            rows.stored_value(w, m, -line.amount, "refund_top_up")?;
            if this_bonus > 0 {
                rows.stored_value(w, m, -this_bonus, "void_bonus")?;
            }
        }
        "package_purchase" => {
            let left = crate::ledger::package_sessions(w, &line.id)?;
            let bought: i64 = w
                .prepare_cached("SELECT coalesce(sum(delta), 0) FROM package_ledger WHERE package_id = ?1 AND reason = 'purchase'")?
                .query_row([&line.id], |r| r.get(0))?;
            if left != bought {
                return Err(CoreError::Conflict(format!(
                    "{} has sessions used: it cannot be refunded",
                    line.name
                )));
            }
            rows.package(w, &line.id, -left, "reverse_purchase")?;
        }
        "package_redemption" => rows.package(w, &line.item_id, 1, "reverse_redeem")?,
        _ => {}
    }
    Ok(())
}

/// Each original tender gets back its share of everything refunded so far,
/// less what earlier refunds already gave it.
#[allow(clippy::too_many_arguments)]
fn refund_tenders(
    w: &Writer<'_>,
    rows: &mut LedgerRows,
    original_sale_id: &str,
    all: &[OrigLine],
    refunded_before: &[String],
    chosen: &[&OrigLine],
    member: Option<MemberId>,
    shift_id: Option<&str>,
    point_value_fen: i64,
) -> Result<()> {
    let change: i64 = w.query_row(
        "SELECT change_given FROM sales WHERE id = ?1",
        [original_sale_id],
        |r| r.get(0),
    )?;
    let mut tenders: Vec<(String, i64, Option<String>, Option<String>)> = w
        .prepare_cached("SELECT kind, amount, reference, card_last4 FROM sale_tenders WHERE sale_id = ?1 ORDER BY tender_no")?
        .query_map([original_sale_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Change came out of the cash: only the cash kept is refundable as cash.
    let mut change_left = change;
    for t in tenders.iter_mut().filter(|t| t.0 == "cash") {
        let take = change_left.min(t.1);
        t.1 -= take;
        change_left -= take;
    }
    let weights: Vec<i64> = tenders.iter().map(|t| t.1).collect();
    let amount_of = |ids: &mut dyn Iterator<Item = &String>| -> Result<i64> {
        checked::sum(
            ids.filter_map(|id| all.iter().find(|l| &l.id == id))
                .map(|l| l.amount),
            "lines",
        )
    };
    let before = amount_of(&mut refunded_before.iter())?;
    let now_total = checked::add(
        before,
        checked::sum(chosen.iter().map(|l| l.amount), "lines")?,
        "lines",
    )?;
    let target_before = allocate(before, &weights);
    let target_now = allocate(now_total, &weights);
    for (i, (kind, _, reference, last4)) in tenders.iter().enumerate() {
        let back = target_now[i] - target_before[i];
        if back == 0 {
            continue;
        }
        let points = (kind == "points").then(|| -(back / point_value_fen.max(1)));
        rows.tender(
            w,
            &TenderRow {
                kind,
                amount: -back,
                reference: reference.as_deref(),
                last4: last4.as_deref(),
                points,
            },
        )?;
        match (kind.as_str(), member) {
            ("cash", _) => rows.drawer(w, shift_id, -back, "refund")?,
            ("stored_value", Some(m)) => rows.stored_value(w, m, back, "refund_pay")?,
            ("points", Some(m)) => {
                rows.points(w, m, back / point_value_fen.max(1), "reverse_redeem", None)?
            }
            _ => {}
        }
    }
    Ok(())
}

/// Points the sale earned come back off in proportion to what is refunded
/// (all of them once every line is refunded). This may leave a member who
/// already spent them below zero: she owes them back, as she owes the money.
fn reverse_points_earned(
    w: &Writer<'_>,
    rows: &mut LedgerRows,
    original_sale_id: &str,
    all: &[OrigLine],
    refunded_before: &[String],
    chosen: &[&OrigLine],
    member: MemberId,
) -> Result<()> {
    // The points taken back are the sale's own batch: they carry its expiry date.
    let (earned, expires): (i64, Option<String>) = w
        .prepare_cached(
            "SELECT coalesce(sum(delta), 0), max(expires_on) FROM points_ledger
             WHERE member_id = ?2 AND sale_id = ?1 AND reason = 'earn'",
        )?
        .query_row(params![original_sale_id, member], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let expires = expires.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    if earned == 0 {
        return Ok(());
    }
    let earning = |l: &OrigLine| if l.kind == "top_up" { 0 } else { l.amount };
    let base = checked::sum(all.iter().map(earning), "lines")?;
    let before = checked::sum(
        all.iter()
            .filter(|l| refunded_before.contains(&l.id))
            .map(earning),
        "lines",
    )?;
    let now = checked::add(
        before,
        checked::sum(chosen.iter().map(|l| earning(l)), "lines")?,
        "lines",
    )?;
    let target = |part: i64| {
        if base == 0 || part >= base {
            Ok(if part >= base { earned } else { 0 })
        } else {
            checked::mul_div(earned, part, base, "points")
        }
    };
    let back = target(now)? - target(before)?;
    if back > 0 {
        rows.points(w, member, -back, "reverse_earn", expires)?;
    }
    Ok(())
}
