//! Coupons bound to one member, for one use across the chain, and the rule of
//! which use wins when two tills, both offline, redeem the same coupon.
//!
//! A coupon's uses are a union of `member_coupon_use` records (`use` by a
//! sale, `give_back` when that sale is refunded whole), never a flag that two
//! tills could overwrite. The coupon is free while no sale holds it. The
//! server judges each use as it arrives, in its log's order: the first holds
//! the coupon, a second one while the first still holds it is a conflict for
//! a manager (both sales stand: they happened), never a silent double use.
//! The till and the server both read holders with [`holders`].

use uuid::Uuid;

/// A coupon issued to one member (synced, chain-wide, upsert).
pub const MEMBER_COUPON_ENTITY: &str = "member_coupon";
/// One use of a member coupon by a sale, or its giving back (append).
pub const MEMBER_COUPON_USE_ENTITY: &str = "member_coupon_use";
/// What a `member_coupon_use` record says.
pub const USE: &str = "use";
pub const GIVE_BACK: &str = "give_back";
pub const USE_ACTIONS: &[&str] = &[USE, GIVE_BACK];
/// The server's conflict kind for a second use while the first still holds it.
pub const DOUBLE_COUPON_USE: &str = "double_coupon_use";

/// One record of a coupon's history, in the order it was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UseEvent {
    pub sale: Uuid,
    pub give_back: bool,
}

/// The sales that hold the coupon after `events`, first holder first: a use
/// adds its sale (once), a give-back removes that sale only.
pub fn holders(events: impl IntoIterator<Item = UseEvent>) -> Vec<Uuid> {
    let mut held: Vec<Uuid> = Vec::new();
    for e in events {
        if e.give_back {
            held.retain(|s| *s != e.sale);
        } else if !held.contains(&e.sale) {
            held.push(e.sale);
        }
    }
    held
}

/// What a new use by `sale` is, given the coupon's holders before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseVerdict {
    /// Nobody held it: this sale wins it.
    First,
    /// This sale already holds it (the same use sent again).
    Again,
    /// Another sale holds it: a double use, to be raised as a conflict.
    Second { holder: Uuid },
}

pub fn judge_use(holders_before: &[Uuid], sale: Uuid) -> UseVerdict {
    if holders_before.contains(&sale) {
        return UseVerdict::Again;
    }
    match holders_before.first() {
        None => UseVerdict::First,
        Some(&holder) => UseVerdict::Second { holder },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn used(n: u128) -> UseEvent {
        UseEvent {
            sale: id(n),
            give_back: false,
        }
    }

    fn back(n: u128) -> UseEvent {
        UseEvent {
            sale: id(n),
            give_back: true,
        }
    }

    #[test]
    fn the_first_use_wins_and_a_second_while_it_holds_is_a_double_use() {
        assert_eq!(
            judge_use(&holders([]), id(1)),
            UseVerdict::First,
            "nobody held it"
        );
        let h = holders([used(1)]);
        assert_eq!(
            judge_use(&h, id(1)),
            UseVerdict::Again,
            "the same sale again"
        );
        assert_eq!(
            judge_use(&h, id(2)),
            UseVerdict::Second { holder: id(1) },
            "sale 2 came after sale 1 held it"
        );
    }

    #[test]
    fn a_give_back_frees_the_coupon_only_from_its_own_sale() {
        assert!(
            holders([used(1), back(1)]).is_empty(),
            "refunded whole: free again"
        );
        assert_eq!(
            holders([used(1), used(2), back(2)]),
            vec![id(1)],
            "giving back the second use leaves the first holding it"
        );
        assert_eq!(
            judge_use(&holders([used(1), back(1)]), id(3)),
            UseVerdict::First,
            "after a give-back a new sale may use it"
        );
    }
}
