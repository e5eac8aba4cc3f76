//! The stores' names a chain's report shows beside their figures: never a
//! raw id. The chain's list (`chain::report_stores`, named once the owner's
//! console listed them), this till's own store by its name for its sales of
//! before it joined ("local") too, else the store's code, else its place in
//! the list (a store whose sales arrived before its name): a number the
//! screen and the export word in their language (`ColumnKind::Store`).

use super::ReportValue;
use crate::store::{meta_get, Store};
use crate::Result;
use std::collections::HashMap;

pub(super) struct StoreNames {
    names: HashMap<String, ReportValue>,
}

impl StoreNames {
    pub fn of(store: &Store) -> Result<StoreNames> {
        let conn = store.conn();
        let listed = crate::chain::report_stores(store)?;
        let own_name = listed
            .iter()
            .find(|s| s.own)
            .map(|s| s.name.clone())
            .filter(|n| !n.is_empty())
            .or(meta_get(conn, "sync.store_name")?.filter(|n| !n.is_empty()))
            .unwrap_or_else(|| {
                crate::checkout::settings_load(conn)
                    .map(|s| s.store_name)
                    .unwrap_or_default()
            });
        let mut code = conn.prepare_cached("SELECT code FROM chain_stores WHERE id = ?1")?;
        let mut names = HashMap::new();
        for (i, s) in listed.iter().enumerate() {
            let name = if s.own && !own_name.is_empty() {
                ReportValue::Text(own_name.clone())
            } else if !s.name.is_empty() {
                ReportValue::Text(s.name.clone())
            } else {
                let c: Option<String> = code.query_row([&s.id], |r| r.get(0)).ok();
                c.filter(|c| !c.is_empty())
                    .map_or(ReportValue::Int(i as i64 + 1), ReportValue::Text)
            };
            if s.own {
                names.insert("local".to_string(), name.clone());
            }
            names.insert(s.id.clone(), name);
        }
        Ok(StoreNames { names })
    }

    /// The name of `id`; a store missing from the list gets the next number.
    pub fn name(&mut self, id: &str) -> ReportValue {
        if let Some(n) = self.names.get(id) {
            return n.clone();
        }
        let n = ReportValue::Int(self.names.len() as i64 + 1);
        self.names.insert(id.to_string(), n.clone());
        n
    }
}
