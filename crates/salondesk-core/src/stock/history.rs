//! A product's stock book: every move with its running on-hand, who made it
//! and what it belongs to. Read for one product on the history screen only;
//! a sale reads the maintained level instead.

use crate::ids::ProductId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::Result;

/// What a move belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveRef {
    None,
    Receipt { id: String, supplier: String },
    StockTake { id: String, category: String },
    Sale { id: String, receipt_no: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockMove {
    pub id: String,
    pub at: String,
    /// receive, sale, refund or adjust.
    pub reason: String,
    pub adjust_reason: Option<super::AdjustReason>,
    pub qty: i64,
    /// On hand just after this move.
    pub on_hand_after: i64,
    pub note: String,
    /// Who made it (a sale's cashier); None for moves from before it was kept.
    pub staff_name: Option<String>,
    pub reference: MoveRef,
}

impl Store {
    /// The product's moves, newest first (at most `limit`), each with the
    /// on-hand it left.
    pub fn stock_history(
        &self,
        actor: &Staff,
        product: ProductId,
        limit: usize,
    ) -> Result<Vec<StockMove>> {
        actor.require(Permission::ManageStock)?;
        self.product(product)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM (
                 SELECT m.id, m.created_at, m.reason, m.adjust_reason, m.qty,
                        sum(m.qty) OVER (ORDER BY m.created_at, m.rowid) AS running,
                        m.note, st.name, m.ref_id, r.supplier, t.category, s.receipt_no,
                        m.rowid AS seq
                 FROM stock_moves m
                 LEFT JOIN sales s ON s.id = m.ref_id AND m.reason IN ('sale', 'refund')
                 LEFT JOIN stock_receipts r ON r.id = m.ref_id AND m.reason = 'receive'
                 LEFT JOIN stock_takes t ON t.id = m.ref_id AND m.reason = 'adjust'
                 LEFT JOIN staff st ON st.id = coalesce(m.staff_id, s.cashier_id)
                 WHERE m.product_id = ?1)
             ORDER BY created_at DESC, seq DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![product, limit as i64], |r| {
            let ref_id: Option<String> = r.get(8)?;
            let supplier: Option<String> = r.get(9)?;
            let category: Option<String> = r.get(10)?;
            let receipt_no: Option<String> = r.get(11)?;
            let reference = match (ref_id, supplier, category, receipt_no) {
                (Some(id), Some(supplier), _, _) => MoveRef::Receipt { id, supplier },
                (Some(id), _, Some(category), _) => MoveRef::StockTake { id, category },
                (Some(id), _, _, Some(receipt_no)) => MoveRef::Sale { id, receipt_no },
                _ => MoveRef::None,
            };
            Ok(StockMove {
                id: r.get(0)?,
                at: r.get(1)?,
                reason: r.get(2)?,
                adjust_reason: r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(super::AdjustReason::parse),
                qty: r.get(4)?,
                on_hand_after: r.get(5)?,
                note: r.get(6)?,
                staff_name: r.get(7)?,
                reference,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
