//! Members: the profile, consent, tiers and their changes, opening balances, points.

use super::{EntitySpec, IdForm, Scope, APPEND, UPSERT};
use crate::ops::OpKind;

pub(super) const ENTITIES: &[EntitySpec] = &[
    EntitySpec {
        name: "member",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        // `erase`: her identity removed on request (`privacy`); its payload is empty.
        kinds: &[
            OpKind::Upsert,
            OpKind::Archive,
            OpKind::Merge,
            OpKind::Erase,
        ],
        fields: &[
            "memberNo",
            "name",
            "phone",
            "gender",
            "birthday",
            "region",
            "skinType",
            "allergies",
            "preferredStaffId",
            "notes",
            "tags",
            "consentMarketing",
            "source",
            "referrerId",
            "tier",
            "registeredAt",
            "survivor",
        ],
    },
    EntitySpec {
        name: "tier",
        scope: Scope::Chain,
        id: IdForm::Key,
        kinds: UPSERT,
        fields: &[
            "tier",
            "discountBp",
            "pointsMultiplierPct",
            "bookingDays",
            "minCumulativeSpend",
            "minMonthlySpend",
            "consecutiveMonths",
            // Issue 14: how spend and run combine, the birthday offer and
            // free services per period ([{serviceId, count, period}]).
            "mode",
            "birthdayMultiplierPct",
            "freeServices",
        ],
    },
    EntitySpec {
        // When and how a member gave or withdrew marketing consent (`privacy`):
        // kept for the chain whichever store she said it at.
        name: crate::privacy::CONSENT_ENTITY,
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["memberId", "consent", "how", "staffId", "at"],
    },
    EntitySpec {
        name: "tier_change",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["memberId", "from", "to", "reason"],
    },
    EntitySpec {
        name: "points_ledger",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &[
            "memberId",
            "delta",
            "reason",
            "expiresOn",
            "dueBefore",
            "referredId",
            // Issue 17: who wrote a row by hand (an adjustment, an exchange),
            // why, and the exchange item it was spent on.
            "staffId",
            "note",
            "refId",
        ],
    },
    EntitySpec {
        // A member's opening balances brought from the store's old system (an
        // import): `ledger`: [{ledger: points|stored_value|package, id,
        // memberId|packageId, delta, reason: opening|opening_bonus,
        // expiresOn?}]; `packages`: [{id, memberId, planId, serviceId, name,
        // expiresOn, sessions}] (as in a sale's). Chain-wide like her other
        // ledger rows, so every store's balances add up.
        name: "member_opening",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["memberId", "ledger", "packages"],
    },
    EntitySpec {
        // The store's points exchange list (积分兑换): a gift product, a
        // service session or a coupon, each for a number of points. Kept per
        // store: the gifts are that store's stock.
        name: "points_exchange_item",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "kind",
            "itemId",
            "couponCode",
            "name",
            "points",
            "validDays",
            "active",
        ],
    },
];
