//! Reading a written sale back: for the receipt, a reprint, the refund screen
//! and the member's history. Lines say whether they have been refunded, so
//! the desk never offers a line twice.

use crate::ids::MemberId;
use crate::member::Tier;
use crate::money::Money;
use crate::store::Store;
use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleRecord {
    pub id: String,
    pub receipt_no: String,
    /// "sale", "refund" or "void".
    pub kind: String,
    pub original_sale_id: Option<String>,
    pub original_receipt_no: Option<String>,
    /// The shift it was written in (a void needs the open one).
    pub shift_id: Option<String>,
    pub member_id: Option<MemberId>,
    pub member_name: Option<String>,
    pub member_no: Option<String>,
    pub member_tier: Option<Tier>,
    pub cashier_name: String,
    pub created_at: String,
    pub business_date: String,
    pub coupon_code: Option<String>,
    pub subtotal: Money,
    pub discount_total: Money,
    pub total: Money,
    pub change: Money,
    /// Points this record wrote (earned, or taken back by a refund), not
    /// counting points spent as a tender.
    pub points_earned: i64,
    pub lines: Vec<SaleLineRecord>,
    pub tenders: Vec<SaleTenderRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleLineRecord {
    pub id: String,
    /// "service", "product", "package_purchase", "top_up", "package_redemption".
    pub kind: String,
    pub name: String,
    pub qty: i64,
    pub unit_price: Money,
    /// A campaign's member price: what it took off the list price.
    pub campaign_discount: Money,
    pub tier_discount: Money,
    pub coupon_discount: Money,
    pub manual_discount: Money,
    pub amount: Money,
    pub staff: Vec<String>,
    /// A refund or void already took this line back.
    pub refunded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleTenderRecord {
    pub kind: String,
    pub amount: Money,
    pub reference: Option<String>,
    pub card_last4: Option<String>,
    pub points: Option<i64>,
}

impl SaleLineRecord {
    pub fn discount(&self) -> Money {
        self.campaign_discount + self.tier_discount + self.coupon_discount + self.manual_discount
    }
}

/// One row of a sales list: enough to find the sale to refund or reprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleSummary {
    pub id: String,
    pub receipt_no: String,
    pub kind: String,
    pub member_name: Option<String>,
    pub total: Money,
    pub created_at: String,
    /// Every line already refunded (or the sale voided).
    pub fully_refunded: bool,
}

const HEAD: &str =
    "SELECT s.id, s.receipt_no, s.kind, s.original_sale_id, o.receipt_no, s.member_id,
        m.name, m.member_no, m.tier, c.name, s.created_at, s.business_date, s.coupon_code,
        s.subtotal, s.discount_total, s.total, s.change_given, s.shift_id
    FROM sales s
    JOIN staff c ON c.id = s.cashier_id
    LEFT JOIN members m ON m.id = s.member_id
    LEFT JOIN sales o ON o.id = s.original_sale_id";

fn head(r: &Row<'_>) -> rusqlite::Result<SaleRecord> {
    let tier: Option<String> = r.get(8)?;
    Ok(SaleRecord {
        id: r.get(0)?,
        receipt_no: r.get(1)?,
        kind: r.get(2)?,
        original_sale_id: r.get(3)?,
        original_receipt_no: r.get(4)?,
        shift_id: r.get(17)?,
        member_id: r.get(5)?,
        member_name: r.get(6)?,
        member_no: r.get(7)?,
        member_tier: tier.and_then(|t| Tier::parse(&t).ok()),
        cashier_name: r.get(9)?,
        created_at: r.get(10)?,
        business_date: r.get(11)?,
        coupon_code: r.get(12)?,
        subtotal: Money(r.get(13)?),
        discount_total: Money(r.get(14)?),
        total: Money(r.get(15)?),
        change: Money(r.get(16)?),
        points_earned: 0,
        lines: Vec::new(),
        tenders: Vec::new(),
    })
}

fn lines(conn: &Connection, sale_id: &str) -> Result<Vec<SaleLineRecord>> {
    let mut lines: Vec<SaleLineRecord> = conn
        .prepare_cached(
            "SELECT l.id, l.kind, l.name, l.qty, l.unit_price,
                    l.tier_discount, l.coupon_discount, l.manual_discount, l.amount,
                    EXISTS (SELECT 1 FROM sale_lines r WHERE r.original_line_id = l.id),
                    l.campaign_discount
             FROM sale_lines l WHERE l.sale_id = ?1 ORDER BY l.line_no",
        )?
        .query_map([sale_id], |r| {
            Ok(SaleLineRecord {
                id: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
                qty: r.get(3)?,
                unit_price: Money(r.get(4)?),
                tier_discount: Money(r.get(5)?),
                coupon_discount: Money(r.get(6)?),
                manual_discount: Money(r.get(7)?),
                amount: Money(r.get(8)?),
                staff: Vec::new(),
                refunded: r.get(9)?,
                campaign_discount: Money(r.get(10)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut staff = conn.prepare_cached(
        "SELECT t.name FROM sale_line_staff x JOIN staff t ON t.id = x.staff_id
         WHERE x.sale_line_id = ?1 ORDER BY x.share_bp DESC, t.name",
    )?;
    for line in &mut lines {
        line.staff = staff
            .query_map([&line.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(lines)
}

fn tenders(conn: &Connection, sale_id: &str) -> Result<Vec<SaleTenderRecord>> {
    Ok(conn
        .prepare_cached(
            "SELECT kind, amount, reference, card_last4, points FROM sale_tenders
             WHERE sale_id = ?1 ORDER BY tender_no",
        )?
        .query_map([sale_id], |r| {
            Ok(SaleTenderRecord {
                kind: r.get(0)?,
                amount: Money(r.get(1)?),
                reference: r.get(2)?,
                card_last4: r.get(3)?,
                points: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn load_sale(conn: &Connection, id: &str) -> Result<SaleRecord> {
    let mut sale = conn
        .prepare_cached(&format!("{HEAD} WHERE s.id = ?1"))?
        .query_row([id], head)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "sale" })?;
    sale.lines = lines(conn, id)?;
    sale.tenders = tenders(conn, id)?;
    sale.points_earned = conn
        .prepare_cached(
            // Among the member's rows (the ledger is stored by member).
            "SELECT COALESCE(SUM(delta), 0) FROM points_ledger
             WHERE member_id = (SELECT member_id FROM sales WHERE id = ?1)
               AND sale_id = ?1 AND reason IN ('earn', 'reverse_earn')",
        )?
        .query_row([id], |r| r.get(0))?;
    Ok(sale)
}

impl Store {
    /// A written sale, refund or void, with its lines and tenders.
    pub fn sale(&self, id: &str) -> Result<SaleRecord> {
        load_sale(self.conn(), id)
    }

    /// A sale by the number printed on its receipt (as the client hands it back).
    pub fn sale_by_receipt_no(&self, receipt_no: &str) -> Result<SaleRecord> {
        let id: String = self
            .conn()
            .prepare_cached("SELECT id FROM sales WHERE receipt_no = ?1")?
            .query_row([receipt_no.trim()], |r| r.get(0))
            .optional()?
            .ok_or(CoreError::NotFound { entity: "sale" })?;
        self.sale(&id)
    }

    /// The newest sales, refunds and voids, of one member or of the whole device.
    pub fn recent_sales(&self, member: Option<MemberId>, limit: usize) -> Result<Vec<SaleSummary>> {
        let sql = "SELECT s.id, s.receipt_no, s.kind, m.name, s.total, s.created_at,
                    s.kind = 'sale' AND NOT EXISTS (
                        SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND NOT EXISTS (
                            SELECT 1 FROM sale_lines r WHERE r.original_line_id = l.id))
             FROM sales s LEFT JOIN members m ON m.id = s.member_id
             WHERE (?1 IS NULL OR s.member_id = ?1)
             ORDER BY s.created_at DESC, s.receipt_no DESC LIMIT ?2";
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_map(rusqlite::params![member, limit as i64], |r| {
                Ok(SaleSummary {
                    id: r.get(0)?,
                    receipt_no: r.get(1)?,
                    kind: r.get(2)?,
                    member_name: r.get(3)?,
                    total: Money(r.get(4)?),
                    created_at: r.get(5)?,
                    fully_refunded: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
