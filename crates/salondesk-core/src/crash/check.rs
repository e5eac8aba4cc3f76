//! What must hold of the files left behind by a crash, read on SQLite's plain
//! VFS (so the VFS under test is not the one judging itself).

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, OpenFlags};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What a whole database held.
#[derive(Debug, Clone, Default)]
pub struct Census {
    /// Sales (top-ups included) committed.
    pub sales: usize,
}

/// The tables a sale's operation lists its rows in, by the name the
/// operation gives them, each with its sale id (stock moves have none).
const TABLES: [(&str, &str); 8] = [
    ("lines", "sale_lines"),
    ("tenders", "sale_tenders"),
    ("points", "points_ledger"),
    ("stored_value", "stored_value_ledger"),
    ("package", "package_ledger"),
    ("commission", "commission_ledger"),
    ("drawer", "cash_drawer"),
    ("stock", "stock_moves"),
];

type Fail = String;

fn sql(e: rusqlite::Error) -> Fail {
    format!("SQLite: {e}")
}

/// What a sale's operation says it wrote (read once, when the sale is first seen).
#[derive(Debug, Clone, Default)]
struct Expected {
    /// Rows per table.
    rows: HashMap<&'static str, usize>,
    member: Option<String>,
    points_earned: i64,
}

/// Checks a database again and again as crashes change it, reading each
/// sale's operation once.
#[derive(Default)]
pub struct Checker {
    known: HashMap<String, Expected>,
    /// The key of an encrypted database (`None`: plain).
    key: Option<crate::db::DbKey>,
}

impl Checker {
    /// A checker of an encrypted database.
    pub fn keyed(key: crate::db::DbKey) -> Checker {
        Checker {
            key: Some(key),
            ..Checker::default()
        }
    }

