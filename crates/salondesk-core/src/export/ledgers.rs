//! The ledgers in a period, a sheet each: stored value, points and package
//! sessions. Each entry shows its kind, its amount, the balance right after
//! it (a running sum over the whole ledger of that member or package, so an
//! entry's balance counts what came before the period too), the member and
//! the receipt it belongs to.

use super::sales::text;
use super::table::{Cell, Output};
use super::words::{code, heads, pick};
use super::Ctx;
use crate::money::Money;
use crate::Result;

const SV_HEADS: &[(&str, &str)] = &[
    ("时间", "Time"),
    ("会员卡号", "Member no."),
    ("类型", "Kind"),
    ("金额", "Amount"),
    ("变动后余额", "Balance after"),
    ("单号", "Receipt no."),
];

const POINTS_HEADS: &[(&str, &str)] = &[
    ("时间", "Time"),
    ("会员卡号", "Member no."),
    ("类型", "Kind"),
    ("积分", "Points"),
    ("变动后积分", "Balance after"),
    ("单号", "Receipt no."),
];

const PACKAGE_HEADS: &[(&str, &str)] = &[
    ("时间", "Time"),
    ("会员卡号", "Member no."),
    ("次卡", "Package"),
    ("类型", "Kind"),
    ("次数", "Sessions"),
    ("剩余次数", "Sessions left after"),
    ("单号", "Receipt no."),
];

/// The entries of `table` in the period with their running balance per
/// `key` (member or package). Entries of one instant keep the order their
/// sales were written in (the sale's rowid: ids are random within a
/// millisecond), then a top-up before its bonus, then by id.
fn sql(table: &str, key: &str) -> String {
    format!(
        "SELECT e.created_at, e.reason, e.delta, e.after, e.{key}, e.receipt_no
         FROM (SELECT l.created_at, l.reason, l.delta, l.{key}, x.receipt_no,
                      sum(l.delta) OVER (PARTITION BY l.{key} ORDER BY {ORDER}) AS after,
                      row_number() OVER (ORDER BY {ORDER}) AS n
               FROM {table} l LEFT JOIN sales x ON x.id = l.sale_id) e
         WHERE e.created_at >= ?1 AND e.created_at < ?2
         ORDER BY e.n"
    )
}

const ORDER: &str = "l.created_at, x.rowid,
    CASE l.reason WHEN 'top_up' THEN 0 WHEN 'bonus' THEN 1 ELSE 2 END, l.id";

pub(crate) fn count(ctx: &Ctx) -> Result<u64> {
    let mut n = 0;
    for table in ["stored_value_ledger", "points_ledger", "package_ledger"] {
        n += ctx.conn.query_row::<u64, _, _>(
            &format!("SELECT count(*) FROM {table} WHERE created_at >= ?1 AND created_at < ?2"),
            [&ctx.start, &ctx.end],
            |r| r.get(0),
        )?;
    }
    Ok(n)
}

pub(crate) fn write(ctx: &mut Ctx, out: &mut Output) -> Result<()> {
    let lang = ctx.lang;
    let mut member_no = ctx
        .conn
        .prepare("SELECT member_no FROM members WHERE id = ?1")?;
    let mut package = ctx
        .conn
        .prepare("SELECT p.name, m.member_no FROM packages p JOIN members m ON m.id = p.member_id WHERE p.id = ?1")?;

    for (key, title, money, table) in [
        (
            "stored-value",
            pick(lang, "储值流水", "Stored value"),
            true,
            "stored_value_ledger",
        ),
        (
            "points",
            pick(lang, "积分流水", "Points"),
            false,
            "points_ledger",
        ),
    ] {
        let head = if money { SV_HEADS } else { POINTS_HEADS };
        out.sheet(Some(key), title, &heads(lang, head))?;
        let mut stmt = ctx.conn.prepare(&sql(table, "member_id"))?;
        let mut rows = stmt.query([&ctx.start, &ctx.end])?;
        while let Some(r) = rows.next()? {
            let amount = |fen: i64| {
                if money {
                    Cell::Money(Money(fen))
                } else {
                    Cell::Int(fen)
                }
            };
            let member: String = r.get(4)?;
            let no: Option<String> = member_no.query_row([&member], |r| r.get(0)).ok();
            out.row(&[
                Cell::time_of(Some(&r.get::<_, String>(0)?)),
                text(no),
                Cell::Text(code(lang, &r.get::<_, String>(1)?)),
                amount(r.get(2)?),
                amount(r.get(3)?),
                text(r.get(5)?),
            ])?;
            ctx.tick();
        }
    }

    out.sheet(
        Some("packages"),
        pick(lang, "次卡流水", "Package sessions"),
        &heads(lang, PACKAGE_HEADS),
    )?;
    let mut stmt = ctx.conn.prepare(&sql("package_ledger", "package_id"))?;
    let mut rows = stmt.query([&ctx.start, &ctx.end])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(4)?;
        let (name, no): (Option<String>, Option<String>) = package
            .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap_or((None, None));
        out.row(&[
            Cell::time_of(Some(&r.get::<_, String>(0)?)),
            text(no),
            text(name),
            Cell::Text(code(lang, &r.get::<_, String>(1)?)),
            Cell::Int(r.get(2)?),
            Cell::Int(r.get(3)?),
            text(r.get(5)?),
        ])?;
        ctx.tick();
    }
    Ok(())
}
