//! One program per database. Two SalonDesk windows (or the app and the CLI)
//! on one file would each number receipts from the same sequence, stamp
//! clocks and push the outbox on their own: duplicate receipt numbers and
//! operations sent twice. So the app opens its database holding an exclusive
//! lock on `<database>.lock` beside it, for as long as it runs; the operating
//! system drops the lock when the process ends, even by a crash, so a stale
//! lock never keeps the app out.

use crate::{CoreError, Result};
use fs4::fs_std::FileExt;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The lock file of the database at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the database's lock, or refuses with `database_in_use` if another
/// program holds it. Held until the returned file is dropped.
pub fn lock(db: &Path) -> Result<File> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| CoreError::Internal(format!("cannot create {}: {e}", dir.display())))?;
    }
    let path = lock_path(db);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| CoreError::Internal(format!("cannot open {}: {e}", path.display())))?;
    // fs4 rather than std's `File::try_lock`: that needs Rust 1.89, this
    // workspace builds with 1.85.
    match FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(file),
        Ok(false) => Err(CoreError::DatabaseInUse {
            path: db.display().to_string(),
        }),
        Err(e) => Err(CoreError::Internal(format!(
            "cannot lock {}: {e}",
            path.display()
        ))),
    }
}
