//! Restoring the store from a backup: a preview read from the file, then the
//! swap, done while the store is closed.
//!
//! The swap: the current file and its `-wal`/`-shm` are moved aside as
//! `<file>.replaced-<UTC time>` (kept, never deleted by SalonDesk), the
//! backup is copied in under a temporary name, synced and renamed into place.
//!
//! What a restore must not undo, and how (the sync side is in `catch_up`):
//! - Receipt and member numbers are per device sequences kept in `meta`; the
//!   backup's are older than the ones this device already used. They are
//!   carried over from the replaced file when it is this same device's (the
//!   larger of the two wins), and moved past every number the chain gives
//!   back after the catch-up pull (a new PC after a dead disk has no replaced
//!   file: the pull brings this device's sales back, and their numbers).
//! - The hybrid logical clock likewise: the larger is kept, so what this
//!   device writes next still orders after what it wrote before the restore.
//! - An enrolled till pulls again with its own operations included (the
//!   server normally leaves them out), from the backup's cursor: what it
//!   pushed after the backup comes back; what the backup's outbox holds is
//!   pushed again, and the server acknowledges what it has as duplicates.

use super::copy::sync_dir;
use super::{settings::CARRIED, BackupPreview};
use crate::clock::Clock;
use crate::db::{apply_key, DbKey, SCHEMA_VERSION};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::time::parse_iso;
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn refused(reason: &'static str, detail: impl Into<String>) -> CoreError {
    CoreError::RestoreRefused {
        reason,
        detail: detail.into(),
    }
}

fn meta(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(
        c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?,
    )
}

