//! Encryption at rest. The store's file is a SQLCipher database keyed with a
//! random 256-bit key made for it (`db::DbKey`). The key is kept twice, so
//! that losing one place never loses the store's data with it:
//!
//! - in the OS credential store (`keystore`: Secret Service, Windows
//!   Credential Manager, macOS Keychain), which opens the store at start
//!   without asking anything;
//! - wrapped by a key derived (argon2id) from the owner's passphrase, in a
//!   small sidecar file beside the database (`sidecar`, `<db>.key`): the
//!   fallback where there is no credential store, and the recovery when the
//!   credential store lost the key.
//!
//! `open` decides at start which of these opens the file (or why none does);
//! `migrate` encrypts a plain database from before encryption in place.

pub mod keystore;
pub mod migrate;
mod open;
pub mod sidecar;

pub use keystore::{KeyStore, MemoryKeyStore, NoKeyStore, OsKeyStore};
pub use migrate::{encrypt_in_place, recover, Phase, Progress, Step};
pub use open::{create_key, encrypt_with_passphrase, prepare, set_passphrase, unlock, KeyPlace};
pub use sidecar::{KdfParams, KeyFile, MIN_PASSPHRASE_CHARS};

use std::path::{Path, PathBuf};

/// `<db>` with `suffix` appended to its file name (`.key`, `.encrypting` …).
pub(crate) fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The sidecar file holding the database's key wrapped by the passphrase.
pub fn key_file_path(db: &Path) -> PathBuf {
    beside(db, ".key")
}

/// Makes the file at `path` durable (fsync; Windows: FlushFileBuffers).
/// Opened for writing, not reading: Windows flushes only through a handle with
/// write access (a read-only one gets "Access denied"), where Unix's fsync takes
/// any descriptor. Nothing is written; the file is neither created nor truncated.
pub(crate) fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()
}

/// Makes a rename or a removal in `dir` durable (a no-op where directories
/// cannot be opened, as on Windows, whose renames are durable on return).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

pub(crate) fn io_err(what: &str, path: &Path, e: std::io::Error) -> crate::CoreError {
    crate::CoreError::Internal(format!("{what} {}: {e}", path.display()))
}
