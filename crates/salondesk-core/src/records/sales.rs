//! The sales list an owner filters: a period, a member, a staff member (as
//! credited on a line, or as cashier), an item (one service or product, or
//! a kind of line) and a payment method, newest first, with totals of
//! everything the filter selects (not only the page shown).
//!
//! The period's sales are read by time (`sales_time`, or `sales_member` for
//! one member); every other condition is an `EXISTS` over that sale's own
//! rows (lines, tenders, credited staff), each read by the sale's key. A
//! salon writes some hundreds of sales a day, so a year is a short range.

use super::{before, Cursor, Period, MAX_PAGE};
use crate::ids::{MemberId, StaffId};
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

/// The payment methods a sale can be filtered by: the tenders, and
/// `package` (a session of a package redeemed: paid before, not now).
pub const PAYMENT_METHODS: &[&str] = &[
    "cash",
    "bank_card",
    "wechat_pay",
    "alipay",
    "stored_value",
    "points",
    "package",
];

/// Which sales a staff member filter selects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffMatch {
    /// Credited on a line (served or sold it): her refunds follow the line.
    #[default]
    Credited,
    /// Took the money at the till.
    Cashier,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SalesFilter {
    pub period: Period,
    pub member: Option<MemberId>,
    pub staff: Option<StaffId>,
    pub staff_as: StaffMatch,
    /// One service, product or plan by id.
    pub item_id: Option<String>,
    /// A kind of line: service, product, package_purchase, top_up, package_redemption.
    pub item_kind: Option<String>,
    /// One of `PAYMENT_METHODS`.
    pub payment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleRow {
    /// Its place in this till's table (the paging key after its time).
    pub seq: i64,
    pub id: String,
    pub receipt_no: String,
    /// "sale", "refund" or "void".
    pub kind: String,
    pub created_at: String,
    pub member_name: Option<String>,
    pub cashier_name: String,
    /// Staff credited on its lines.
    pub staff_names: Vec<String>,
    /// Its payment methods, in the order given.
    pub payments: Vec<String>,
    pub total: Money,
    pub fully_refunded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenderTotal {
    pub kind: String,
    pub amount: Money,
}

/// Totals of every sale the filter selects. Refunds and voids count with
/// their negative amounts, so `net` is what the period kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SalesTotals {
    pub sales: i64,
    pub refunds: i64,
    pub net: Money,
    /// Per payment method (refunds net off); methods not used are left out.
    pub by_payment: Vec<TenderTotal>,
    /// Package sessions redeemed (less those given back).
    pub package_sessions: i64,
    /// With an item filter: what the matching lines alone came to.
    pub item_amount: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SalesPage {
    pub rows: Vec<SaleRow>,
    pub next: Option<Cursor>,
}

const LINE_KINDS: &[&str] = &[
    "service",
    "product",
    "package_purchase",
    "top_up",
    "package_redemption",
];

/// The filter as SQL conditions on `s` (the sales row) and their arguments.
fn conditions(f: &SalesFilter, start: String, end: String) -> Result<(String, Vec<Value>)> {
    let mut sql = String::from("s.created_at >= ?1 AND s.created_at < ?2");
    let mut args: Vec<Value> = vec![start.into(), end.into()];
    let mut push = |sql: &mut String, cond: &str, v: String| {
        args.push(v.into());
        *sql += &cond.replace("?#", &format!("?{}", args.len()));
    };
    if let Some(m) = f.member {
        push(&mut sql, " AND s.member_id = ?#", m.to_string());
    }
    match (f.staff, f.staff_as) {
        (Some(st), StaffMatch::Cashier) => push(&mut sql, " AND s.cashier_id = ?#", st.to_string()),
        (Some(st), StaffMatch::Credited) => push(
            &mut sql,
            // A refund line names its original line, whose staff it reverses.
            " AND EXISTS (SELECT 1 FROM sale_lines l JOIN sale_line_staff x
                 ON x.sale_line_id = coalesce(l.original_line_id, l.id)
                 WHERE l.sale_id = s.id AND x.staff_id = ?#)",
            st.to_string(),
        ),
        (None, _) => {}
    }
    if let Some(item) = f.item_id.as_deref().filter(|i| !i.is_empty()) {
        push(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND l.item_id = ?#)",
            item.to_owned(),
        );
    }
    if let Some(kind) = f.item_kind.as_deref().filter(|k| !k.is_empty()) {
        if !LINE_KINDS.contains(&kind) {
            return Err(CoreError::validation(
                "itemKind",
                format!("unknown kind of line {kind:?}"),
            ));
        }
        push(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND l.kind = ?#)",
            kind.to_owned(),
        );
    }
    match f.payment.as_deref().filter(|p| !p.is_empty()) {
        None => {}
        Some(p) if !PAYMENT_METHODS.contains(&p) => {
            return Err(CoreError::validation(
                "payment",
                format!("unknown payment method {p:?}"),
            ))
        }
        Some("package") => {
            sql += " AND EXISTS (SELECT 1 FROM sale_lines l
                 WHERE l.sale_id = s.id AND l.kind = 'package_redemption')"
        }
        Some(p) => push(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM sale_tenders t WHERE t.sale_id = s.id AND t.kind = ?#)",
            p.to_owned(),
        ),
    }
    Ok((sql, args))
}

fn split(list: Option<String>) -> Vec<String> {
    list.map(|l| l.split('\u{1f}').map(str::to_owned).collect())
        .unwrap_or_default()
}

impl Store {
    /// Sales of today are everyone's (the desk finds one to refund or
    /// reprint); any other period needs `ViewRecords`.
    fn may_list(&self, actor: &Staff, f: &SalesFilter) -> Result<(String, String)> {
        let cfg = self.checkout_settings()?;
        if f.period.within(cfg.business_date(self.now())) {
            actor.require(Permission::Sell)?;
        } else {
            actor.require(Permission::ViewRecords)?;
        }
        f.period.instants(&cfg)
    }

    /// A page of the sales `filter` selects, newest first, after `cursor`.
    pub fn sales_list(
        &self,
        actor: &Staff,
        filter: &SalesFilter,
        cursor: Option<&Cursor>,
        limit: usize,
    ) -> Result<SalesPage> {
        let (start, end) = self.may_list(actor, filter)?;
        let limit = limit.clamp(1, MAX_PAGE);
        let (cond, mut args) = conditions(filter, start, end)?;
        let (at, id) = before(cursor);
        args.extend([
            Value::from(at),
            Value::from(id),
            Value::from(limit as i64 + 1),
        ]);
        let n = args.len();
        let sql = format!(
            "SELECT s.rowid, s.id, s.receipt_no, s.kind, s.created_at, m.name, c.name, s.total,
                s.kind = 'sale' AND NOT EXISTS (
                    SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND NOT EXISTS (
                        SELECT 1 FROM sale_lines r WHERE r.original_line_id = l.id)),
                (SELECT group_concat(name, char(31)) FROM (SELECT DISTINCT t.name
                    FROM sale_lines l JOIN sale_line_staff x
                      ON x.sale_line_id = coalesce(l.original_line_id, l.id)
                    JOIN staff t ON t.id = x.staff_id WHERE l.sale_id = s.id)),
                (SELECT group_concat(kind, char(31)) FROM (SELECT kind FROM sale_tenders
                    WHERE sale_id = s.id ORDER BY tender_no))
             FROM sales s
             JOIN staff c ON c.id = s.cashier_id
             LEFT JOIN members m ON m.id = s.member_id
             WHERE {cond} AND (s.created_at, s.rowid) < (?{}, ?{})
             ORDER BY s.created_at DESC, s.rowid DESC LIMIT ?{n}",
            n - 2,
            n - 1
        );
        let mut rows: Vec<SaleRow> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok(SaleRow {
                    seq: r.get(0)?,
                    id: r.get(1)?,
                    receipt_no: r.get(2)?,
                    kind: r.get(3)?,
                    created_at: r.get(4)?,
                    member_name: r.get(5)?,
                    cashier_name: r.get(6)?,
                    total: Money(r.get(7)?),
                    fully_refunded: r.get(8)?,
                    staff_names: split(r.get(9)?),
                    payments: split(r.get(10)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|s| Cursor {
                at: s.created_at.clone(),
                seq: s.seq,
            })
        } else {
            None
        };
        Ok(SalesPage { rows, next })
    }

    /// Totals of every sale `filter` selects.
    pub fn sales_totals(&self, actor: &Staff, filter: &SalesFilter) -> Result<SalesTotals> {
        let (start, end) = self.may_list(actor, filter)?;
        let (cond, args) = conditions(filter, start, end)?;
        let c = self.conn();
        let params = || rusqlite::params_from_iter(args.iter());
        let (sales, refunds, net): (i64, i64, i64) = c
            .prepare_cached(&format!(
                "SELECT count(CASE WHEN s.kind = 'sale' THEN 1 END),
                        count(CASE WHEN s.kind <> 'sale' THEN 1 END), coalesce(sum(s.total), 0)
                 FROM sales s WHERE {cond}"
            ))?
            .query_row(params(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| crate::money::checked::sql(e, "sales"))?;
        let by_payment = c
            .prepare_cached(&format!(
                "SELECT t.kind, sum(t.amount) FROM sales s JOIN sale_tenders t ON t.sale_id = s.id
                 WHERE {cond} GROUP BY t.kind"
            ))?
            .query_map(params(), |r| {
                Ok(TenderTotal {
                    kind: r.get(0)?,
                    amount: Money(r.get(1)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| crate::money::checked::sql(e, "sales"))?;
        let package_sessions: i64 = c
            .prepare_cached(&format!(
                "SELECT coalesce(sum(l.qty), 0) FROM sales s JOIN sale_lines l ON l.sale_id = s.id
                 WHERE {cond} AND l.kind = 'package_redemption'"
            ))?
            .query_row(params(), |r| r.get(0))?;
        let item_amount = match (&filter.item_id, &filter.item_kind) {
            (None, None) => None,
            (id, kind) => {
                let mut a = args.clone();
                let mut sql = format!(
                    "SELECT coalesce(sum(l.amount), 0) FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE {cond}"
                );
                if let Some(id) = id {
                    a.push(id.clone().into());
                    sql += &format!(" AND l.item_id = ?{}", a.len());
                }
                if let Some(kind) = kind {
                    a.push(kind.clone().into());
                    sql += &format!(" AND l.kind = ?{}", a.len());
                }
                let fen: i64 = c
                    .prepare_cached(&sql)?
                    .query_row(rusqlite::params_from_iter(a), |r| r.get(0))
                    .map_err(|e| crate::money::checked::sql(e, "sales"))?;
                Some(Money(fen))
            }
        };
        Ok(SalesTotals {
            sales,
            refunds,
            net: Money(net),
            by_payment,
            package_sessions,
            item_amount,
        })
    }
}
