//! The imported members' search keys, kept in memory through the import
//! and put into the search index once, in its order, after the last batch.

use crate::member::{member_keys, Member};
use crate::store::Store;
use crate::{CoreError, Result};
use rusqlite::params;

/// The imported members' search keys, kept aside until the import's last
/// batch (`index_imported`). Why: a member's dozen keys land all over the
/// index, so a batch of members rewrites most of its pages and each batch's
/// commit writes them to the WAL again; sorted once for the whole import,
/// each page is written about once. Held here rather than in a temporary
/// table: sorting them in memory saves writing every key twice and SQLite's
/// sort of them. Only a committed batch's keys are added (`write_batches`).
///
/// The key texts live end to end in one buffer, each key a fixed-size entry
/// pointing into it with its first bytes beside: a million separate
/// `String`s cost an allocation and a free each, and sorting them read
/// memory all over the heap (bench import: a sixth of the import's time).
#[derive(Default)]
pub(crate) struct Keys {
    /// Every key's text, one after the other.
    text: Vec<u8>,
    keys: Vec<Key>,
    /// (rid, recency) of each member, to mark her indexed.
    members: Vec<(i64, i64)>,
}

/// One search key: the index's columns (kind, key, recency, member rid),
/// the key's text as a range of `Keys::text`.
#[derive(Clone, Copy)]
struct Key {
    kind: i64,
    /// The text's first eight bytes, big-endian, zero-padded: compares as
    /// the bytes do, so most comparisons never read the text.
    head: u64,
    start: usize,
    len: usize,
    recency: i64,
    rid: i64,
}

/// About how many keys a member has (phone, card, name, its grams, pinyin)
/// and how many bytes they take, for reserving the import's whole buffer at
/// once: grown by doubling, its old copies left the heap so fragmented that
/// every later allocation of the import slowed down (bench import).
const KEYS_PER_MEMBER: usize = 16;
const KEY_BYTES_PER_MEMBER: usize = 128;

impl Keys {
    /// Room for `members` members' keys.
    pub fn with_capacity(members: usize) -> Keys {
        Keys {
            text: Vec::with_capacity(members.saturating_mul(KEY_BYTES_PER_MEMBER)),
            keys: Vec::with_capacity(members.saturating_mul(KEYS_PER_MEMBER)),
            members: Vec::with_capacity(members),
        }
    }

    pub(super) fn add(&mut self, members: &[(Member, i64)]) {
        for (m, rid) in members {
            let recency = m.recency();
            self.members.push((*rid, recency));
            for (kind, key) in member_keys(&m.name, m.phone.national_digits(), &m.member_no) {
                self.push(kind as i64, key.as_bytes(), recency, *rid);
            }
        }
    }

    fn push(&mut self, kind: i64, key: &[u8], recency: i64, rid: i64) {
        let mut head = [0u8; 8];
        let n = key.len().min(8);
        head[..n].copy_from_slice(&key[..n]);
        self.keys.push(Key {
            kind,
            head: u64::from_be_bytes(head),
            start: self.text.len(),
            len: key.len(),
            recency,
            rid,
        });
        self.text.extend_from_slice(key);
    }

    fn text(&self, k: &Key) -> &[u8] {
        &self.text[k.start..k.start + k.len]
    }

    /// The index's own order: kind, key, recency, rid.
    fn order(&self, a: &Key, b: &Key) -> std::cmp::Ordering {
        (a.kind, a.head)
            .cmp(&(b.kind, b.head))
            .then_with(|| self.text(a).cmp(self.text(b)))
            .then_with(|| (a.recency, a.rid).cmp(&(b.recency, b.rid)))
    }

    /// Sorted in the index's order, each key once.
    fn sorted(&mut self) -> Vec<Key> {
        let mut keys = std::mem::take(&mut self.keys);
        keys.sort_unstable_by(|a, b| self.order(a, b));
        keys.dedup_by(|a, b| self.order(a, b).is_eq());
        keys
    }

    /// A committed batch's keys, added to the import's.
    pub fn extend(&mut self, batch: Keys) {
        let offset = self.text.len();
        self.text.extend_from_slice(&batch.text);
        self.keys.extend(batch.keys.into_iter().map(|k| Key {
            start: k.start + offset,
            ..k
        }));
        self.members.extend(batch.members);
    }
}

/// Keys moved into the index per write: a write lock of a fraction of a
/// second, so a till selling meanwhile waits no longer than for a batch.
const KEYS_PER_WRITE: usize = 100_000;

/// After the last batch (or a failed one): the imported members' keys into
/// the search index in the index's own order, a slice per write, then the
/// members marked indexed, as `member::index` leaves them. A crash between
/// leaves them `search_dirty`, and `refresh_search_index` indexes them alike.
pub(crate) fn index_imported(store: &mut Store, mut keys: Keys) -> Result<()> {
    if keys.members.is_empty() {
        return Ok(());
    }
    let sorted = keys.sorted();
    for slice in sorted.chunks(KEYS_PER_WRITE) {
        store.write(|w| {
            let mut put = w.prepare_cached(
                "INSERT OR IGNORE INTO member_search (kind, key, recency, member_rid)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for k in slice {
                let text = std::str::from_utf8(keys.text(k))
                    .map_err(|e| CoreError::Internal(format!("a search key is not text: {e}")))?;
                put.execute(params![k.kind, text, k.recency, k.rid])?;
            }
            Ok(())
        })?;
    }
    store.write(|w| {
        let mut set = w.prepare_cached(
            "UPDATE members SET indexed_recency = ?2, search_dirty = 0 WHERE rid = ?1",
        )?;
        for (rid, recency) in &keys.members {
            set.execute(params![rid, recency])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept keys come out in the order (and with the duplicates dropped)
    /// of sorting the index's rows themselves, whatever their lengths: keys
    /// alike in their first eight bytes, an empty one, Chinese text, a batch
    /// added after another.
    #[test]
    fn the_kept_keys_sort_as_the_index_rows_would() {
        let rows: Vec<(i64, &str, i64, i64)> = vec![
            (3, "13900000042", 5, 2),
            (3, "13900000041", 5, 1),
            (3, "1390000004", 5, 3),
            (1, "王丽娜", 7, 1),
            (1, "王丽", 7, 2),
            (1, "", 1, 9),
            (3, "13900000042", 5, 2),
            (3, "13900000042", 4, 2),
            (0, "zzzzzzzzzzzzzzzzzzzz", 1, 1),
            (0, "zzzzzzzzzzzzzzzzzzzy", 1, 1),
        ];
        let mut first = Keys::default();
        let mut second = Keys::default();
        for (i, (kind, key, recency, rid)) in rows.iter().enumerate() {
            let part = if i < 4 { &mut first } else { &mut second };
            part.push(*kind, key.as_bytes(), *recency, *rid);
        }
        first.extend(second);
        let got: Vec<(i64, String, i64, i64)> = first
            .sorted()
            .iter()
            .map(|k| {
                let text = String::from_utf8(first.text(k).to_vec()).unwrap();
                (k.kind, text, k.recency, k.rid)
            })
            .collect();
        let mut want: Vec<(i64, String, i64, i64)> = rows
            .iter()
            .map(|(k, t, r, m)| (*k, t.to_string(), *r, *m))
            .collect();
        want.sort();
        want.dedup();
        assert_eq!(got, want, "the index's order, each row once");
    }
}
