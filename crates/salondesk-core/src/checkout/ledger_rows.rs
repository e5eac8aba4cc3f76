//! Writing a sale's rows: its lines and tenders, and one row per ledger entry.
//! Every entry is also kept for the sale's outbox operation, so other devices
//! add exactly these rows (ledgers merge as a union).

use super::cart::Tender;
use super::pricing::PricedLine;
use crate::ids::MemberId;
use crate::write::Writer;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::params;
use serde_json::{json, Value};

pub(crate) struct LedgerRows {
    sale_id: String,
    now: String,
    entries: Vec<Value>,
}

impl LedgerRows {
    pub fn new(sale_id: &str, now: &str) -> Self {
        LedgerRows {
            sale_id: sale_id.into(),
            now: now.into(),
            entries: Vec::new(),
        }
    }

    pub fn entries(&self) -> &[Value] {
        &self.entries
    }

    fn id(w: &Writer<'_>) -> String {
        crate::ids::new_v7(w.now()).to_string()
    }

    pub fn points(
        &mut self,
        w: &Writer<'_>,
        member: MemberId,
        delta: i64,
        reason: &str,
        expires: Option<NaiveDate>,
    ) -> Result<()> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![id, member, self.sale_id, delta, reason, expires.map(|d| d.to_string()), self.now])?;
        self.entries.push(json!({ "ledger": "points", "id": id, "memberId": member, "delta": delta, "reason": reason, "expiresOn": expires }));
        Ok(())
    }

    pub fn stored_value(
        &mut self,
        w: &Writer<'_>,
        member: MemberId,
        delta: i64,
        reason: &str,
    ) -> Result<()> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO stored_value_ledger (id, member_id, sale_id, delta, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, member, self.sale_id, delta, reason, self.now])?;
        self.entries.push(json!({ "ledger": "stored_value", "id": id, "memberId": member, "delta": delta, "reason": reason }));
        Ok(())
    }

    pub fn package(
        &mut self,
        w: &Writer<'_>,
        package_id: &str,
        delta: i64,
        reason: &str,
    ) -> Result<()> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO package_ledger (id, package_id, sale_id, delta, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            id,
            package_id,
            self.sale_id,
            delta,
            reason,
            self.now
        ])?;
        self.entries.push(json!({ "ledger": "package", "id": id, "packageId": package_id, "delta": delta, "reason": reason }));
        Ok(())
    }

    pub fn stock(
        &mut self,
        w: &Writer<'_>,
        product_id: &str,
        qty: i64,
        reason: &str,
    ) -> Result<()> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO stock_moves (id, product_id, qty, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, product_id, qty, reason, self.now])?;
        self.entries.push(json!({ "ledger": "stock", "id": id, "productId": product_id, "qty": qty, "reason": reason }));
        Ok(())
    }

    pub fn drawer(
        &mut self,
        w: &Writer<'_>,
        shift_id: Option<&str>,
        amount: i64,
        kind: &str,
    ) -> Result<()> {
        let Some(shift_id) = shift_id else {
            return Ok(());
        };
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO cash_drawer (id, shift_id, sale_id, kind, amount, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, shift_id, self.sale_id, kind, amount, self.now])?;
        self.entries.push(json!({ "ledger": "drawer", "id": id, "shiftId": shift_id, "amount": amount, "kind": kind }));
        Ok(())
    }

    /// Commission for each staff member credited on a line, split by share.
    /// `sign` is -1 to reverse it.
    pub fn commission(
        &mut self,
        w: &Writer<'_>,
        line_id: &str,
        p: &PricedLine,
        sign: i64,
    ) -> Result<()> {
        let amounts = commission_split(p);
        for ((staff, _), amount) in p.line.staff.iter().zip(amounts) {
            if amount == 0 {
                continue;
            }
            let id = Self::id(w);
            w.prepare_cached(
                "INSERT INTO commission_ledger (id, staff_id, sale_id, sale_line_id, amount, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![id, staff, self.sale_id, line_id, sign * amount, self.now])?;
            self.entries.push(json!({ "ledger": "commission", "id": id, "staffId": staff, "lineId": line_id, "amount": sign * amount }));
        }
        Ok(())
    }
}

/// The line's commission (on what it earned: its amount, or a redeemed session's
/// value), split across the credited staff by share, to the fen.
pub(crate) fn commission_split(p: &PricedLine) -> Vec<i64> {
    let base = if p.line.kind == super::pricing::LineKind::PackageRedemption {
        p.line.commission_unit.fen() * p.line.qty
    } else {
        p.amount.fen()
    };
    let total = base * p.line.commission_bp / 10_000;
    let shares: Vec<i64> = p.line.staff.iter().map(|(_, s)| *s).collect();
    super::allocate::allocate(total, &shares)
}

/// Inserts a sale line (and its credited staff); `sign` -1 writes a refund line.
pub(crate) fn insert_line(
    w: &Writer<'_>,
    sale_id: &str,
    index: usize,
    p: &PricedLine,
    original_line_id: Option<&str>,
    sign: i64,
) -> Result<String> {
    let id = crate::ids::new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, qty, unit_price, tier_discount,
                                 coupon_discount, manual_discount, amount, original_line_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        id,
        sale_id,
        index as i64 + 1,
        p.line.kind.as_str(),
        p.line.item_id,
        p.line.name,
        sign * p.line.qty,
        p.line.unit_price.fen(),
        sign * p.tier_discount.fen(),
        sign * p.coupon_discount.fen(),
        sign * p.manual_discount.fen(),
        sign * p.amount.fen(),
        original_line_id
    ])?;
    let mut stmt = w.prepare_cached(
        "INSERT INTO sale_line_staff (sale_line_id, staff_id, share_bp) VALUES (?1, ?2, ?3)",
    )?;
    for (staff, share) in &p.line.staff {
        stmt.execute(params![id, staff, share])?;
    }
    Ok(id)
}

pub(crate) fn insert_tender(
    w: &Writer<'_>,
    sale_id: &str,
    t: &Tender,
    point_value_fen: i64,
    sign: i64,
) -> Result<()> {
    let id = crate::ids::new_v7(w.now()).to_string();
    let (amount, reference, last4, points): (i64, Option<&str>, Option<&str>, Option<i64>) = match t
    {
        Tender::Cash { amount } | Tender::StoredValue { amount } => {
            (amount.fen(), None, None, None)
        }
        Tender::BankCard {
            amount,
            reference,
            last4,
        } => (amount.fen(), Some(reference), Some(last4), None),
        Tender::WechatPay { amount, reference } | Tender::Alipay { amount, reference } => {
            (amount.fen(), Some(reference), None, None)
        }
        Tender::Points { points } => (points * point_value_fen, None, None, Some(*points)),
    };
    w.prepare_cached(
        "INSERT INTO sale_tenders (id, sale_id, kind, amount, reference, card_last4, points)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        sale_id,
        t.kind(),
        sign * amount,
        reference.map(str::trim),
        last4,
        points.map(|p| sign * p)
    ])?;
    Ok(())
}
