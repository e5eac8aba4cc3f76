//! Member search, the cashier's main tool. A query is read as every kind of
//! key it could be; each kind is an index lookup that returns its most recent
//! visitors first. Exact matches (the whole phone, card number, name, pinyin or
//! initials) rank before partial ones, then the most recent visitors first.

use super::keys::{fold_name, is_cjk, reversed, Kind, MAX_GRAM};
use super::read::{member_from_row, MEMBER_COLUMNS};
use super::{Member, Tier};
use crate::ids::MemberId;
use crate::store::Store;
use crate::types::Phone;
use crate::Result;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::HashMap;

/// How a result matched the query, for the UI to highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    MemberNo,
    Phone,
    PhoneSuffix,
    Name,
    Pinyin,
    Initials,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberHit {
    pub id: MemberId,
    pub member_no: String,
    pub name: String,
    pub phone: Phone,
    pub tier: Tier,
    pub last_visit_at: Option<DateTime<Utc>>,
    pub matched: MatchKind,
    pub exact: bool,
}

/// A prefix range scans at most this many keys before ranking them by recency:
/// enough for every realistic partial match, bounded for a million members.
const PREFIX_SCAN_CAP: usize = 1000;

#[derive(Clone, Copy)]
enum Lookup {
    Exact,
    /// Keys that start with the query but are longer than it.
    Prefix,
}

struct Plan {
    kind: Kind,
    key: String,
    lookup: Lookup,
    matched: MatchKind,
}

/// Every way the query can be read.
fn plans(query: &str) -> Vec<Plan> {
    let q = query.trim();
    let mut out = Vec::new();
    let mut add = |kind, key: String, lookup, matched| {
        if !key.is_empty() {
            out.push(Plan {
                kind,
                key,
                lookup,
                matched,
            })
        }
    };
    let compact: String = q
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '+' | '(' | ')'))
        .collect();
    if !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit()) {
        let digits = match (q.starts_with('+'), compact.strip_prefix("86")) {
            (true, Some(national)) => national.to_owned(),
            _ => compact.clone(),
        };
        if digits.len() >= 4 {
            let rev = reversed(&digits);
            add(Kind::PhoneRev, rev.clone(), Lookup::Exact, MatchKind::Phone);
            add(Kind::PhoneRev, rev, Lookup::Prefix, MatchKind::PhoneSuffix);
        }
        add(
            Kind::MemberNo,
            compact.clone(),
            Lookup::Exact,
            MatchKind::MemberNo,
        );
        add(Kind::MemberNo, compact, Lookup::Prefix, MatchKind::MemberNo);
        return out;
    }
    let folded = fold_name(q);
    add(
        Kind::NameFull,
        folded.clone(),
        Lookup::Exact,
        MatchKind::Name,
    );
    let cjk: String = q.chars().filter(|c| is_cjk(*c)).collect();
    if !cjk.is_empty() {
        let gram: String = cjk.chars().take(MAX_GRAM).collect();
        add(Kind::NameGram, gram, Lookup::Exact, MatchKind::Name);
        return out;
    }
    if folded.chars().all(|c| c.is_ascii_alphanumeric()) {
        add(
            Kind::MemberNo,
            folded.to_ascii_uppercase(),
            Lookup::Exact,
            MatchKind::MemberNo,
        );
        add(
            Kind::Pinyin,
            folded.clone(),
            Lookup::Exact,
            MatchKind::Pinyin,
        );
        add(
            Kind::Initials,
            folded.clone(),
            Lookup::Exact,
            MatchKind::Initials,
        );
        add(
            Kind::Pinyin,
            folded.clone(),
            Lookup::Prefix,
            MatchKind::Pinyin,
        );
        add(Kind::Initials, folded, Lookup::Prefix, MatchKind::Initials);
    }
    if let Some(word) = q.split_whitespace().next() {
        let word = word.to_lowercase();
        add(Kind::Word, word.clone(), Lookup::Exact, MatchKind::Name);
        add(Kind::Word, word, Lookup::Prefix, MatchKind::Name);
    }
    out
}

