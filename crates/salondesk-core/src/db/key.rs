//! The key a store's file is encrypted with (SQLCipher). Every connection to
//! the store's file — the store's own, the background checkpointer's, a
//! backup's destination, a restore's preview — is keyed with `apply_key`
//! before its first statement; `None` means a plain file.

use crate::{CoreError, Result};
use rusqlite::{Connection, ErrorCode};
use std::io::Read;
use std::path::Path;

/// A raw 256-bit SQLCipher key. Never printed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey([u8; 32]);

impl DbKey {
    pub fn from_bytes(raw: [u8; 32]) -> DbKey {
        DbKey(raw)
    }

    /// A new random key from the OS's generator.
    pub fn generate() -> DbKey {
        use rand::RngCore;
        let mut raw = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut raw);
        DbKey(raw)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Lower-case hex of the key (how the credential store keeps it).
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The key from 64 hex digits, `None` if they are not.
    pub fn from_hex(hex: &str) -> Option<DbKey> {
        let hex = hex.trim();
        if hex.len() != 64 || !hex.is_ascii() {
            return None;
        }
        let mut raw = [0u8; 32];
        for (i, b) in raw.iter_mut().enumerate() {
            *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(DbKey(raw))
    }

    /// SQLCipher's raw-key literal: `x'<64 hex digits>'` (no key derivation).
    pub(crate) fn pragma_literal(&self) -> String {
        format!("\"x'{}'\"", self.to_hex())
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// Keys `conn` (a no-op for a plain file). Must come before anything else
/// reads or writes the file. A key that does not open the file — a wrong
/// one, one given for a plain file, none given for an encrypted one — is
/// refused here as `wrong_key` rather than as SQLite's "file is not a
/// database" on some later statement.
pub fn apply_key(conn: &Connection, key: Option<&DbKey>) -> Result<()> {
    if let Some(key) = key {
        // A wrong key is answered below; SQLCipher need not also print it on stderr.
        conn.execute_batch(&format!(
            "PRAGMA cipher_log_level = NONE; PRAGMA key = {};",
            key.pragma_literal()
        ))?;
    }
    // SQLCipher reads (and checks) page 1 only when something needs it.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => CoreError::WrongKey {
                encrypted: key.is_some(),
            },
            _ => CoreError::from(e),
        })
}

/// Whether the file at `path` is there and is not a plain SQLite database
/// (a plain one starts "SQLite format 3\0"; SQLCipher's starts with its salt).
pub fn is_encrypted(path: &Path) -> Result<bool> {
    let mut head = [0u8; 16];
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => {
            return Err(CoreError::Internal(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(CoreError::Internal(format!(
                    "cannot read {}: {e}",
                    path.display()
                )))
            }
        }
    }
    // An empty file is a new plain database (SQLite writes its header at the first write).
    Ok(read > 0 && head[..read] != b"SQLite format 3\0"[..read])
}
