//! Stock: what is on hand per product now, valued at cost, and the
//! movements of the period (received, sold, refunded, adjusted, with who and
//! why). A product that never moved has no `stock_levels` row: it shows 0.

use super::sales::text;
use super::table::{Cell, Output};
use super::words::{code, heads, pick};
use super::Ctx;
use crate::money::{checked, Money};
use crate::Result;

const ON_HAND_HEADS: &[(&str, &str)] = &[
    ("货号", "SKU"),
    ("条码", "Barcode"),
    ("商品", "Product"),
    ("分类", "Category"),
    ("单位", "Unit"),
    ("库存", "On hand"),
    ("成本价", "Cost"),
    ("库存成本", "Value at cost"),
    ("售价", "Price"),
    ("在售", "Active"),
];

const MOVE_HEADS: &[(&str, &str)] = &[
    ("时间", "Time"),
    ("货号", "SKU"),
    ("商品", "Product"),
    ("类型", "Kind"),
    ("原因", "Reason"),
    ("数量", "Qty"),
    ("单位成本", "Unit cost"),
    ("操作人", "Staff"),
    ("单号", "Receipt no."),
    ("备注", "Note"),
];

pub(crate) fn count(ctx: &Ctx) -> Result<u64> {
    let products: u64 = ctx
        .conn
        .query_row("SELECT count(*) FROM products", [], |r| r.get(0))?;
    let moves: u64 = ctx.conn.query_row(
        "SELECT count(*) FROM stock_moves WHERE created_at >= ?1 AND created_at < ?2",
        [&ctx.start, &ctx.end],
        |r| r.get(0),
    )?;
    Ok(products + moves)
}

pub(crate) fn write(ctx: &mut Ctx, out: &mut Output) -> Result<()> {
    let lang = ctx.lang;
    out.sheet(
        Some("on-hand"),
        pick(lang, "库存", "On hand"),
        &heads(lang, ON_HAND_HEADS),
    )?;
    let mut stmt = ctx.conn.prepare(
        "SELECT p.sku, p.barcode, p.name, p.category, p.unit, coalesce(l.on_hand, 0),
                p.cost, p.price, p.active
         FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id
         ORDER BY p.category, p.sort_order, p.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let on_hand: i64 = r.get(5)?;
        let cost: i64 = r.get(6)?;
        let value = Money(checked::mul(cost, on_hand, "valueAtCost")?);
        out.row(&[
            Cell::Text(r.get(0)?),
            text(r.get(1)?),
            Cell::Text(r.get(2)?),
            Cell::Text(r.get(3)?),
            Cell::Text(r.get(4)?),
            Cell::Int(on_hand),
            Cell::Money(Money(cost)),
            Cell::Money(value),
            Cell::Money(Money(r.get(7)?)),
            Cell::text(super::words::yes_no(lang, r.get::<_, i64>(8)? != 0)),
        ])?;
        ctx.tick();
    }
    drop(rows);

    out.sheet(
        Some("movements"),
        pick(lang, "出入库", "Stock movements"),
        &heads(lang, MOVE_HEADS),
    )?;
    let mut stmt = ctx.conn.prepare(
        "SELECT m.created_at, p.sku, p.name, m.reason, m.adjust_reason, m.qty, m.unit_cost,
                s.name, x.receipt_no, m.note
         FROM stock_moves m JOIN products p ON p.id = m.product_id
         LEFT JOIN staff s ON s.id = m.staff_id
         LEFT JOIN sales x ON x.id = m.ref_id
         WHERE m.created_at >= ?1 AND m.created_at < ?2
         ORDER BY m.created_at, m.id",
    )?;
    let mut rows = stmt.query([&ctx.start, &ctx.end])?;
    while let Some(r) = rows.next()? {
        out.row(&[
            Cell::time_of(Some(&r.get::<_, String>(0)?)),
            Cell::Text(r.get(1)?),
            Cell::Text(r.get(2)?),
            Cell::Text(code(lang, &r.get::<_, String>(3)?)),
            r.get::<_, Option<String>>(4)?
                .map_or(Cell::Empty, |c| Cell::Text(code(lang, &c))),
            Cell::Int(r.get(5)?),
            r.get::<_, Option<i64>>(6)?
                .map_or(Cell::Empty, |c| Cell::Money(Money(c))),
            text(r.get(7)?),
            text(r.get(8)?),
            Cell::Text(r.get(9)?),
        ])?;
        ctx.tick();
    }
    Ok(())
}
