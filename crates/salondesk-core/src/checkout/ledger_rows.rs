//! Writing a sale's rows: its lines (with the staff credited), tenders,
//! packages bought, and one row per ledger entry. Every row is also kept, ids
//! and all, for the sale's outbox operation, so the store's other tills write
//! exactly these rows (and can refund the sale and close the day with it), and
//! other stores add exactly its member ledger rows (ledgers merge as a union).

use super::cart::Tender;
use super::pricing::PricedLine;
use crate::ids::{MemberId, StaffId};
use crate::money::checked;
use crate::write::Writer;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::params;
use serde_json::{json, Value};

pub(crate) struct LedgerRows {
    sale_id: String,
    now: String,
    entries: Vec<Value>,
    lines: Vec<Value>,
    tenders: Vec<Value>,
    packages: Vec<Value>,
}

/// One sale line as written (a refund line carries negated amounts and the line it takes back).
pub(crate) struct LineRow<'a> {
    pub line_no: i64,
    pub kind: &'a str,
    pub item_id: &'a str,
    pub name: &'a str,
    pub qty: i64,
    pub unit_price: i64,
    /// What a campaign's member price took off (`campaign_id` gave it).
    pub campaign_discount: i64,
    pub campaign_id: Option<&'a str>,
    pub tier_discount: i64,
    pub coupon_discount: i64,
    pub manual_discount: i64,
    pub amount: i64,
    pub original_line_id: Option<&'a str>,
    pub staff: &'a [(StaffId, i64)],
}

/// One tender row as written (negative on a refund).
pub(crate) struct TenderRow<'a> {
    pub kind: &'a str,
    pub amount: i64,
    pub reference: Option<&'a str>,
    pub last4: Option<&'a str>,
    pub points: Option<i64>,
}

/// A package a sale line bought (it takes the line's id).
pub(crate) struct PackageRow<'a> {
    pub id: &'a str,
    pub member: MemberId,
    pub plan_id: &'a str,
    pub service_id: &'a str,
    pub name: &'a str,
    pub expires_on: NaiveDate,
    pub sessions: i64,
}

impl LedgerRows {
    pub fn new(sale_id: &str, now: &str) -> Self {
        LedgerRows {
            sale_id: sale_id.into(),
            now: now.into(),
            entries: Vec::new(),
            lines: Vec::new(),
            tenders: Vec::new(),
            packages: Vec::new(),
        }
    }

    /// Every ledger entry, for the operation's `ledger`.
    pub fn entries(&self) -> &[Value] {
        &self.entries
    }

    /// The lines with their ids and credited staff, for the operation's `lines`.
    pub fn lines(&self) -> &[Value] {
        &self.lines
    }

    /// The tender rows with their ids, for the operation's `tenders`.
    pub fn tenders(&self) -> &[Value] {
        &self.tenders
    }

    /// Packages bought, for the operation's `packages`.
    pub fn packages(&self) -> &[Value] {
        &self.packages
    }

    /// Inserts a sale line and its credited staff; returns the line's id.
    pub fn line(&mut self, w: &Writer<'_>, l: &LineRow<'_>) -> Result<String> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, qty, unit_price, tier_discount,
                                     coupon_discount, manual_discount, amount, original_line_id,
                                     campaign_discount, campaign_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            id,
            self.sale_id,
            l.line_no,
            l.kind,
            l.item_id,
            l.name,
            l.qty,
            l.unit_price,
            l.tier_discount,
            l.coupon_discount,
            l.manual_discount,
            l.amount,
            l.original_line_id,
            l.campaign_discount,
            l.campaign_id
        ])?;
        let mut stmt = w.prepare_cached(
            "INSERT INTO sale_line_staff (sale_line_id, staff_id, share_bp) VALUES (?1, ?2, ?3)",
        )?;
        for (staff, share) in l.staff {
            stmt.execute(params![id, staff, share])?;
        }
        let staff: Vec<Value> = l
            .staff
            .iter()
            .map(|(s, share)| json!({ "staffId": s, "shareBp": share }))
            .collect();
        let mut line = json!({
            "id": id, "lineNo": l.line_no, "kind": l.kind, "itemId": l.item_id, "name": l.name,
            "qty": l.qty, "unitPrice": l.unit_price, "tierDiscount": l.tier_discount,
            "couponDiscount": l.coupon_discount, "manualDiscount": l.manual_discount,
            "amount": l.amount, "originalLineId": l.original_line_id, "staff": staff,
        });
        // Only on a line sold at a member price: every other line reads as before.
        if l.campaign_discount != 0 {
            line["campaignDiscount"] = json!(l.campaign_discount);
            line["campaignId"] = json!(l.campaign_id);
        }
        self.lines.push(line);
        Ok(id)
    }

    pub fn tender(&mut self, w: &Writer<'_>, t: &TenderRow<'_>) -> Result<()> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO sale_tenders (id, sale_id, tender_no, kind, amount, reference, card_last4, points)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            id,
            self.sale_id,
            // 1, 2, … in the order given (the wire keeps it as the array's order).
            self.tenders.len() as i64 + 1,
            t.kind,
            t.amount,
            t.reference,
            t.last4,
            t.points
        ])?;
        self.tenders.push(json!({
            "id": id, "kind": t.kind, "amount": t.amount, "reference": t.reference,
            "last4": t.last4, "points": t.points,
        }));
        Ok(())
    }

    pub fn package_bought(&mut self, w: &Writer<'_>, k: &PackageRow<'_>) -> Result<()> {
        w.prepare_cached(
            "INSERT INTO packages (id, member_id, plan_id, service_id, name, expires_on, sale_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            k.id,
            k.member,
            k.plan_id,
            k.service_id,
            k.name,
            k.expires_on.to_string(),
            self.sale_id,
            self.now
        ])?;
        self.packages.push(json!({
            "id": k.id, "memberId": k.member, "planId": k.plan_id, "serviceId": k.service_id,
            "name": k.name, "expiresOn": k.expires_on, "sessions": k.sessions,
        }));
        Ok(())
    }

    /// One commission row (a refund takes back each staff member's exactly).
    pub fn commission_row(
        &mut self,
        w: &Writer<'_>,
        staff: StaffId,
        line_id: &str,
        amount: i64,
    ) -> Result<()> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO commission_ledger (id, staff_id, sale_id, sale_line_id, amount, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, staff, self.sale_id, line_id, amount, self.now])?;
        self.entries.push(json!({ "ledger": "commission", "id": id, "staffId": staff, "lineId": line_id, "amount": amount }));
        Ok(())
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

    /// One free service used (-1) or given back (+1) on sale line `line_id`.
    #[allow(clippy::too_many_arguments)]
    pub fn free_service(
        &mut self,
        w: &Writer<'_>,
        member: MemberId,
        service: &str,
        period: &str,
        line_id: &str,
        delta: i64,
        reason: &str,
    ) -> Result<()> {
        let id = Self::id(w);
        w.prepare_cached(
            "INSERT INTO free_service_ledger (id, member_id, service_id, period, sale_id, sale_line_id, delta, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![id, member, service, period, self.sale_id, line_id, delta, reason, self.now])?;
        self.entries.push(json!({ "ledger": "free_service", "id": id, "memberId": member, "serviceId": service,
                                  "period": period, "lineId": line_id, "delta": delta, "reason": reason }));
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
            "INSERT INTO stock_moves (id, product_id, qty, reason, created_at, ref_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, product_id, qty, reason, self.now, self.sale_id])?;
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
        let amounts = commission_split(p)?;
        for ((staff, _), amount) in p.line.staff.iter().zip(amounts) {
            if amount != 0 {
                self.commission_row(w, *staff, line_id, sign * amount)?;
            }
        }
        Ok(())
    }
}

