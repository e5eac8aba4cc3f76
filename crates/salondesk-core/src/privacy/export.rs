//! Everything held about one member, on her request, as one JSON file
//! (UTF-8, indented): her profile with its sensitive fields, her visits (sales
//! with their lines and payments), her stored-value, points, package and
//! free-service ledgers, tier changes, appointments, the messages sent to
//! her, her consent history and the audit entries about her record.
//!
//! Rows go out as the database holds them (column names, stored values):
//! complete by construction, and a new column is exported without a change
//! here. Money is in fen, as everywhere.

use crate::checkout::audit;
use crate::ids::MemberId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

/// The file's format, for whoever reads it later.
pub const FORMAT: &str = "salondesk.member-data/1";

/// Every row `sql` (with her id as ?1) returns, as JSON objects.
fn rows(conn: &Connection, sql: &str, id: &str) -> Result<Vec<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    let mut q = stmt.query([id])?;
    while let Some(r) = q.next()? {
        let mut o = Map::new();
        for (i, name) in names.iter().enumerate() {
            let v = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => json!(n),
                ValueRef::Real(x) => json!(x),
                ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(_) => continue,
            };
            o.insert(name.clone(), v);
        }
        out.push(Value::Object(o));
    }
    Ok(out)
}

/// Rows of `sql` (?1: a parent id) for each of `parents`' `id`, nested under `key`.
fn nest(conn: &Connection, parents: &mut [Value], key: &str, sql: &str) -> Result<()> {
    for p in parents.iter_mut() {
        let pid = p["id"].as_str().unwrap_or_default().to_owned();
        let children = rows(conn, sql, &pid)?;
        if let Value::Object(o) = p {
            o.insert(key.to_owned(), Value::Array(children));
        }
    }
    Ok(())
}

impl Store {
    /// Member `id`'s data as one JSON document (see the module doc).
    pub fn member_data(&self, id: MemberId) -> Result<Value> {
        let c = &self.conn;
        let sid = id.to_string();
        let mut profile = rows(c, "SELECT * FROM members WHERE id = ?1", &sid)?;
        let Some(mut profile) = profile.pop() else {
            return Err(CoreError::NotFound { entity: "member" });
        };
        if let Value::Object(o) = &mut profile {
            // Local bookkeeping of the search index, not data about her.
            for k in ["rid", "indexed_recency", "search_dirty", "phone_holder"] {
                o.remove(k);
            }
            if let Some(Value::String(tags)) = o.get("tags").cloned() {
                o.insert(
                    "tags".into(),
                    serde_json::from_str(&tags).unwrap_or(Value::Null),
                );
            }
        }
        let mut sales = rows(
            c,
            "SELECT * FROM sales WHERE member_id = ?1 ORDER BY created_at",
            &sid,
        )?;
        nest(
            c,
            &mut sales,
            "lines",
            "SELECT * FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no",
        )?;
        nest(
            c,
            &mut sales,
            "tenders",
            "SELECT * FROM sale_tenders WHERE sale_id = ?1 ORDER BY tender_no",
        )?;
        let mut packages = rows(
            c,
            "SELECT * FROM packages WHERE member_id = ?1 ORDER BY created_at",
            &sid,
        )?;
        nest(
            c,
            &mut packages,
            "ledger",
            "SELECT * FROM package_ledger WHERE package_id = ?1 ORDER BY created_at",
        )?;
        let by_member = |table: &str| {
            rows(
                c,
                &format!("SELECT * FROM {table} WHERE member_id = ?1 ORDER BY created_at"),
                &sid,
            )
        };
        Ok(json!({
            "format": FORMAT,
            "memberId": sid,
            "exportedAt": crate::time::iso(self.now()),
            "profile": profile,
            "visits": sales,
            "storedValueLedger": by_member("stored_value_ledger")?,
            "pointsLedger": by_member("points_ledger")?,
            "packages": packages,
            "freeServiceLedger": by_member("free_service_ledger")?,
            "tierChanges": by_member("tier_changes")?,
            "appointments": rows(c, "SELECT * FROM appointments WHERE member_id = ?1 ORDER BY start_at", &sid)?,
            "messages": rows(c,
                "SELECT * FROM messages WHERE appointment_id IN
                   (SELECT id FROM appointments WHERE member_id = ?1)
                   OR care_task_id IN (SELECT id FROM care_tasks WHERE member_id = ?1)
                   OR campaign_member_id IN (SELECT id FROM campaign_members WHERE member_id = ?1)
                 ORDER BY created_at", &sid)?,
            "careTasks": rows(c, "SELECT * FROM care_tasks WHERE member_id = ?1 ORDER BY due_on", &sid)?,
            "consentHistory": by_member("member_consents")?,
            "ratings": rows(c, "SELECT * FROM visit_feedback WHERE member_id = ?1 ORDER BY recorded_at", &sid)?,
            "complaints": rows(c, "SELECT * FROM complaints WHERE member_id = ?1 ORDER BY received_at", &sid)?,
            "complaintActions": rows(c,
                "SELECT * FROM complaint_actions WHERE complaint_id IN
                   (SELECT id FROM complaints WHERE member_id = ?1) ORDER BY created_at", &sid)?,
            "auditEntries": rows(c,
                "SELECT * FROM audit_log WHERE entity_id = ?1
                   OR entity_id IN (SELECT id FROM sales WHERE member_id = ?1)
                   OR entity_id IN (SELECT receipt_no FROM sales WHERE member_id = ?1)
                 ORDER BY created_at", &sid)?,
        }))
    }

    /// Writes member `id`'s data (`member_data`) to a file in `dir` (the
    /// `exports/` folder beside the database) for a manager
    /// (`MemberDataRequests`), audited as `member_data_exported`. The file's
    /// name carries her id, not her name.
    pub fn export_member_data(
        &mut self,
        actor: &Staff,
        id: MemberId,
        dir: &Path,
    ) -> Result<PathBuf> {
        actor.require(Permission::MemberDataRequests)?;
        let data = self.member_data(id)?;
        let stamp = self.now().format("%Y%m%d-%H%M%S");
        let short: String = id
            .to_string()
            .chars()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let path = dir.join(format!("member-data-{short}-{stamp}.json"));
        let io = |e: std::io::Error| CoreError::ExportFailed {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let text = serde_json::to_string_pretty(&data)?;
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::write(&path, text.as_bytes()).map_err(io)?;
        let audited = self.write(|w| {
            audit::record(
                w,
                actor.id,
                None,
                "member_data_exported",
                Some(&id.to_string()),
                &json!({}),
            )
        });
        if let Err(e) = audited {
            // No export without its entry in the log.
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        Ok(path)
    }
}