    /// Checks the database at `db` as a crash left it: `PRAGMA
    /// integrity_check` and the foreign keys hold; every receipt in `printed`
    /// (a sale whose commit returned) is there; every sale there is whole —
    /// its lines, tenders and each ledger row its sync operation lists, no
    /// more and no fewer (row by row when the sale is new, counted after);
    /// and each balance summed from a ledger equals what the sales say
    /// (stored value and points per member, stock per product, spend per
    /// sale; the harness's sales: no refunds, adjustments or expiry).
    ///
    /// Opening recovers the WAL (into the WAL index only) but never
    /// checkpoints, so the next process finds the files as the crash left them.
    pub fn check(&mut self, db: &Path, printed: &HashSet<String>) -> Result<Census, Fail> {
        let conn =
            Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(sql)?;
        crate::db::apply_key(&conn, self.key.as_ref()).map_err(|e| e.to_string())?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sql)?;
        let integrity: Vec<String> = column(&conn, "PRAGMA integrity_check")?;
        if integrity != ["ok"] {
            return Err(format!("integrity_check: {}", integrity.join("; ")));
        }
        let dangling: Vec<String> = column(&conn, "PRAGMA foreign_key_check")?;
        if !dangling.is_empty() {
            return Err(format!("foreign keys broken in {dangling:?}"));
        }
        let sales: Vec<(String, String)> = pairs(&conn, "SELECT id, receipt_no FROM sales")?;
        let receipts: HashSet<&String> = sales.iter().map(|(_, r)| r).collect();
        if let Some(lost) = printed.iter().find(|r| !receipts.contains(r)) {
            return Err(format!(
                "receipt {lost} was printed after its commit returned, and is not in the database"
            ));
        }
        for (id, _) in &sales {
            if !self.known.contains_key(id) {
                let expected = new_sale(&conn, id)?;
                self.known.insert(id.clone(), expected);
            }
        }
        // A sale a check saw was in the files: no later crash may take it away.
        let there: HashSet<&String> = sales.iter().map(|(id, _)| id).collect();
        if let Some(gone) = self.known.keys().find(|id| !there.contains(id)) {
            return Err(format!("sale {gone} was in the database and is gone"));
        }
        self.counted(&conn)?;
        self.balances(&conn)?;
        Ok(Census { sales: sales.len() })
    }

    /// Every known sale still has as many rows in each table as its
    /// operation listed.
    fn counted(&self, conn: &Connection) -> Result<(), Fail> {
        for (name, table) in TABLES.iter().filter(|(n, _)| *n != "stock") {
            let there: HashMap<String, usize> = pairs::<String, i64>(
                conn,
                &format!("SELECT sale_id, count(*) FROM {table} WHERE sale_id IS NOT NULL GROUP BY sale_id"),
            )?
            .into_iter()
            .map(|(s, n)| (s, n as usize))
            .collect();
            for (id, e) in &self.known {
                let listed = e.rows.get(name).copied().unwrap_or(0);
                let found = there.get(id).copied().unwrap_or(0);
                if listed != found {
                    return Err(format!(
                        "sale {id}: {found} {table} rows, its operation lists {listed}"
                    ));
                }
            }
        }
        Ok(())
    }

    fn balances(&self, conn: &Connection) -> Result<(), Fail> {
        let wrong: Vec<(String, i64)> = pairs(
            conn,
            "WITH said AS (
                 SELECT s.member_id AS m,
                        coalesce((SELECT sum(l.amount) FROM sale_lines l
                                  WHERE l.sale_id = s.id AND l.kind = 'top_up'), 0)
                      - coalesce((SELECT sum(t.amount) FROM sale_tenders t
                                  WHERE t.sale_id = s.id AND t.kind = 'stored_value'), 0) AS delta
                 FROM sales s WHERE s.member_id IS NOT NULL
                 UNION ALL
                 SELECT member_id, delta FROM stored_value_ledger WHERE reason = 'bonus'
             ),
             expected AS (SELECT m, sum(delta) AS v FROM said GROUP BY m),
             ledger AS (SELECT member_id AS m, sum(delta) AS v FROM stored_value_ledger GROUP BY member_id)
             SELECT coalesce(e.m, l.m), coalesce(l.v, 0) - coalesce(e.v, 0)
             FROM expected e FULL JOIN ledger l ON l.m = e.m
             WHERE coalesce(l.v, 0) <> coalesce(e.v, 0)",
        )?;
        if let Some((member, off)) = wrong.first() {
            return Err(format!(
                "member {member}: stored value ledger is {off} fen off her sales' top-ups and tenders"
            ));
        }
        let mut points: HashMap<String, i64> = HashMap::new();
        for e in self.known.values() {
            if let Some(m) = &e.member {
                *points.entry(m.clone()).or_default() += e.points_earned;
            }
        }
        for (m, redeemed) in pairs::<String, i64>(
            conn,
            "SELECT s.member_id, sum(t.points) FROM sales s JOIN sale_tenders t ON t.sale_id = s.id
             WHERE t.kind = 'points' GROUP BY s.member_id",
        )? {
            *points.entry(m).or_default() -= redeemed;
        }
        for (m, ledger) in pairs::<String, i64>(
            conn,
            "SELECT member_id, sum(delta) FROM points_ledger GROUP BY member_id",
        )? {
            let said = points.remove(&m).unwrap_or(0);
            if said != ledger {
                return Err(format!(
                    "member {m}: points ledger sums to {ledger}, her sales earned less redeemed {said}"
                ));
            }
        }
        if let Some((m, said)) = points.iter().find(|(_, p)| **p != 0) {
            return Err(format!(
                "member {m}: her sales say {said} points, her points ledger has no rows"
            ));
        }
        let off: Vec<(String, i64)> = pairs(
            conn,
            "WITH moved AS (SELECT product_id, sum(qty) AS q FROM stock_moves GROUP BY product_id)
             SELECT p.id, coalesce(l.on_hand, 0) - coalesce(m.q, 0)
             FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id
                             LEFT JOIN moved m ON m.product_id = p.id
             WHERE coalesce(l.on_hand, 0) <> coalesce(m.q, 0)",
        )?;
        if let Some((p, by)) = off.first() {
            return Err(format!(
                "product {p}: stock level is {by} off the sum of its moves"
            ));
        }
        let spend: Vec<String> = column(
            conn,
            "SELECT s.receipt_no FROM sales s
             WHERE s.spend <> coalesce((SELECT sum(l.amount) FROM sale_lines l
                                        WHERE l.sale_id = s.id AND l.kind <> 'top_up'), 0)",
        )?;
        if let Some(r) = spend.first() {
            return Err(format!("sale {r}: its spend is not the sum of its lines"));
        }
        Ok(())
    }
}

