//! Ids and choices that every till must derive alike, without asking anyone:
//! a record's id from what makes it unique (so issuing twice, here or at
//! another till offline, writes one record), and whether a member is held out
//! of a campaign (the control group), from the campaign's id and hers.

use blake2::{Blake2s256, Digest};
use uuid::Uuid;

fn digest(parts: &[&str]) -> [u8; 32] {
    let mut h = Blake2s256::new();
    for p in parts {
        // The length first, so ("ab", "c") and ("a", "bc") differ.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().into()
}

/// A UUID (version 8: made from a hash) that depends only on `parts`.
pub(crate) fn derived_id(entity: &str, a: &str, b: &str) -> Uuid {
    let d = digest(&[entity, a, b]);
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&d[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// Whether `member` is in campaign `campaign`'s control group of `pct`
/// percent: a number 0..10000 from their hash, below `pct` × 100. The same
/// answer on every till, every time; about `pct`% of a large segment.
pub fn in_control_group(campaign: &str, member: &str, pct: u32) -> bool {
    let d = digest(&["control", campaign, member]);
    let n = u64::from_le_bytes(d[..8].try_into().expect("8 bytes")) % 10_000;
    n < u64::from(pct.min(100)) * 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_id_depends_on_its_parts_only() {
        assert_eq!(
            derived_id("member_coupon", "m1", "birthday:2026"),
            derived_id("member_coupon", "m1", "birthday:2026"),
            "the same parts give the same id"
        );
        assert_ne!(
            derived_id("member_coupon", "m1", "birthday:2026"),
            derived_id("member_coupon", "m1", "birthday:2027"),
            "another source is another coupon"
        );
        assert_ne!(
            derived_id("x", "ab", "c"),
            derived_id("x", "a", "bc"),
            "parts are not simply glued together"
        );
    }

    #[test]
    fn the_control_group_is_about_its_share_and_the_same_every_time() {
        let members: Vec<String> = (0..5000).map(|i| format!("member-{i}")).collect();
        let held = members
            .iter()
            .filter(|m| in_control_group("c1", m, 10))
            .count();
        assert!(
            (400..=600).contains(&held),
            "10% of 5000 is 500, give or take chance: got {held}"
        );
        let again = members
            .iter()
            .filter(|m| in_control_group("c1", m, 10))
            .count();
        assert_eq!(held, again, "the same members every time");
        assert!(
            !members.iter().any(|m| in_control_group("c1", m, 0)),
            "0%: nobody is held out"
        );
    }
}
