//! Whom a visit's rating counts for in the staff report, and with which
//! score: the one rule for this store's rated visits (`reports::ratings`,
//! over `visit_feedback` and the sale's lines) and for another store's on a
//! head office (`chain::ratings`, over what the server hands it and the
//! sale it pulled), so both read the same figures.

use serde_json::Value;
use std::collections::BTreeMap;

/// The line kinds whose credited staff served on a visit: the staff the
/// rating form offers to score (`visit::served_by`).
pub(crate) const SERVED_KINDS: [&str; 2] = ["service", "package_redemption"];

/// Each staff member's score from one rated visit, by staff id: her own
/// score where the rating gives her one; else, for each staff member who
/// served on the visit, the visit's score (the client rated the visit she
/// gave). Each staff member once; out-of-range scores are not counted.
pub fn staff_ratings(
    score: u8,
    staff_scores: &BTreeMap<String, u8>,
    served: &[String],
) -> BTreeMap<String, u8> {
    let valid = |s: u8| (1..=5).contains(&s);
    let mut out: BTreeMap<String, u8> = served
        .iter()
        .filter(|s| !s.is_empty() && valid(score))
        .map(|s| (s.clone(), score))
        .collect();
    for (staff, s) in staff_scores {
        if !staff.is_empty() && valid(*s) {
            out.insert(staff.clone(), *s);
        }
    }
    out
}

/// `staffScores` as stored and synced (`{staffId: score}`); anything else
/// reads as no one scored by name.
pub(crate) fn parse_staff_scores(v: &Value) -> BTreeMap<String, u8> {
    v.as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, s)| Some((k.clone(), u8::try_from(s.as_u64()?).ok()?)))
        .collect()
}

/// The staff who served on a sale, from its sync payload (the staff
/// credited on its `SERVED_KINDS` lines), each once, in order.
pub(crate) fn served_on(sale: &Value) -> Vec<String> {
    let mut out: Vec<String> = sale
        .get("lines")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|l| {
            l.get("kind")
                .and_then(Value::as_str)
                .is_some_and(|k| SERVED_KINDS.contains(&k))
        })
        .flat_map(|l| {
            l.get("staff")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(|s| s.get("staffId").and_then(Value::as_str))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scores(pairs: &[(&str, u8)]) -> BTreeMap<String, u8> {
        pairs.iter().map(|(s, v)| (s.to_string(), *v)).collect()
    }

    #[test]
    fn a_staff_member_scored_by_name_gets_her_score_and_the_others_who_served_the_visits() {
        let served = vec!["a".to_string(), "b".to_string()];
        assert_eq!(
            staff_ratings(4, &scores(&[("a", 5)]), &served),
            scores(&[("a", 5), ("b", 4)]),
            "a was scored 5; b served and was not scored by name: the visit's 4"
        );
        assert_eq!(
            staff_ratings(3, &BTreeMap::new(), &served),
            scores(&[("a", 3), ("b", 3)]),
            "no one scored by name: the visit's score for each who served"
        );
        assert_eq!(
            staff_ratings(3, &scores(&[("c", 2)]), &[]),
            scores(&[("c", 2)]),
            "who served unknown (a sale not pulled): the named scores alone"
        );
        assert_eq!(
            staff_ratings(9, &scores(&[("a", 0)]), &served),
            BTreeMap::new(),
            "scores outside 1–5 count for no one"
        );
    }

    #[test]
    fn who_served_is_read_from_the_service_lines_of_the_sale() {
        let sale = json!({"lines": [
            {"kind": "service", "staff": [{"staffId": "b", "shareBp": 6000}, {"staffId": "a", "shareBp": 4000}]},
            {"kind": "product", "staff": [{"staffId": "cashier"}]},
            {"kind": "package_redemption", "staff": [{"staffId": "a"}]}]});
        assert_eq!(
            served_on(&sale),
            vec!["a".to_string(), "b".to_string()],
            "the beauticians on the service and the session, once each; not who sold the product"
        );
        assert_eq!(
            parse_staff_scores(&json!({"a": 5, "b": "x"})),
            scores(&[("a", 5)])
        );
    }
}