/// (member rid, recency) pairs for one plan, most recent first.
fn run_plan(conn: &Connection, plan: &Plan, limit: usize) -> Result<Vec<(i64, i64)>> {
    let mut rows: Vec<(i64, i64)> = Vec::new();
    match plan.lookup {
        Lookup::Exact => {
            let mut stmt = conn.prepare_cached(
                "SELECT member_rid, recency FROM member_search WHERE kind = ?1 AND key = ?2
                 ORDER BY recency DESC LIMIT ?3",
            )?;
            let it = stmt.query_map(params![plan.kind as i64, plan.key, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            for row in it {
                rows.push(row?);
            }
        }
        Lookup::Prefix => {
            let upper = format!("{}\u{10FFFF}", plan.key);
            let mut stmt = conn.prepare_cached(
                "SELECT member_rid, recency FROM member_search
                 WHERE kind = ?1 AND key > ?2 AND key < ?3 LIMIT ?4",
            )?;
            let it = stmt.query_map(
                params![plan.kind as i64, plan.key, upper, PREFIX_SCAN_CAP as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            for row in it {
                rows.push(row?);
            }
            rows.sort_by_key(|r| std::cmp::Reverse(r.1));
            rows.truncate(limit);
        }
    }
    Ok(rows)
}

impl Store {
    /// Members matching `query`, best first, at most `limit`.
    pub fn search_members(&self, query: &str, limit: usize) -> Result<Vec<MemberHit>> {
        let limit = limit.clamp(1, 200);
        let plans = plans(query);
        let cjk_query: String = query.chars().filter(|c| is_cjk(*c)).collect();
        // rid → (exact, recency, how it matched); the best reading wins.
        let mut best: HashMap<i64, (bool, i64, MatchKind)> = HashMap::new();
        for plan in &plans {
            let exact = matches!(plan.lookup, Lookup::Exact)
                && !matches!(plan.kind, Kind::NameGram | Kind::Word);
            // A long Chinese query is filtered after its first grams match: ask for more.
            let want = if cjk_query.chars().count() > MAX_GRAM {
                limit * 20
            } else {
                limit
            };
            for (rid, recency) in run_plan(&self.conn, plan, want)? {
                let candidate = (exact, recency, plan.matched);
                best.entry(rid)
                    .and_modify(|cur| {
                        if (candidate.0, candidate.1) > (cur.0, cur.1) {
                            *cur = candidate;
                        }
                    })
                    .or_insert(candidate);
            }
        }
        let mut ranked: Vec<(i64, (bool, i64, MatchKind))> = best.into_iter().collect();
        ranked.sort_by(|a, b| (b.1 .0, b.1 .1, a.0).cmp(&(a.1 .0, a.1 .1, b.0)));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEMBER_COLUMNS} FROM members WHERE rid = ?1"
        ))?;
        let mut hits = Vec::with_capacity(limit);
        for (rid, (exact, _, matched)) in ranked {
            if hits.len() == limit {
                break;
            }
            let (member, _) = stmt.query_row([rid], member_from_row)?;
            if member.archived || !contains_cjk_run(&member, &cjk_query) {
                continue;
            }
            hits.push(hit(member, matched, exact));
        }
        Ok(hits)
    }
}

impl Store {
    /// The member a scanned (or typed) card number belongs to, as a search hit.
    pub fn member_hit_by_no(&self, member_no: &str) -> Result<Option<MemberHit>> {
        Ok(self
            .member_by_no(member_no)?
            .map(|m| hit(m, MatchKind::MemberNo, true)))
    }
}

fn contains_cjk_run(m: &Member, cjk_query: &str) -> bool {
    cjk_query.chars().count() <= MAX_GRAM
        || m.name
            .chars()
            .filter(|c| is_cjk(*c))
            .collect::<String>()
            .contains(cjk_query)
}

fn hit(m: Member, matched: MatchKind, exact: bool) -> MemberHit {
    MemberHit {
        id: m.id,
        member_no: m.member_no,
        name: m.name,
        phone: m.phone,
        tier: m.tier,
        last_visit_at: m.last_visit_at,
        matched,
        exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digit_query_reads_as_phone_and_card_number() {
        let kinds: Vec<Kind> = plans("5678").iter().map(|p| p.kind).collect();
        assert!(kinds.contains(&Kind::PhoneRev) && kinds.contains(&Kind::MemberNo));
        assert!(!kinds.contains(&Kind::Pinyin), "digits are never pinyin");
        let kinds: Vec<Kind> = plans("567").iter().map(|p| p.kind).collect();
        assert!(
            !kinds.contains(&Kind::PhoneRev),
            "fewer than 4 digits never search phones"
        );
    }

    #[test]
    fn a_chinese_query_reads_as_name_only() {
        let kinds: Vec<Kind> = plans("张").iter().map(|p| p.kind).collect();
        assert_eq!(kinds, vec![Kind::NameFull, Kind::NameGram]);
    }
}
