//! Sales in a period, as two sheets: the lines (what was sold, to whom, by
//! whom, for how much) and the tenders (how it was paid). A refund or a void
//! is a row of its own with its kind, its negative quantities and amounts
//! (as stored) and the receipt it reverses, so a column's sum is the net the
//! records screen shows for the same days.

use super::table::{Cell, Output};
use super::words::{code, heads, pick};
use super::Ctx;
use crate::money::Money;
use crate::Result;

const LINE_HEADS: &[(&str, &str)] = &[
    ("单号", "Receipt no."),
    ("时间", "Time"),
    ("类型", "Kind"),
    ("原单号", "Original receipt"),
    ("收银员", "Cashier"),
    ("服务/销售员工", "Staff credited"),
    ("会员卡号", "Member no."),
    ("项目类型", "Item kind"),
    ("项目", "Item"),
    ("数量", "Qty"),
    ("单价", "Price"),
    ("优惠", "Discount"),
    ("金额", "Amount"),
];

const TENDER_HEADS: &[(&str, &str)] = &[
    ("单号", "Receipt no."),
    ("时间", "Time"),
    ("类型", "Kind"),
    ("原单号", "Original receipt"),
    ("收银员", "Cashier"),
    ("会员卡号", "Member no."),
    ("支付方式", "Payment method"),
    ("金额", "Amount"),
    ("积分数", "Points used"),
];

/// The sales of the period, read by time (`sales_time`).
const FROM: &str = "FROM sales s
     JOIN staff c ON c.id = s.cashier_id
     LEFT JOIN members m ON m.id = s.member_id
     LEFT JOIN sales o ON o.id = s.original_sale_id";

pub(crate) fn count(ctx: &Ctx) -> Result<u64> {
    let n = |sql: String| -> Result<u64> {
        Ok(ctx
            .conn
            .query_row(&sql, [&ctx.start, &ctx.end], |r| r.get(0))?)
    };
    let cond = "s.created_at >= ?1 AND s.created_at < ?2";
    Ok(n(format!(
        "SELECT count(*) FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE {cond}"
    ))? + n(format!(
        "SELECT count(*) FROM sales s JOIN sale_tenders t ON t.sale_id = s.id WHERE {cond}"
    ))?)
}

pub(crate) fn write(ctx: &mut Ctx, out: &mut Output) -> Result<()> {
    let lang = ctx.lang;
    out.sheet(
        Some("lines"),
        pick(lang, "消费明细", "Lines"),
        &heads(lang, LINE_HEADS),
    )?;
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT s.receipt_no, s.created_at, s.kind, o.receipt_no, c.name,
                (SELECT group_concat(e.name, ', ') FROM sale_line_staff x
                   JOIN staff e ON e.id = x.staff_id WHERE x.sale_line_id = l.id),
                m.member_no, l.kind, l.name, l.qty, l.unit_price,
                l.campaign_discount + l.tier_discount + l.coupon_discount + l.manual_discount,
                l.amount
         {FROM} JOIN sale_lines l ON l.sale_id = s.id
         WHERE s.created_at >= ?1 AND s.created_at < ?2
         ORDER BY s.created_at, s.rowid, l.line_no"
    ))?;
    let mut rows = stmt.query([&ctx.start, &ctx.end])?;
    while let Some(r) = rows.next()? {
        out.row(&[
            Cell::Text(r.get(0)?),
            Cell::time_of(Some(&r.get::<_, String>(1)?)),
            Cell::Text(code(lang, &r.get::<_, String>(2)?)),
            text(r.get(3)?),
            Cell::Text(r.get(4)?),
            text(r.get(5)?),
            text(r.get(6)?),
            Cell::Text(code(lang, &r.get::<_, String>(7)?)),
            Cell::Text(r.get(8)?),
            Cell::Int(r.get(9)?),
            Cell::Money(Money(r.get(10)?)),
            Cell::Money(Money(r.get(11)?)),
            Cell::Money(Money(r.get(12)?)),
        ])?;
        ctx.tick();
    }
    drop(rows);

    out.sheet(
        Some("tenders"),
        pick(lang, "支付明细", "Payments"),
        &heads(lang, TENDER_HEADS),
    )?;
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT s.receipt_no, s.created_at, s.kind, o.receipt_no, c.name, m.member_no,
                t.kind, t.amount, t.points
         {FROM} JOIN sale_tenders t ON t.sale_id = s.id
         WHERE s.created_at >= ?1 AND s.created_at < ?2
         ORDER BY s.created_at, s.rowid, t.tender_no"
    ))?;
    let mut rows = stmt.query([&ctx.start, &ctx.end])?;
    while let Some(r) = rows.next()? {
        out.row(&[
            Cell::Text(r.get(0)?),
            Cell::time_of(Some(&r.get::<_, String>(1)?)),
            Cell::Text(code(lang, &r.get::<_, String>(2)?)),
            text(r.get(3)?),
            Cell::Text(r.get(4)?),
            text(r.get(5)?),
            Cell::Text(code(lang, &r.get::<_, String>(6)?)),
            Cell::Money(Money(r.get(7)?)),
            r.get::<_, Option<i64>>(8)?.map_or(Cell::Empty, Cell::Int),
        ])?;
        ctx.tick();
    }
    Ok(())
}

pub(crate) fn text(v: Option<String>) -> Cell {
    v.map_or(Cell::Empty, Cell::Text)
}