/// Reads what a restore would bring back, from the file alone (keyed like the
/// store). Anything that is not a SalonDesk database, is newer than this
/// program, or fails its check is refused before anything is replaced.
pub fn preview(file: &Path, key: Option<&DbKey>) -> Result<BackupPreview> {
    if !file.is_file() {
        return Err(refused(
            "not_a_backup",
            format!("{} is not a file", file.display()),
        ));
    }
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let c = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| refused("not_a_backup", e.to_string()))?;
    // Keying reads the schema: a file damaged there fails here.
    apply_key(&c, key).map_err(|e| match e {
        CoreError::Sqlite(inner) => refused("integrity", inner.to_string()),
        other => other,
    })?;
    let not_ours = |e: rusqlite::Error| refused("not_a_backup", e.to_string());
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_ours)?;
    if version > SCHEMA_VERSION {
        return Err(refused(
            "newer",
            format!(
                "made by a newer SalonDesk (schema {version}, this one reads {SCHEMA_VERSION})"
            ),
        ));
    }
    // A damaged file may fail the check outright ("malformed") rather than
    // list what is wrong: either way it is refused as failing its check.
    let verdict: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| refused("integrity", e.to_string()))?;
    let read = || -> Result<BackupPreview> {
        let device_id = meta(&c, "device_id").map_err(|_| refused("not_a_backup", "no device"))?;
        let Some(device_id) = device_id else {
            return Err(refused("not_a_backup", "not a SalonDesk database"));
        };
        let count = |sql: &str| -> Result<i64> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
        let store_name: Option<String> = c
        .query_row(
            "SELECT json_extract(value, '$.storeName') FROM store_settings WHERE key = 'checkout'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
        let taken_at = meta(&c, super::TAKEN_AT)?
            .and_then(|s| parse_iso(&s))
            .or_else(|| {
                let name = file.file_name()?.to_str()?;
                super::names::parse_name(name).map(|(_, at)| at)
            });
        Ok(BackupPreview {
            file: file.to_string_lossy().into_owned(),
            size,
            taken_at,
            other_device: false,
            device_id,
            store_code: meta(&c, "store_code")?.unwrap_or_default(),
            device_code: meta(&c, "device_code")?.unwrap_or_default(),
            // A store whose settings were never saved prints the default name.
            store_name: store_name
                .unwrap_or_else(|| crate::checkout::CheckoutSettings::default().store_name),
            enrolled: meta(&c, "sync.credential")?.is_some(),
            members: count("SELECT count(*) FROM members")?,
            sales: count("SELECT count(*) FROM sales")?,
            last_receipt_no: c
                .query_row(
                    "SELECT receipt_no FROM sales ORDER BY created_at DESC, rowid DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?,
            integrity_ok: verdict == "ok",
            integrity: verdict.clone(),
        })
    };
    // What a damaged file cannot answer is its damage, not another fault.
    read().map_err(|e| match e {
        CoreError::RestoreRefused { .. } => e,
        _ if verdict != "ok" => refused("integrity", verdict.clone()),
        CoreError::Sqlite(inner) => refused("integrity", inner.to_string()),
        other => other,
    })
}

/// What the replaced file held that a restore must not go back on.
#[derive(Debug, Default)]
struct Carried {
    /// `(key, value)` of the device-local settings kept across.
    settings: Vec<(String, String)>,
    receipt_seq: i64,
    member_no_seq: i64,
    hlc: Option<String>,
}

/// Read from the current file (closed by the app) when it is this device's.
fn carried_from(current: &Path, key: Option<&DbKey>, device_id: &str) -> Carried {
    let read = || -> Result<Carried> {
        let c = Connection::open_with_flags(current, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        apply_key(&c, key)?;
        let mut out = Carried::default();
        for k in CARRIED {
            if let Some(v) = meta(&c, k)? {
                out.settings.push((k.to_owned(), v));
            }
        }
        if meta(&c, "device_id")?.as_deref() == Some(device_id) {
            let int = |k: &str| -> Result<i64> {
                Ok(meta(&c, k)?.and_then(|v| v.parse().ok()).unwrap_or(0))
            };
            out.receipt_seq = int("seq.receipt")?;
            out.member_no_seq = int("seq.member_no")?;
            out.hlc = meta(&c, "hlc")?;
        }
        Ok(out)
    };
    // A file that cannot be read (the disk that failed) carries nothing.
    read().unwrap_or_default()
}

/// How a restore ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreOutcome {
    /// Where the replaced database now is (`None`: there was none).
    pub replaced_aside: Option<String>,
    /// The restored till pulls its own operations back on its next sync.
    pub catch_up: bool,
}

fn aside(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

impl Store {
    /// Whether `who` may restore (the owner alone: `Restore`).
    pub fn may_restore(&self, who: &Staff) -> Result<()> {
        who.require(Permission::Restore)
    }

    /// The preview of `file` for `who` (`Restore`), keyed like this store.
    pub fn restore_preview(&self, who: &Staff, file: &Path) -> Result<BackupPreview> {
        self.may_restore(who)?;
        let mut p = preview(file, self.db_key())?;
        p.other_device = p.device_id != self.device().id.to_string();
        Ok(p)
    }
}

/// Replaces the database at `db_path` with `backup`. The store on `db_path`
/// must be closed (the app drops it first; see `AppState::set_store`). The
/// replaced file is moved aside, never deleted. Then the restored file is
/// opened once to carry over what must not go back (see the module doc), and
/// closed again for the caller to open as it runs the store.
pub fn restore_file(
    db_path: &Path,
    backup: &Path,
    key: Option<&DbKey>,
    clock: Arc<dyn Clock>,
) -> Result<RestoreOutcome> {
    let p = preview(backup, key)?;
    if !p.integrity_ok {
        return Err(refused("integrity", p.integrity));
    }
    let now: DateTime<Utc> = clock.now();
    let carried = if db_path.exists() {
        carried_from(db_path, key, &p.device_id)
    } else {
        Carried::default()
    };
    let dir = db_path.parent().unwrap_or(Path::new("."));
    let tmp = aside(db_path, ".restoring");
    std::fs::copy(backup, &tmp)
        .and_then(|_| crate::crypt::sync_file(&tmp))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            refused(
                "io",
                format!("cannot copy the backup beside the database: {e}"),
            )
        })?;
    let stamp = format!(".replaced-{}", now.format("%Y%m%d-%H%M%S"));
    let replaced = aside(db_path, &stamp);
    let mut replaced_aside = None;
    if db_path.exists() {
        std::fs::rename(db_path, &replaced)
            .map_err(|e| refused("io", format!("cannot move the database aside: {e}")))?;
        replaced_aside = Some(replaced.to_string_lossy().into_owned());
    }
    // The WAL goes with its file: `<aside>-wal` is where SQLite looks for it.
    for ext in ["-wal", "-shm"] {
        let from = aside(db_path, ext);
        if from.exists() {
            let _ = std::fs::rename(&from, aside(&replaced, ext));
        }
    }
    if let Err(e) = std::fs::rename(&tmp, db_path) {
        // Put the database back as it was: a restore that fails replaces nothing.
        let _ = std::fs::remove_file(&tmp);
        if replaced_aside.is_some() {
            let _ = std::fs::rename(&replaced, db_path);
            for ext in ["-wal", "-shm"] {
                let _ = std::fs::rename(aside(&replaced, ext), aside(db_path, ext));
            }
        }
        return Err(refused(
            "io",
            format!("cannot put the backup in place: {e}"),
        ));
    }
    sync_dir(dir);
    let mut store = Store::open_keyed(db_path, clock, crate::db::Vfs::from_env(), key.cloned())?;
    let catch_up = store.after_restore(&carried_values(carried))?;
    Ok(RestoreOutcome {
        replaced_aside,
        catch_up,
    })
}

/// `carried` as what `Store::after_restore` takes.
fn carried_values(c: Carried) -> super::AfterRestore {
    super::AfterRestore {
        settings: c.settings,
        receipt_seq: c.receipt_seq,
        member_no_seq: c.member_no_seq,
        hlc: c.hlc,
    }
}
