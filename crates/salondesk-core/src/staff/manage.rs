//! The back office's staff list: everyone, active or not; adding with a
//! colour and commission rates, editing, deactivating (never deleting: sales
//! and bookings name her) and reactivating. Who may do what is in `rules`;
//! every change is audited and synced on the staff record.

use super::commission::CommissionRates;
use super::register::{hash_pin, insert_staff};
use super::rules::{may_give, may_manage, not_herself};
use super::{Role, Staff};
use crate::ids::StaffId;
use crate::store::Store;
use crate::types::{PersonName, Pin};
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use salondesk_protocol::limits::STAFF_COLORS;
use serde_json::json;

/// A staff member as the back office shows her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// A word of `STAFF_COLORS`; None: the calendar picks none.
    pub color: Option<String>,
    /// Her PIN was reset: she sets her own at her next login.
    pub pin_must_change: bool,
    pub rates: CommissionRates,
}

/// What the back office sets on a staff member (all of it, each save).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffDraft {
    pub name: String,
    pub role: Role,
    pub color: Option<String>,
    pub rates: CommissionRates,
}

impl StaffDraft {
    fn validate(&self) -> Result<PersonName> {
        let name = PersonName::parse(&self.name)?;
        if let Some(c) = &self.color {
            if !STAFF_COLORS.contains(&c.as_str()) {
                return Err(CoreError::validation(
                    "color",
                    "not a colour of the palette",
                ));
            }
        }
        self.rates.validate()?;
        Ok(name)
    }
}

const SELECT: &str = "SELECT id, name, role, active, color, pin_must_change,
    commission_service_bp, commission_product_bp, commission_overrides FROM staff";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<(StaffRecord, String)> {
    let overrides: Option<String> = r.get(8)?;
    Ok((
        StaffRecord {
            id: r.get(0)?,
            name: r.get(1)?,
            role: Role::Cashier,
            active: r.get(3)?,
            color: r.get(4)?,
            pin_must_change: r.get(5)?,
            rates: CommissionRates {
                service_bp: r.get(6)?,
                product_bp: r.get(7)?,
                overrides: CommissionRates::parse_overrides(overrides.as_deref()),
            },
        },
        r.get(2)?,
    ))
}

