//! A sale pulled from another till of this store, written whole (lines, the
//! staff credited, tenders, packages bought, every ledger row) so the sales
//! screen, a refund here and the day-end report work as if it were rung up
//! here; and the member ledgers of another store's sale (`member_ledger`,
//! made by the server) so a member's balances add up in every store. Either
//! way a member's sale counts as her visit (last visit, number of visits).
//! Ledger rows are a union: each is added once by its id.

use super::apply::{Ctx, Outcome};
use super::records::payload_fields;
use crate::checkout::counts_as_spend;
use crate::write::Writer;
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::{Map, Value};

fn text<'a>(p: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    p.get(k).and_then(Value::as_str)
}

fn int(p: &Map<String, Value>, k: &str) -> Option<i64> {
    p.get(k).and_then(Value::as_i64)
}

fn need<'a>(p: &'a Map<String, Value>, k: &'static str) -> Result<&'a str> {
    text(p, k).ok_or_else(|| CoreError::validation(k, format!("{k} is missing")))
}

fn list<'a>(p: &'a Map<String, Value>, k: &str) -> impl Iterator<Item = &'a Map<String, Value>> {
    p.get(k)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

pub(super) fn sale(w: &Writer<'_>, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let p = payload_fields(cx)?;
    let id = cx.op.entity_id.as_str();
    // Both questions in one statement: is the sale here, is its number taken.
    let (there, taken): (bool, bool) = w
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sales WHERE id = ?1),
                    EXISTS (SELECT 1 FROM sales WHERE receipt_no = ?2)",
        )?
        .query_row([id, text(p, "receiptNo").unwrap_or_default()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    if there {
        return Ok(Outcome::Skipped);
    }
    let receipt = need(p, "receiptNo")?;
    let created = text(p, "createdAt").unwrap_or(&cx.time).to_owned();
    let total = int(p, "total").unwrap_or(0);
    let discount = int(p, "discount").unwrap_or(0);
    let spend: i64 = list(p, "lines")
        .filter(|l| text(l, "kind").is_none_or(counts_as_spend))
        .filter_map(|l| int(l, "amount"))
        .sum();
    let insert_sale = |receipt_no: &str| {
        w.prepare_cached(
            "INSERT INTO sales (id, receipt_no, kind, original_sale_id, member_id, cashier_id, approver_id,
                                shift_id, coupon_code, subtotal, discount_total, total, change_given,
                                business_date, created_at, spend)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?
        .execute(params![
            id,
            receipt_no,
            text(p, "kind").unwrap_or("sale"),
            text(p, "originalSaleId"),
            text(p, "memberId"),
            need(p, "cashierId")?,
            text(p, "approverId"),
            text(p, "shiftId"),
            text(p, "couponCode"),
            int(p, "subtotal").unwrap_or(total + discount),
            discount,
            total,
            int(p, "change").unwrap_or(0),
            need(p, "businessDate")?,
            created,
            spend,
        ])
        .map_err(CoreError::from)
    };
    if taken {
        // Two tills numbered alike before they were enrolled: keep both sales.
        let own = format!("{receipt}-{}", &cx.op.device_id.simple().to_string()[..6]);
        cx.notes.push(format!(
            "receipt number {receipt} taken here: kept as {own}"
        ));
        insert_sale(&own)?;
    } else {
        insert_sale(receipt)?;
    }
    for (i, l) in list(p, "lines").enumerate() {
        let line_id = need(l, "id")?;
        w.prepare_cached(
            "INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, qty, unit_price, tier_discount,
                                     coupon_discount, manual_discount, amount, original_line_id,
                                     campaign_discount, campaign_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            line_id,
            id,
            int(l, "lineNo").unwrap_or(i as i64 + 1),
            need(l, "kind")?,
            need(l, "itemId")?,
            text(l, "name").unwrap_or(""),
            int(l, "qty").unwrap_or(1),
            int(l, "unitPrice").unwrap_or(0),
            int(l, "tierDiscount").unwrap_or(0),
            int(l, "couponDiscount").unwrap_or(0),
            int(l, "manualDiscount").unwrap_or(0),
            int(l, "amount").unwrap_or(0),
            text(l, "originalLineId"),
            int(l, "campaignDiscount").unwrap_or(0),
            text(l, "campaignId"),
        ])?;
        for s in list(l, "staff") {
            w.prepare_cached(
                "INSERT INTO sale_line_staff (sale_line_id, staff_id, share_bp) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![
                line_id,
                need(s, "staffId")?,
                int(s, "shareBp").unwrap_or(10_000)
            ])?;
        }
    }
    for (i, t) in list(p, "tenders").enumerate() {
        // Sales written before tenders carried their ids get one from the sale's.
        let tender_id = match text(t, "id") {
            Some(tid) => tid.to_owned(),
            None => crate::ids::new_v7(cx.op.created_at).to_string(),
        };
        w.prepare_cached(
            "INSERT INTO sale_tenders (id, sale_id, tender_no, kind, amount, reference, card_last4, points)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            tender_id,
            id,
            i as i64 + 1,
            need(t, "kind")?,
            int(t, "amount").unwrap_or(0),
            text(t, "reference"),
            text(t, "last4"),
            int(t, "points"),
        ])?;
    }
    ledger_rows(w, p, id, &created)?;
    // Another till's sale counts in this store's reports as it arrives.
    crate::reports::summary::record(
        w,
        &crate::reports::summary::own_store_id(w)?,
        id,
        &cx.op.payload,
    )?;
    // As the till that made it counted it (refunds and voids are no visit).
    if let (Some(member), Some("sale") | None) = (text(p, "memberId"), text(p, "kind")) {
        crate::member::record_visit(w, member, &created)?;
    }
    Ok(Outcome::Applied)
}

