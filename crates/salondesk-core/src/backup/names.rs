//! Backup file names and the backups found in a folder.
//!
//! A name says whose and when: `salondesk-<store code>-<device code>-<UTC
//! yyyymmdd-hhmmss>.sqlite3`. Several tills may share one folder (a synced
//! drive): retention only ever removes this till's own files.

use crate::time::iso;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

const PREFIX: &str = "salondesk-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%d-%H%M%S";
/// `yyyymmdd-hhmmss`
const STAMP_LEN: usize = 15;

/// The name of `tag`'s backup taken at `at` (to the second).
pub fn file_name(tag: &str, at: DateTime<Utc>) -> String {
    format!("{PREFIX}{tag}-{}{SUFFIX}", at.format(STAMP))
}

/// The store's key file in a backup folder (an encrypted store's backups
/// open with it and the owner's passphrase): `salondesk-<tag>.key`.
pub fn key_file_name(tag: &str) -> String {
    format!("{PREFIX}{tag}.key")
}

/// Where a copy is written before it is checked: hidden, and never listed.
pub(super) fn partial_name(name: &str) -> String {
    format!(".{name}.partial")
}

/// `(tag, taken at)` of a backup's file name; `None` for any other file.
pub fn parse_name(name: &str) -> Option<(String, DateTime<Utc>)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    if rest.len() < STAMP_LEN + 2 || !rest.is_char_boundary(rest.len() - STAMP_LEN) {
        return None;
    }
    let (tag, stamp) = rest.split_at(rest.len() - STAMP_LEN);
    let tag = tag.strip_suffix('-')?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((tag.to_owned(), Utc.from_utc_datetime(&at)))
}

/// A backup file found in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedBackup {
    pub name: String,
    #[serde(skip)]
    pub path: PathBuf,
    /// The store and device it is of (`S01-001`).
    pub tag: String,
    pub taken_at: String,
    pub size: u64,
    /// This till's own backup (the others in a shared folder are another till's).
    pub own: bool,
}

impl ListedBackup {
    pub fn taken_at_utc(&self) -> Option<DateTime<Utc>> {
        crate::time::parse_iso(&self.taken_at)
    }
}

/// The backups in `folder`, newest first; an unreadable folder lists nothing.
pub fn list_backups(folder: &Path, own_tag: &str) -> Vec<ListedBackup> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut out: Vec<ListedBackup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let (tag, at) = parse_name(&name)?;
            let size = e.metadata().ok().filter(|m| m.is_file())?.len();
            Some(ListedBackup {
                own: tag == own_tag,
                path: e.path(),
                name,
                tag,
                taken_at: iso(at),
                size,
            })
        })
        .collect();
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_reads_back_as_its_tag_and_time() {
        let at = Utc.with_ymd_and_hms(2026, 12, 6, 19, 5, 7).unwrap();
        let name = file_name("S01-001", at);
        assert_eq!(name, "salondesk-S01-001-20261206-190507.sqlite3");
        assert_eq!(
            parse_name(&name),
            Some(("S01-001".to_owned(), at)),
            "the tag and the second it was taken come back out of the name"
        );
        assert_eq!(
            parse_name(&partial_name(&name)),
            None,
            "a copy still being written is not a backup"
        );
        assert_eq!(
            parse_name("salondesk.sqlite3"),
            None,
            "the store itself is not"
        );
    }
}
