//! The key a store's file is encrypted with (SQLCipher). Every connection to
//! the store's file — the store's own, the background checkpointer's, a
//! backup's destination, a restore's preview — is keyed with `apply_key`
//! before its first statement; `None` means a plain file.

use crate::Result;
use rusqlite::Connection;

/// A raw 256-bit SQLCipher key. Never printed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey([u8; 32]);

impl DbKey {
    pub fn from_bytes(raw: [u8; 32]) -> DbKey {
        DbKey(raw)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// SQLCipher's raw-key literal: `x'<64 hex digits>'` (no key derivation).
    pub(crate) fn pragma_literal(&self) -> String {
        let hex: String = self.0.iter().map(|b| format!("{b:02x}")).collect();
        format!("\"x'{hex}'\"")
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// Keys `conn` (a no-op for a plain file). Must come before anything else
/// reads or writes the file.
pub fn apply_key(conn: &Connection, key: Option<&DbKey>) -> Result<()> {
    if let Some(key) = key {
        conn.execute_batch(&format!("PRAGMA key = {};", key.pragma_literal()))?;
    }
    Ok(())
}
