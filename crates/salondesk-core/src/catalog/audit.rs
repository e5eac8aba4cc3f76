//! The back office's catalog changes in the audit log, so the owner sees who
//! changed the menu and when: an item created or edited (its kind, name and
//! price), ended/archived or brought back. Prices also keep their own
//! history (`price_history`); a past sale keeps the price it was sold at.

use crate::checkout::audit;
use crate::money::Money;
use crate::staff::Staff;
use crate::write::Writer;
use crate::Result;
use serde_json::json;

/// What changed: one of `catalog_created`, `catalog_edited`.
pub(crate) fn saved(
    w: &mut Writer<'_>,
    actor: &Staff,
    kind: &str,
    id: &str,
    name: &str,
    price: Option<Money>,
    created: bool,
) -> Result<()> {
    let action = if created {
        "catalog_created"
    } else {
        "catalog_edited"
    };
    let detail = match price {
        Some(p) => json!({ "kind": kind, "name": name, "amount": p.fen() }),
        None => json!({ "kind": kind, "name": name }),
    };
    audit::record(w, actor.id, None, action, Some(id), &detail)
}

/// An item ended (`catalog_archived`) or brought back (`catalog_restored`).
pub(crate) fn activity(
    w: &mut Writer<'_>,
    actor: &Staff,
    kind: &str,
    id: &str,
    active: bool,
) -> Result<()> {
    let action = if active {
        "catalog_restored"
    } else {
        "catalog_archived"
    };
    audit::record(
        w,
        actor.id,
        None,
        action,
        Some(id),
        &json!({ "kind": kind }),
    )
}