/// Another store's sale, as the server hands it on: the member's ledger rows
/// and the packages she bought. The sale itself stays in its store, so the
/// rows' `sale_id` names a sale this device may not have (0004 dropped that
/// reference). Rows already here (this store's own sale) are left alone.
pub(super) fn member_ledger(w: &Writer<'_>, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let p = payload_fields(cx)?;
    let sale_id = text(p, "saleId").unwrap_or(&cx.op.entity_id).to_owned();
    let created = text(p, "createdAt").unwrap_or(&cx.time).to_owned();
    // A sale of this store is here already with every row it wrote (made
    // here, or pulled from its till whole), and its visit was counted then:
    // one lookup instead of one per row.
    let here: bool = w
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sales WHERE id = ?1)")?
        .query_row([&sale_id], |r| r.get(0))?;
    if here {
        return Ok(Outcome::Skipped);
    }
    let mut added = packages(w, p, &sale_id, &created)?;
    for e in list(p, "entries") {
        if matches!(
            text(e, "ledger"),
            Some("points" | "stored_value" | "package" | "free_service")
        ) {
            added += usize::from(entry(w, e, &sale_id, &created, Seen::Maybe)?);
        }
    }
    // Her visit in another store.
    if let Some(member) = text(p, "visitOf") {
        let first = w
            .prepare_cached(
                "INSERT INTO pulled_visits (sale_id, member_id, visited_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (sale_id) DO NOTHING",
            )?
            .execute(params![sale_id, member, created])?
            == 1;
        if first {
            crate::member::record_visit(w, member, &created)?;
            added += 1;
        }
    }
    Ok(if added > 0 {
        Outcome::Applied
    } else {
        Outcome::Skipped
    })
}

/// A member's opening balances from an import at another till: her packages,
/// then her ledger rows, each kept once by its id (their `sale_id` is the
/// opening's id: what brought them, as a sale does).
pub(super) fn member_opening(w: &Writer<'_>, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let p = payload_fields(cx)?;
    let opening_id = cx.op.entity_id.clone();
    let created = cx.time.clone();
    let mut added = packages(w, p, &opening_id, &created)?;
    for e in list(p, "ledger") {
        if matches!(
            text(e, "ledger"),
            Some("points" | "stored_value" | "package")
        ) {
            added += usize::from(entry(w, e, &opening_id, &created, Seen::Maybe)?);
        }
    }
    Ok(if added > 0 {
        Outcome::Applied
    } else {
        Outcome::Skipped
    })
}

/// The packages a sale bought, then every ledger row it wrote.
fn ledger_rows(w: &Writer<'_>, p: &Map<String, Value>, sale_id: &str, created: &str) -> Result<()> {
    packages(w, p, sale_id, created)?;
    for e in list(p, "ledger") {
        entry(w, e, sale_id, created, Seen::Never)?;
    }
    Ok(())
}

fn packages(w: &Writer<'_>, p: &Map<String, Value>, sale_id: &str, created: &str) -> Result<usize> {
    let mut added = 0;
    for k in list(p, "packages") {
        added += w
            .prepare_cached(
                "INSERT INTO packages (id, member_id, plan_id, service_id, name, expires_on, sale_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![
                need(k, "id")?,
                need(k, "memberId")?,
                need(k, "planId")?,
                need(k, "serviceId")?,
                text(k, "name").unwrap_or(""),
                need(k, "expiresOn")?,
                sale_id,
                created
            ])?;
    }
    Ok(added)
}

