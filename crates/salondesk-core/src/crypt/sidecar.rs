//! The key file beside the database (`<db>.key`, JSON): which credential
//! store entry holds the key, a check value telling a key belongs to this
//! file, and — once the owner set one — the key wrapped by her passphrase:
//! argon2id (salt and parameters kept here) derives a 256-bit wrapping key,
//! and ChaCha20-Poly1305 seals the database key with it (its tag is what
//! refuses a wrong passphrase). Nothing here opens the database without the
//! passphrase or the credential store.

use super::{io_err, sync_dir};
use crate::db::DbKey;
use crate::{CoreError, Result};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// The shortest passphrase accepted (characters).
pub const MIN_PASSPHRASE_CHARS: usize = 8;

const FORMAT: u32 = 1;
/// Binds a wrapped key to this use, so it cannot be passed off as something else.
const AAD: &[u8] = b"salondesk database key v1";

/// argon2id's cost: memory (KiB), passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl KdfParams {
    /// 64 MiB, 3 passes (about half a second on a till): what the app uses.
    pub const STRONG: KdfParams = KdfParams {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };
    /// For tests only: cheap enough to run many times.
    pub const FAST_FOR_TESTS: KdfParams = KdfParams {
        m_kib: 1024,
        t: 1,
        p: 1,
    };
}

/// The key wrapped by the owner's passphrase.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Wrapped {
    pub kdf: String,
    pub params: KdfParams,
    pub salt: String,
    pub nonce: String,
    /// The sealed key and its tag (hex).
    pub wrapped: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: u32,
    /// The credential store entry holding this database's key.
    pub entry: String,
    /// BLAKE2b of the key: tells a key from the credential store is this file's.
    pub key_check: String,
    /// `None` until the owner sets a passphrase.
    pub passphrase: Option<Wrapped>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || !s.is_ascii() {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// The check value of `key` (not the key: a one-way hash of it).
pub fn key_check(key: &DbKey) -> String {
    use blake2::digest::consts::U16;
    use blake2::{Blake2b, Digest};
    let mut h = Blake2b::<U16>::new();
    h.update(b"salondesk key check v1");
    h.update(key.as_bytes());
    hex(&h.finalize())
}

fn corrupt(path: &Path) -> CoreError {
    CoreError::Internal(format!("the key file {} is damaged", path.display()))
}

/// A passphrase long enough, or the reason it is not (on the field `passphrase`).
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(CoreError::validation(
            "passphrase",
            format!("a passphrase has at least {MIN_PASSPHRASE_CHARS} characters"),
        ));
    }
    Ok(())
}

fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<[u8; 32]> {
    let p = Params::new(params.m_kib, params.t, params.p, Some(32))
        .map_err(|e| CoreError::Internal(format!("argon2 parameters: {e}")))?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|e| CoreError::Internal(format!("argon2: {e}")))?;
    Ok(out)
}

impl KeyFile {
    /// A key file for `key`, its credential store entry named at random.
    pub fn new(key: &DbKey) -> KeyFile {
        KeyFile {
            format: FORMAT,
            entry: {
                let mut id = [0u8; 16];
                rand::rngs::OsRng.fill_bytes(&mut id);
                format!("db-{}", hex(&id))
            },
            key_check: key_check(key),
            passphrase: None,
        }
    }

    /// Whether `key` is the key this file is about.
    pub fn matches(&self, key: &DbKey) -> bool {
        self.key_check == key_check(key)
    }

    /// Wraps `key` with `passphrase` (replacing any earlier wrap).
    pub fn wrap(&mut self, key: &DbKey, passphrase: &str, params: KdfParams) -> Result<()> {
        check_passphrase(passphrase)?;
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let kek = derive(passphrase, &salt, params)?;
        let sealed = ChaCha20Poly1305::new(Key::from_slice(&kek))
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: key.as_bytes(),
                    aad: AAD,
                },
            )
            .map_err(|_| CoreError::Internal("cannot wrap the key".into()))?;
        self.passphrase = Some(Wrapped {
            kdf: "argon2id".into(),
            params,
            salt: hex(&salt),
            nonce: hex(&nonce),
            wrapped: hex(&sealed),
        });
        Ok(())
    }

    /// The key, unwrapped with `passphrase`: `wrong_passphrase` if it does
    /// not open it, `database_locked` (`key_lost`) if no passphrase was set.
    pub fn unwrap_key(&self, passphrase: &str) -> Result<DbKey> {
        let w = self
            .passphrase
            .as_ref()
            .ok_or(CoreError::DatabaseLocked { reason: "key_lost" })?;
        let bad = || CoreError::Internal("the key file's wrapped key is damaged".into());
        if w.kdf != "argon2id" {
            return Err(bad());
        }
        let (salt, nonce, sealed) = (
            unhex(&w.salt).ok_or_else(bad)?,
            unhex(&w.nonce).ok_or_else(bad)?,
            unhex(&w.wrapped).ok_or_else(bad)?,
        );
        if nonce.len() != 12 {
            return Err(bad());
        }
        let kek = derive(passphrase, &salt, w.params)?;
        let raw = ChaCha20Poly1305::new(Key::from_slice(&kek))
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &sealed,
                    aad: AAD,
                },
            )
            .map_err(|_| CoreError::WrongPassphrase)?;
        let raw: [u8; 32] = raw.try_into().map_err(|_| bad())?;
        let key = DbKey::from_bytes(raw);
        if !self.matches(&key) {
            return Err(bad());
        }
        Ok(key)
    }

    /// The key file of the database at `db`, `None` if it has none.
    pub fn read(db: &Path) -> Result<Option<KeyFile>> {
        KeyFile::read_at(&super::key_file_path(db))
    }

    /// The key file at `path` itself (a backup folder's `salondesk-<tag>.key`),
    /// `None` if there is none.
    pub fn read_at(path: &Path) -> Result<Option<KeyFile>> {
        let path = path.to_path_buf();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err("cannot read", &path, e)),
        };
        let file: KeyFile = serde_json::from_str(&text).map_err(|_| corrupt(&path))?;
        if file.format != FORMAT {
            return Err(corrupt(&path));
        }
        Ok(Some(file))
    }

    /// Writes the key file of `db` whole or not at all: to a temporary file,
    /// synced, renamed over the old one, the folder synced.
    pub fn write(&self, db: &Path) -> Result<()> {
        let path = super::key_file_path(db);
        let tmp = super::beside(db, ".key.tmp");
        let text = serde_json::to_string_pretty(self)?;
        let mut f = std::fs::File::create(&tmp).map_err(|e| io_err("cannot write", &tmp, e))?;
        f.write_all(text.as_bytes())
            .and_then(|_| f.sync_all())
            .map_err(|e| io_err("cannot write", &tmp, e))?;
        drop(f);
        std::fs::rename(&tmp, &path).map_err(|e| io_err("cannot write", &path, e))?;
        sync_dir(path.parent().unwrap_or(Path::new(".")));
        Ok(())
    }
}
