use serde::Serialize;
use ts_rs::TS;

/// What the Settings screen says of the database's encryption.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CryptStatusView {
    /// The file is SQLCipher-encrypted.
    pub encrypted: bool,
    /// Where the key is kept: `credential_store`, `passphrase` (no credential
    /// store: every start asks it) or `not_yet_saved` (a new store whose owner
    /// has not set her passphrase).
    pub key_place: String,
    /// The credential store of this OS: `secret_service`, `credential_manager`,
    /// `keychain`, or `none`.
    pub key_store: String,
    /// The owner's passphrase wraps the key (the recovery is there).
    pub passphrase_set: bool,
}

/// Sent as the `crypt-progress` event while a plain database is encrypted.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CryptProgress {
    /// `copying`, `verifying`, `replacing`, `done`.
    pub phase: String,
    pub done: u32,
    pub total: u32,
}
