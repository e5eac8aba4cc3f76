//! Opening a database the way the app does: an encrypted one with its key
//! from the OS credential store, else the owner's passphrase (from
//! `--passphrase-file`, else asked on the terminal). Benches and `seed` make
//! plain files unless asked (`--encrypt`).

use anyhow::Context;
use salondesk_core::clock::SystemClock;
use salondesk_core::crypt::{self, KdfParams, KeyPlace, OsKeyStore};
use salondesk_core::db::{self, is_encrypted, DbKey};
use salondesk_core::{CoreError, Store};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How an encrypted database's key is found (or a new one made).
#[derive(clap::Args, Clone, Default)]
pub struct KeyArgs {
    /// A file whose first line is the owner's database passphrase: used when
    /// the credential store does not hold the key (and to wrap a new key).
    #[arg(long)]
    pub passphrase_file: Option<PathBuf>,
    /// Make a new database encrypted, or encrypt a plain one in place.
    #[arg(long)]
    pub encrypt: bool,
}

impl KeyArgs {
    /// The passphrase from the file, else asked on the terminal.
    fn passphrase(&self) -> anyhow::Result<String> {
        let line = match &self.passphrase_file {
            Some(f) => std::fs::read_to_string(f)
                .with_context(|| format!("reading {}", f.display()))?
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
            None => {
                eprint!("Database passphrase: ");
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                line.trim_end_matches(['\r', '\n']).to_owned()
            }
        };
        Ok(line)
    }
}

/// Opens `db` as the one program using it, encrypted or plain as it is (see the header).
pub fn open_exclusive(db: &Path, args: &KeyArgs) -> anyhow::Result<Store> {
    let lock = db::instance::lock(db)?;
    crypt::recover(db)?;
    let keys = OsKeyStore::from_env();
    let exists = std::fs::metadata(db).map(|m| m.len() > 0).unwrap_or(false);
    let key: Option<DbKey> = if !exists {
        if args.encrypt {
            let (key, place) = crypt::create_key(db, keys.as_ref())?;
            // The key must be kept somewhere before anything is written with it.
            if place == KeyPlace::NotYetSaved || args.passphrase_file.is_some() {
                crypt::set_passphrase(db, &key, &args.passphrase()?, KdfParams::STRONG)?;
            }
            Some(key)
        } else {
            None
        }
    } else if !is_encrypted(db)? {
        if args.encrypt {
            let bar = crate::progress::bar(1000, "encrypting");
            let (key, _) = crypt::encrypt_with_passphrase(
                db,
                &args.passphrase()?,
                keys.as_ref(),
                KdfParams::STRONG,
                &|p| bar.set_position(p.done as u64),
            )?;
            bar.finish_and_clear();
            Some(key)
        } else {
            None
        }
    } else {
        Some(existing_key(db, args, keys.as_ref())?)
    };
    Ok(Store::open_with_lock(db, Arc::new(SystemClock), key, lock)?)
}

/// The key of the existing database `db` (`None`: a plain file), from the
/// credential store, else unwrapped from its key file with the passphrase.
pub fn key_of(db: &Path, args: &KeyArgs) -> anyhow::Result<Option<DbKey>> {
    if !is_encrypted(db)? {
        return Ok(None);
    }
    let keys = OsKeyStore::from_env();
    Ok(Some(existing_key(db, args, keys.as_ref())?))
}

fn existing_key(db: &Path, args: &KeyArgs, keys: &dyn crypt::KeyStore) -> anyhow::Result<DbKey> {
    match crypt::prepare(db, keys) {
        Ok((key, _)) => Ok(key),
        Err(CoreError::DatabaseLocked {
            reason: "needs_passphrase",
        }) => Ok(crypt::unlock(db, &args.passphrase()?, keys)?.0),
        Err(e) => Err(e.into()),
    }
}

/// Opens `db` beside whatever else has it open (the app selling while a
/// backup is taken from the terminal), keyed as it is.
pub fn open_shared(db: &Path, args: &KeyArgs) -> anyhow::Result<Store> {
    let key = key_of(db, args)?;
    Ok(Store::open_keyed(
        db,
        Arc::new(SystemClock),
        db::Vfs::from_env(),
        key,
    )?)
}
