//! `bench search`: the cashier's lookup on a million members. For each query
//! kind, the indexed search and the same query done the naive way (LIKE
//! '%…%' scans over the members table) are timed in the same run.

use super::stats::print;
use crate::seed::seed_with_bar;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rusqlite::params;
use salondesk_core::clock::SystemClock;
use salondesk_core::member::pinyin_initials;
use salondesk_core::Store;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const LIMIT: usize = 20;
/// Naive scans take hundreds of milliseconds each: a few dozen tell the story.
const NAIVE_QUERIES: usize = 30;

struct Kind {
    name: &'static str,
    queries: Vec<String>,
    naive_sql: &'static str,
    naive_pattern: fn(&str) -> String,
}

pub fn run(db: &Path, members: u64, queries: usize) -> anyhow::Result<()> {
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    let have = store.member_count()? as u64;
    if have < members {
        eprintln!("seeding {} members into {}", members - have, db.display());
        seed_with_bar(&mut store, members - have, 20261123 + have)?;
    }
    eprintln!("{} members in {}", store.member_count()?, db.display());
    // A desk that has been open a while has its database in the OS page cache; a
    // benchmark right after a big build may not. Read the file once so both
    // searches are measured warm, not on disk latency.
    warm_os_cache(db)?;
    let kinds = sample_queries(&store, queries)?;
    for kind in &kinds {
        // Warm the page cache the way a desk that has been open a while is warm.
        for q in kind.queries.iter().take(50) {
            store.search_members(q, LIMIT)?;
        }
        let mut samples: Vec<Duration> = Vec::with_capacity(kind.queries.len());
        let mut found = 0usize;
        for q in &kind.queries {
            let t = Instant::now();
            let hits = store.search_members(q, LIMIT)?;
            samples.push(t.elapsed());
            found += usize::from(!hits.is_empty());
        }
        anyhow::ensure!(
            found == kind.queries.len(),
            "search.{}: {} of {} queries taken from real members found nothing",
            kind.name,
            kind.queries.len() - found,
            kind.queries.len()
        );
        print(&format!("search.{}", kind.name), &mut samples);
        let mut naive: Vec<Duration> = Vec::new();
        let mut stmt = store.conn().prepare(kind.naive_sql)?;
        for q in kind.queries.iter().take(NAIVE_QUERIES) {
            let pattern = (kind.naive_pattern)(q);
            let t = Instant::now();
            let rows: Vec<String> = stmt
                .query_map(params![pattern, LIMIT as i64], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            naive.push(t.elapsed());
            anyhow::ensure!(
                !rows.is_empty(),
                "naive search.{} found nothing for {q}",
                kind.name
            );
        }
        print(&format!("search.{}.naive", kind.name), &mut naive);
    }
    Ok(())
}

fn warm_os_cache(db: &Path) -> anyhow::Result<()> {
    use std::io::Read;
    let mut file = std::fs::File::open(db)?;
    let mut buf = vec![0u8; 1 << 20];
    while file.read(&mut buf)? > 0 {}
    Ok(())
}

fn sample_queries(store: &Store, n: usize) -> anyhow::Result<Vec<Kind>> {
    let conn = store.conn();
    // A sample of real members, spread over the whole table.
    let max_rid: i64 = conn.query_row("SELECT max(rid) FROM members", [], |r| r.get(0))?;
    let mut rng = StdRng::seed_from_u64(7);
    let mut rids: Vec<i64> = (1..=max_rid).collect();
    rids.shuffle(&mut rng);
    let mut stmt = conn.prepare(
        "SELECT name, phone, member_no FROM members WHERE rid = ?1 AND archived_at IS NULL",
    )?;
    let (mut suffix, mut name2, mut initials, mut card) = (vec![], vec![], vec![], vec![]);
    for rid in rids {
        if suffix.len() >= n && name2.len() >= n && initials.len() >= n {
            break;
        }
        let Ok((name, phone, member_no)) = stmt.query_row([rid], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        }) else {
            continue;
        };
        if suffix.len() < n {
            suffix.push(phone[phone.len() - 4..].to_owned());
            card.push(member_no);
        }
        let cjk: Vec<char> = name
            .chars()
            .filter(|c| !c.is_ascii() && c.is_alphabetic())
            .collect();
        if cjk.len() >= 2 && name2.len() < n {
            name2.push(cjk[..2].iter().collect());
        }
        if let Some(ini) = pinyin_initials(&name).filter(|i| i.len() >= 2) {
            if initials.len() < n {
                initials.push(ini);
            }
        }
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS naive_initials AS
           SELECT member_rid, key FROM member_search WHERE kind = 7",
    )?;
    Ok(vec![
        Kind {
            name: "phone_suffix",
            queries: suffix,
            naive_sql: "SELECT id FROM members WHERE archived_at IS NULL AND phone LIKE ?1
                        ORDER BY last_visit_at DESC LIMIT ?2",
            naive_pattern: |q| format!("%{q}"),
        },
        Kind {
            name: "name_2char",
            queries: name2,
            naive_sql: "SELECT id FROM members WHERE archived_at IS NULL AND name LIKE ?1
                        ORDER BY last_visit_at DESC LIMIT ?2",
            naive_pattern: |q| format!("%{q}%"),
        },
        Kind {
            name: "pinyin_initials",
            queries: initials,
            naive_sql: "SELECT m.id FROM naive_initials n JOIN members m ON m.rid = n.member_rid
                        WHERE m.archived_at IS NULL AND n.key LIKE ?1
                        ORDER BY m.last_visit_at DESC LIMIT ?2",
            naive_pattern: |q| format!("%{q}%"),
        },
        Kind {
            name: "card_no",
            queries: card,
            naive_sql: "SELECT id FROM members WHERE archived_at IS NULL AND member_no LIKE ?1
                        ORDER BY last_visit_at DESC LIMIT ?2",
            naive_pattern: |q| format!("%{q}%"),
        },
    ])
}
