//! The members sheet: one row per member on the books (archived and merged
//! records left out), with her balances summed from the ledgers as the desk
//! sums them. Phone, skin type, allergies and notes follow `Visibility`.
//!
//! Stored value is shown as principal and bonus: a payment is taken from the
//! principal first (the bonus is what a refund voids, so it is counted as
//! spent last); principal + bonus is the balance.

use super::table::{Cell, Output};
use super::words::{code, heads, pick, yes_no};
use super::Ctx;
use crate::money::Money;
use crate::types::Phone;
use crate::Result;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

const HEADS: &[(&str, &str)] = &[
    ("会员卡号", "Member no."),
    ("姓名", "Name"),
    ("手机", "Phone"),
    ("性别", "Gender"),
    ("生日", "Birthday"),
    ("会员等级", "Tier"),
    ("积分", "Points"),
    ("储值本金", "Stored value (principal)"),
    ("赠送金额", "Stored value (bonus)"),
    ("次卡剩余次数", "Package sessions left"),
    ("入会时间", "Joined"),
    ("最近到店", "Last visit"),
    ("标签", "Tags"),
    ("营销授权", "Marketing consent"),
];

const SENSITIVE_HEADS: &[(&str, &str)] = &[
    ("肤质", "Skin type"),
    ("过敏史", "Allergies"),
    ("备注", "Notes"),
];

/// The members written: all on the books, or a segment's (`Ctx::segment`),
/// as a condition on `m` and its values (numbered from ?1).
fn which(ctx: &Ctx) -> (String, Vec<Value>) {
    match ctx.segment {
        Some(w) => (
            format!(
                "m.rid IN (SELECT s.rid FROM member_summary s WHERE {})",
                w.sql
            ),
            w.values.clone(),
        ),
        None => (
            "m.archived_at IS NULL AND m.merged_into IS NULL".into(),
            Vec::new(),
        ),
    }
}

pub(crate) fn count(ctx: &Ctx) -> Result<u64> {
    let (cond, values) = which(ctx);
    Ok(ctx.conn.query_row(
        &format!("SELECT count(*) FROM members m WHERE {cond}"),
        params_from_iter(values.iter()),
        |r| r.get(0),
    )?)
}

pub(crate) fn write(ctx: &mut Ctx, out: &mut Output) -> Result<()> {
    let lang = ctx.lang;
    let mut headers = heads(lang, HEADS);
    if ctx.vis.sensitive {
        headers.extend(heads(lang, SENSITIVE_HEADS));
    }
    out.sheet(None, pick(lang, "会员", "Members"), &headers)?;
    // Each balance is read by the member's key (the ledgers are clustered
    // on member_id); packages count only those not yet expired. The bonus
    // part is the rule of the liability report (`report_liability_days`'s
    // trigger): bonus given (at a top-up or brought in by the import) less
    // voided, at most the balance.
    let (cond, mut values) = which(ctx);
    let today_at = values.len() + 1;
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT m.member_no, m.name, m.phone, m.gender, m.birthday, m.tier,
                (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE member_id = m.id),
                (SELECT coalesce(sum(delta), 0) FROM stored_value_ledger WHERE member_id = m.id),
                (SELECT coalesce(sum(delta), 0) FROM stored_value_ledger
                  WHERE member_id = m.id
                    AND (reason = 'bonus' OR reason = 'void_bonus' OR reason = 'opening_bonus')),
                (SELECT coalesce(sum(l.delta), 0) FROM packages p
                   JOIN package_ledger l ON l.package_id = p.id
                  WHERE p.member_id = m.id AND p.expires_on >= ?{today_at}),
                m.registered_at, m.last_visit_at, m.tags, m.consent_marketing,
                m.skin_type, m.allergies, m.notes
         FROM members m
         WHERE {cond}
         ORDER BY m.rid"
    ))?;
    values.push(Value::Text(ctx.today.format("%Y-%m-%d").to_string()));
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    while let Some(r) = rows.next()? {
        let phone: String = r.get(2)?;
        let phone = Phone::from_stored(phone);
        let phone = if ctx.vis.full_phone {
            phone.display()
        } else {
            phone.masked()
        };
        let balance: i64 = r.get(7)?;
        let bonus_got: i64 = r.get(8)?;
        let bonus = bonus_got.clamp(0, balance.max(0));
        let tags: String = r.get(12)?;
        let tags: Vec<String> = serde_json::from_str(&tags).unwrap_or_default();
        let mut cells = vec![
            Cell::Text(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::Text(phone),
            opt_code(ctx, r.get(3)?),
            Cell::date_of(r.get::<_, Option<String>>(4)?.as_deref()),
            Cell::Text(code(lang, &r.get::<_, String>(5)?)),
            Cell::Int(r.get(6)?),
            Cell::Money(Money(balance - bonus)),
            Cell::Money(Money(bonus)),
            Cell::Int(r.get(9)?),
            Cell::time_of(r.get::<_, Option<String>>(10)?.as_deref()),
            Cell::time_of(r.get::<_, Option<String>>(11)?.as_deref()),
            Cell::Text(tags.join(pick(lang, "、", ", "))),
            Cell::text(yes_no(lang, r.get::<_, i64>(13)? != 0)),
        ];
        if ctx.vis.sensitive {
            cells.push(opt_code(ctx, r.get(14)?));
            cells.push(Cell::Text(r.get(15)?));
            cells.push(Cell::Text(r.get(16)?));
        }
        out.row(&cells)?;
        ctx.tick();
    }
    Ok(())
}

fn opt_code(ctx: &Ctx, value: Option<String>) -> Cell {
    match value {
        Some(v) => Cell::Text(code(ctx.lang, &v)),
        None => Cell::Empty,
    }
}
