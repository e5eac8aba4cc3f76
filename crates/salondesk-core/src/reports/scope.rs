//! Which stores' summaries a report reads, as a SQL condition and its
//! parameters, and the words the catalog gives a summary's item.

use super::months;
use super::summary::own_store_id;
use super::ReportQuery;
use crate::store::Store;
use crate::Result;
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection, Row};

/// The stores of one report: `None` is the whole chain.
pub(super) struct Scope {
    stores: Option<Vec<String>>,
}

impl Scope {
    pub fn of(store: &Store, q: &ReportQuery) -> Result<Scope> {
        if q.chain {
            return Ok(Scope { stores: None });
        }
        let own = own_store_id(store.conn())?;
        Ok(Scope {
            stores: Some(match &q.store_id {
                // The own store's sales from before it joined the chain are "local".
                Some(id) if *id != own && id != "local" => vec![id.clone()],
                _ => vec![own, "local".to_string()],
            }),
        })
    }

    pub fn is_chain(&self) -> bool {
        self.stores.is_none()
    }

    /// Whether the report reads the store `id` (the chain reads every one).
    pub fn covers(&self, id: &str) -> bool {
        self.stores
            .as_ref()
            .is_none_or(|s| s.iter().any(|x| x == id))
    }

    /// `store_id IN (…)` (parameters from ?`first` on: those before are the period).
    fn condition(&self, column: &str, first: usize) -> String {
        match &self.stores {
            // Every store with a month of sales: a primary-key range each.
            None => format!("{column} IN (SELECT DISTINCT store_id FROM report_days_m)"),
            Some(s) => {
                let marks: Vec<String> = (0..s.len()).map(|i| format!("?{}", i + first)).collect();
                format!("{column} IN ({})", marks.join(", "))
            }
        }
    }

    fn params(&self, period: &[&str]) -> Vec<Sql> {
        let mut p: Vec<Sql> = period.iter().map(|x| Sql::Text(x.to_string())).collect();
        for s in self.stores.iter().flatten() {
            p.push(Sql::Text(s.clone()));
        }
        p
    }

    /// Runs `sql` with `{stores}` replaced by this scope's condition on
    /// `store_id`, ?1/?2 the period's first and last day.
    pub fn rows<T>(
        &self,
        conn: &Connection,
        sql: &str,
        q: &(String, String),
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let sql = sql.replace("{stores}", &self.condition("store_id", 3));
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(self.params(&[&q.0, &q.1])), f)?
            .collect::<rusqlite::Result<Vec<T>>>()?;
        Ok(rows)
    }

    /// Runs `sql` over the rows of the period `q` split into months and
    /// days (`months`): `{rows}` in it becomes the UNION ALL of `monthly`
    /// (its rows where `month BETWEEN ?1 AND ?2`) and `daily` (where `day
    /// BETWEEN {from} AND {to}`, its figures times `{sign}`: days added or
    /// taken away), both with `{stores}`, which this scope fills.
    pub fn split_rows<T>(
        &self,
        conn: &Connection,
        sql: &str,
        monthly: &str,
        daily: &str,
        q: &ReportQuery,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let rows = months::union(monthly, daily);
        let sql = sql
            .replace("{rows}", &rows)
            .replace("{stores}", &self.condition("store_id", 9));
        let s = months::split(q);
        let mut params = self.params(&[
            &s.months.0,
            &s.months.1,
            &s.head.0,
            &s.head.1,
            &s.tail.0,
            &s.tail.1,
        ]);
        params.insert(6, Sql::Integer(s.head_sign));
        params.insert(7, Sql::Integer(s.tail_sign));
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(params), f)?
            .collect::<rusqlite::Result<Vec<T>>>()?;
        Ok(rows)
    }
}

/// The period of a query as the summaries store days.
pub(super) fn period(q: &ReportQuery) -> (String, String) {
    (q.from.to_string(), q.to.to_string())
}

/// An item's name from the catalog by its line kind (`k`, `i`: the columns
/// holding the kind and the item id); the id when the catalog lacks it (an
/// item of another store's own catalog).
pub(super) const ITEM_NAME: &str = "coalesce(CASE k
      WHEN 'service' THEN (SELECT name FROM services WHERE id = i)
      WHEN 'product' THEN (SELECT name FROM products WHERE id = i)
      WHEN 'package_purchase' THEN (SELECT name FROM package_plans WHERE id = i)
      WHEN 'package_redemption' THEN (SELECT name FROM packages WHERE id = i)
      WHEN 'top_up' THEN (SELECT name FROM top_up_plans WHERE id = i) END, i)";

/// An item's category: a service's or product's own, a package's service's.
pub(super) const ITEM_CATEGORY: &str = "coalesce(CASE k
      WHEN 'service' THEN (SELECT category FROM services WHERE id = i)
      WHEN 'product' THEN (SELECT category FROM products WHERE id = i)
      WHEN 'package_purchase' THEN (SELECT s.category FROM package_plans p JOIN services s ON s.id = p.service_id WHERE p.id = i)
      WHEN 'package_redemption' THEN (SELECT s.category FROM packages p JOIN services s ON s.id = p.service_id WHERE p.id = i) END, '')";