/// Whether a ledger row may already be here.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// Part of a sale being written now for the first time.
    Never,
    /// Handed on by the server: usually rows of this store's own sale.
    Maybe,
}

/// Whether a row of `ledger` with a given id is here (`None`: no such ledger):
/// the query, and the entry's field naming what the ledger is stored by (its
/// member, package, product, shift or line: migration 0010).
fn ledger_lookup(ledger: &str) -> Option<(&'static str, &'static str)> {
    Some(match ledger {
        "points" => (
            "SELECT EXISTS (SELECT 1 FROM points_ledger WHERE member_id = ?2 AND id = ?1)",
            "memberId",
        ),
        "stored_value" => (
            "SELECT EXISTS (SELECT 1 FROM stored_value_ledger WHERE member_id = ?2 AND id = ?1)",
            "memberId",
        ),
        "package" => (
            "SELECT EXISTS (SELECT 1 FROM package_ledger WHERE package_id = ?2 AND id = ?1)",
            "packageId",
        ),
        "free_service" => (
            "SELECT EXISTS (SELECT 1 FROM free_service_ledger WHERE member_id = ?2 AND id = ?1)",
            "memberId",
        ),
        "stock" => (
            "SELECT EXISTS (SELECT 1 FROM stock_moves WHERE product_id = ?2 AND id = ?1)",
            "productId",
        ),
        "drawer" => (
            "SELECT EXISTS (SELECT 1 FROM cash_drawer WHERE shift_id = ?2 AND id = ?1)",
            "shiftId",
        ),
        "commission" => (
            "SELECT EXISTS (SELECT 1 FROM commission_ledger WHERE sale_line_id = ?2 AND id = ?1)",
            "lineId",
        ),
        _ => return None,
    })
}

/// One ledger row of a sale, by the `ledger` it belongs to. Returns whether it was added.
fn entry(
    w: &Writer<'_>,
    e: &Map<String, Value>,
    sale_id: &str,
    created: &str,
    seen: Seen,
) -> Result<bool> {
    let id = need(e, "id")?;
    if seen == Seen::Maybe {
        // A lookup by id is much cheaper than an insert that checks the row
        // (its CHECK lists) and only then finds the id taken.
        if let Some((sql, by)) = ledger_lookup(need(e, "ledger")?) {
            let here: bool = w
                .prepare_cached(sql)?
                .query_row([id, text(e, by).unwrap_or_default()], |r| r.get(0))?;
            if here {
                return Ok(false);
            }
        }
    }
    let reason = text(e, "reason");
    let n = match need(e, "ledger")? {
        "points" => w
            .prepare_cached(
                "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
            )?
            .execute(params![id, need(e, "memberId")?, sale_id, int(e, "delta"), reason, text(e, "expiresOn"), created])?,
        "stored_value" => w
            .prepare_cached(
                "INSERT INTO stored_value_ledger (id, member_id, sale_id, delta, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            )?
            .execute(params![id, need(e, "memberId")?, sale_id, int(e, "delta"), reason, created])?,
        "package" => w
            .prepare_cached(
                "INSERT INTO package_ledger (id, package_id, sale_id, delta, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            )?
            .execute(params![id, need(e, "packageId")?, sale_id, int(e, "delta"), reason, created])?,
        "free_service" => w
            .prepare_cached(
                "INSERT INTO free_service_ledger (id, member_id, service_id, period, sale_id, sale_line_id, delta, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
            )?
            .execute(params![id, need(e, "memberId")?, need(e, "serviceId")?, need(e, "period")?, sale_id,
                             text(e, "lineId"), int(e, "delta"), reason, created])?,
        "stock" => w
            .prepare_cached(
                "INSERT INTO stock_moves (id, product_id, qty, reason, created_at, ref_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            )?
            .execute(params![id, need(e, "productId")?, int(e, "qty"), reason, created, sale_id])?,
        "drawer" => w
            .prepare_cached(
                "INSERT INTO cash_drawer (id, shift_id, sale_id, kind, amount, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            )?
            .execute(params![id, need(e, "shiftId")?, sale_id, need(e, "kind")?, int(e, "amount"), created])?,
        "commission" => w
            .prepare_cached(
                "INSERT INTO commission_ledger (id, staff_id, sale_id, sale_line_id, amount, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            )?
            .execute(params![id, need(e, "staffId")?, sale_id, need(e, "lineId")?, int(e, "amount"), created])?,
        other => {
            return Err(CoreError::validation(
                "ledger",
                format!("unknown ledger {other:?}"),
            ))
        }
    };
    Ok(n == 1)
}