/// A sale seen for the first time: its operation is there (same
/// transaction), and each row it lists is there under the sale, no more.
fn new_sale(conn: &Connection, id: &str) -> Result<Expected, Fail> {
    let payload: String = conn
        .query_row(
            "SELECT payload FROM outbox WHERE entity = 'sale' AND entity_id = ?1",
            [id],
            |r| r.get(0),
        )
        .map_err(|e| format!("sale {id} has no sync operation ({e}): half a transaction"))?;
    let op: Value = serde_json::from_str(&payload)
        .map_err(|e| format!("sale {id}: its operation is not JSON: {e}"))?;
    let mut listed: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut add = |name: &str, row: &Value| -> Result<(), Fail> {
        let (_, table) = TABLES
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("sale {id}: unknown ledger {name}"))?;
        let row_id = row["id"].as_str().unwrap_or_default().to_string();
        listed.entry(table).or_default().insert(row_id);
        Ok(())
    };
    for line in op["lines"].as_array().into_iter().flatten() {
        add("lines", line)?;
    }
    for tender in op["tenders"].as_array().into_iter().flatten() {
        add("tenders", tender)?;
    }
    for entry in op["ledger"].as_array().into_iter().flatten() {
        add(entry["ledger"].as_str().unwrap_or_default(), entry)?;
    }
    if listed.get("sale_lines").is_none_or(HashSet::is_empty) {
        return Err(format!("sale {id} has no lines"));
    }
    for (_, table) in TABLES {
        let want = listed.remove(table).unwrap_or_default();
        if table == "stock_moves" {
            for move_id in &want {
                let there: bool = conn
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM stock_moves WHERE id = ?1)",
                        [move_id],
                        |r| r.get(0),
                    )
                    .map_err(sql)?;
                if !there {
                    return Err(format!("sale {id}: stock move {move_id} is missing"));
                }
            }
            continue;
        }
        let mut stmt = conn
            .prepare_cached(&format!("SELECT id FROM {table} WHERE sale_id = ?1"))
            .map_err(sql)?;
        let found: HashSet<String> = stmt
            .query_map(params![id], |r| r.get(0))
            .map_err(sql)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql)?;
        if found != want {
            return Err(format!(
                "sale {id}: {table} holds {} of its rows, its operation lists {}",
                found.len(),
                want.len()
            ));
        }
    }
    Ok(Expected {
        rows: TABLES
            .iter()
            .map(|(name, _)| (*name, op_rows(&op, name)))
            .collect(),
        member: op["memberId"].as_str().map(str::to_string),
        points_earned: op["pointsEarned"].as_i64().unwrap_or(0),
    })
}

/// How many rows of `name` the operation lists.
fn op_rows(op: &Value, name: &str) -> usize {
    match name {
        "lines" | "tenders" => op[name].as_array().map_or(0, Vec::len),
        _ => op["ledger"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["ledger"] == name)
            .count(),
    }
}

fn column<T: rusqlite::types::FromSql>(conn: &Connection, q: &str) -> Result<Vec<T>, Fail> {
    let mut stmt = conn.prepare(q).map_err(sql)?;
    let rows = stmt.query_map([], |r| r.get(0)).map_err(sql)?;
    rows.collect::<rusqlite::Result<_>>().map_err(sql)
}

/// `(key, value)` pairs of a two-column query.
fn pairs<A, B>(conn: &Connection, q: &str) -> Result<Vec<(A, B)>, Fail>
where
    A: rusqlite::types::FromSql,
    B: rusqlite::types::FromSql,
{
    let mut stmt = conn.prepare(q).map_err(sql)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql)?;
    rows.collect::<rusqlite::Result<_>>().map_err(sql)
}