/// The line's commission (on what it earned: its amount, or a redeemed session's
/// value), split across the credited staff: each earns her rate on her share.
/// The line's total is rounded down once and then allocated by share × rate,
/// so the parts add up to it to the fen; when every rate is the item's, this
/// is the item's rate on the line split by share, as before staff had rates.
pub(crate) fn commission_split(p: &PricedLine) -> Result<Vec<i64>> {
    // A redeemed session or free service costs 0 but was served: commission
    // is paid on its value.
    let base = if p.line.kind == super::pricing::LineKind::PackageRedemption
        || p.line.free_period.is_some()
    {
        checked::mul(p.line.commission_unit.fen(), p.line.qty, "qty")?
    } else {
        p.amount.fen()
    };
    // Shares and rates are at most 10,000 bp each: a weight fits an i64.
    let weights: Vec<i64> = p
        .line
        .staff
        .iter()
        .enumerate()
        .map(|(i, (_, share))| {
            let bp = p.line.staff_bp.get(i).copied();
            share * bp.unwrap_or(p.line.commission_bp)
        })
        .collect();
    let shares: i128 = p.line.staff.iter().map(|(_, s)| i128::from(*s)).sum();
    let weighted: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    let total = i128::from(base) * weighted / (shares.max(1) * 10_000);
    let total = i64::try_from(total).map_err(|_| crate::CoreError::AmountTooLarge {
        field: "commission",
    })?;
    Ok(super::allocate::allocate(total, &weights))
}

/// The sale line a priced cart line becomes.
pub(crate) fn line_row<'a>(index: usize, p: &'a PricedLine) -> LineRow<'a> {
    LineRow {
        line_no: index as i64 + 1,
        kind: p.line.kind.as_str(),
        item_id: &p.line.item_id,
        name: &p.line.name,
        qty: p.line.qty,
        unit_price: p.line.unit_price.fen(),
        campaign_discount: p.campaign_discount.fen(),
        campaign_id: p.campaign_id.as_deref(),
        tier_discount: p.tier_discount.fen(),
        coupon_discount: p.coupon_discount.fen(),
        manual_discount: p.manual_discount.fen(),
        amount: p.amount.fen(),
        original_line_id: None,
        staff: &p.line.staff,
    }
}

/// The tender row a cart tender becomes (points are worth `point_value_fen` each).
pub(crate) fn tender_row(t: &Tender, point_value_fen: i64) -> TenderRow<'_> {
    let (amount, reference, last4, points): (i64, Option<&str>, Option<&str>, Option<i64>) = match t
    {
        Tender::Cash { amount } | Tender::StoredValue { amount } => {
            (amount.fen(), None, None, None)
        }
        Tender::BankCard {
            amount,
            reference,
            last4,
        } => (amount.fen(), Some(reference.trim()), Some(last4), None),
        Tender::WechatPay { amount, reference } | Tender::Alipay { amount, reference } => {
            (amount.fen(), Some(reference.trim()), None, None)
        }
        Tender::Points { points } => (points * point_value_fen, None, None, Some(*points)),
    };
    TenderRow {
        kind: t.kind(),
        amount,
        reference,
        last4,
        points,
    }
}
