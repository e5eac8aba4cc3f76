//! Opening the SQLite file: durable pragmas, then the embedded migrations.

mod checkpoint;
pub mod instance;
mod key;
mod migrations;
mod wal_vfs;

pub use checkpoint::{
    checkpoint_at_the_mark, Checkpointer, CHECKPOINT_EVERY, WAL_CHECKPOINT_PAGES,
};

pub use key::{apply_key, is_encrypted, DbKey};
pub use migrations::{migrate, migrate_to, SCHEMA_VERSION};

use crate::Result;
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

/// 64 MiB page cache (negative: KiB): the hot part of the member search index
/// stays in memory at a million members.
pub const CACHE_SIZE: i64 = -65_536;

/// Bytes a WAL file is truncated back to when it starts over.
const WAL_SIZE_LIMIT: i64 = 64 << 20;

/// Which VFS the store's connection goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Vfs {
    /// The platform's VFS with each commit's WAL frames written in one piece
    /// (`wal_vfs`): what the app uses.
    #[default]
    Gathering,
    /// SQLite's own platform VFS, untouched: to compare against, or to rule
    /// the gathering VFS out when something looks wrong on a till.
    Plain,
}

/// Set to `1` to open the store on the plain platform VFS (`Vfs::Plain`).
pub const PLAIN_VFS_ENV: &str = "SALONDESK_PLAIN_VFS";

impl Vfs {
    /// `Plain` when `SALONDESK_PLAIN_VFS=1`, else the default.
    pub fn from_env() -> Vfs {
        Vfs::from_setting(std::env::var(PLAIN_VFS_ENV).ok().as_deref())
    }

    /// The VFS a `SALONDESK_PLAIN_VFS` value asks for (unset: the default).
    pub fn from_setting(value: Option<&str>) -> Vfs {
        match value.map(str::trim) {
            Some("1") => Vfs::Plain,
            _ => Vfs::Gathering,
        }
    }
}

/// Opens (creating if needed) the database at `path` through the gathering
/// VFS and brings its schema up to date (see `open_with`).
pub fn open(path: &Path) -> Result<Connection> {
    open_with(path, Vfs::Gathering)
}

/// Opens (creating if needed) the database at `path` through `vfs` and brings
/// its schema up to date. A database from a newer SalonDesk is refused before
/// anything is written to it.
pub fn open_with(path: &Path, vfs: Vfs) -> Result<Connection> {
    open_keyed(path, vfs, None)
}

/// Opens the database at `path` through `vfs`, keyed with `key` (SQLCipher;
/// `None`: a plain file) before anything reads it, and brings its schema up
/// to date. A key that does not open the file is refused (`wrong_key`).
pub fn open_keyed(path: &Path, vfs: Vfs, key: Option<&DbKey>) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| {
                crate::CoreError::Internal(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
    }
    let mut conn = match vfs {
        Vfs::Gathering => {
            // The platform's VFS, writing each commit's WAL frames in one piece.
            wal_vfs::register()?;
            Connection::open_with_flags_and_vfs(
                path,
                rusqlite::OpenFlags::default(),
                wal_vfs::VFS_NAME,
            )?
        }
        Vfs::Plain => Connection::open(path)?,
    };
    apply_key(&conn, key)?;
    // Check the version first: even switching the journal mode writes to the file.
    migrations::refuse_newer(&conn)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // A sale runs some fifty distinct statements: keep them all prepared.
    conn.set_prepared_statement_cache_capacity(256);
    // WAL: readers never block the till; FULL: a completed sale survives a power cut.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", CACHE_SIZE)?;
    // A WAL that once grew large (a bulk import) is cut back when it starts over.
    conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
    Ok(())
}