impl Store {
    /// Refuses a per-service rate for a service the catalog does not hold.
    fn known_services(&self, rates: &CommissionRates) -> Result<()> {
        for service in rates.overrides.keys() {
            let known: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM services WHERE id = ?1)",
                [service],
                |r| r.get(0),
            )?;
            if !known {
                return Err(CoreError::validation(
                    "commissionOverrides",
                    "a service with its own rate is not in the catalog",
                ));
            }
        }
        Ok(())
    }

    /// Every staff member, active first, then owners, managers, cashiers and
    /// beauticians, by name.
    pub fn staff_records(&self, by: &Staff) -> Result<Vec<StaffRecord>> {
        self.staff_actor(by)?;
        let sql = format!(
            "{SELECT} ORDER BY active DESC, CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1
             WHEN 'cashier' THEN 2 ELSE 3 END, name"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], read)?;
        rows.map(|row| {
            let (mut s, role) = row?;
            s.role = Role::parse(&role)?;
            Ok(s)
        })
        .collect()
    }

    /// Each staff member's calendar colour, for whoever reads the calendar.
    pub fn staff_colors(&self) -> Result<std::collections::HashMap<StaffId, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, color FROM staff WHERE color IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn staff_record(&self, id: StaffId) -> Result<StaffRecord> {
        let (mut s, role) = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
            .query_row([id], read)
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => CoreError::NotFound { entity: "staff" },
                e => e.into(),
            })?;
        s.role = Role::parse(&role)?;
        Ok(s)
    }

    /// `by` adds a staff member with her first PIN (an owner's or a
    /// manager's at least 6 digits). Audited (`staff_added`).
    pub fn add_staff_member(
        &mut self,
        by: &Staff,
        draft: &StaffDraft,
        pin: &str,
    ) -> Result<StaffRecord> {
        let actor = self.staff_actor(by)?;
        may_give(&actor, draft.role)?;
        let name = draft.validate()?;
        self.known_services(&draft.rates)?;
        self.unique_staff_name(name.as_str(), None)?;
        let pin_hash = hash_pin(&Pin::parse_for(draft.role, pin)?)?;
        let id = self.write(|w| {
            let s = insert_staff(w, name.as_str(), draft.role, &pin_hash)?;
            write_profile(w, s.id, None, draft.color.as_deref(), &draft.rates)?;
            let detail = json!({ "to": draft.role });
            audit(w, &actor, "staff_added", s.id, &detail)?;
            Ok(s.id)
        })?;
        self.staff_record(id)
    }

    /// `by` changes a staff member's name, role, colour and rates. A role
    /// change is audited as `staff_role` (from, to), the rest as
    /// `staff_edited` (which fields).
    pub fn edit_staff(
        &mut self,
        by: &Staff,
        id: StaffId,
        draft: &StaffDraft,
    ) -> Result<StaffRecord> {
        let actor = self.staff_actor(by)?;
        let target = self.staff_target(id)?;
        may_manage(&actor, &target)?;
        let before = self.staff_record(id)?;
        let name = draft.validate()?;
        if draft.rates != before.rates {
            self.known_services(&draft.rates)?;
        }
        if draft.role != before.role {
            may_give(&actor, draft.role)?;
            // The last owner hears why first: that is what she must fix.
            if draft.role != Role::Owner {
                self.keep_an_owner(&target)?;
            }
            not_herself(&actor, id, "change the role of")?;
        }
        if draft.rates != before.rates && actor.role == Role::Manager {
            not_herself(&actor, id, "set the commission of")?;
        }
        if before.active {
            self.unique_staff_name(name.as_str(), Some(id))?;
        }
        let mut fields = Vec::new();
        if name.as_str() != before.name {
            fields.push("name");
        }
        if draft.color != before.color {
            fields.push("color");
        }
        if draft.rates != before.rates {
            fields.push("commission");
        }
        self.write(|w| {
            if !fields.is_empty() {
                let rename = Some(name.as_str()).filter(|n| *n != before.name);
                write_profile(w, id, rename, draft.color.as_deref(), &draft.rates)?;
                audit(w, &actor, "staff_edited", id, &json!({ "fields": fields }))?;
            }
            if draft.role != before.role {
                w.prepare_cached("UPDATE staff SET role = ?2, updated_at = ?3 WHERE id = ?1")?
                    .execute(params![id, draft.role.as_str(), crate::time::iso(w.now())])?;
                w.emit("staff", &id, OpKind::Upsert, &json!({ "role": draft.role }))?;
                let detail = json!({ "from": before.role, "to": draft.role });
                audit(w, &actor, "staff_role", id, &detail)?;
            }
            Ok(())
        })?;
        self.staff_record(id)
    }

    /// `by` deactivates (`active` false: she can no longer log in; her name
    /// stays on her sales) or reactivates a staff member. Audited
    /// (`staff_deactivated`, `staff_reactivated`).
    pub fn set_staff_active(
        &mut self,
        by: &Staff,
        id: StaffId,
        active: bool,
    ) -> Result<StaffRecord> {
        let actor = self.staff_actor(by)?;
        let target = self.staff_target(id)?;
        may_manage(&actor, &target)?;
        if target.active == active {
            return self.staff_record(id);
        }
        if active {
            let name = self.staff_record(id)?.name;
            self.unique_staff_name(&name, Some(id))?;
        } else {
            self.keep_an_owner(&target)?;
            not_herself(&actor, id, "deactivate")?;
            self.no_appointments_ahead(id)?;
        }
        let action = if active {
            "staff_reactivated"
        } else {
            "staff_deactivated"
        };
        self.write(|w| {
            w.prepare_cached("UPDATE staff SET active = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![id, active, crate::time::iso(w.now())])?;
            w.emit("staff", &id, OpKind::Upsert, &json!({ "active": active }))?;
            audit(w, &actor, action, id, &json!({}))
        })?;
        self.staff_record(id)
    }
}

/// Her colour and commission rates (and a new name), as columns and as one
/// synced write.
fn write_profile(
    w: &mut Writer<'_>,
    id: StaffId,
    rename: Option<&str>,
    color: Option<&str>,
    rates: &CommissionRates,
) -> Result<()> {
    let overrides = rates.overrides_json();
    w.prepare_cached(
        "UPDATE staff SET name = coalesce(?2, name), color = ?3, commission_service_bp = ?4,
             commission_product_bp = ?5, commission_overrides = ?6, updated_at = ?7 WHERE id = ?1",
    )?
    .execute(params![
        id,
        rename,
        color,
        rates.service_bp,
        rates.product_bp,
        overrides.to_string(),
        crate::time::iso(w.now())
    ])?;
    let mut payload = json!({
        "color": color,
        "commissionServiceBp": rates.service_bp,
        "commissionProductBp": rates.product_bp,
        "commissionOverrides": overrides,
    });
    if let Some(name) = rename {
        payload["name"] = name.into();
    }
    w.emit("staff", &id, OpKind::Upsert, &payload)?;
    Ok(())
}

pub(super) fn audit(
    w: &mut Writer<'_>,
    actor: &Staff,
    action: &str,
    id: StaffId,
    detail: &serde_json::Value,
) -> Result<()> {
    crate::checkout::audit::record(w, actor.id, None, action, Some(&id.to_string()), detail)
}
