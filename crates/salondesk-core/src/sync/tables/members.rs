//! Members: the profile, tiers and their changes, consent, points.

use super::{col, json, Fill, Table, CREATED, STAMPED};

/// Last writer wins per field.
pub(super) const UPSERTS: &[Table] = &[
    Table {
        entity: "member",
        table: "members",
        key: "id",
        columns: &[
            col("memberNo", "member_no"),
            col("name", "name"),
            col("phone", "phone"),
            col("gender", "gender"),
            col("birthday", "birthday"),
            col("region", "region"),
            col("skinType", "skin_type"),
            col("allergies", "allergies"),
            col("preferredStaffId", "preferred_staff_id"),
            col("notes", "notes"),
            json("tags", "tags"),
            col("consentMarketing", "consent_marketing"),
            col("source", "source"),
            col("referrerId", "referrer_id"),
            col("tier", "tier"),
            col("registeredAt", "registered_at"),
        ],
        created: &[("updated_at", Fill::OpTime)],
        defaults: &[
            ("memberNo", Fill::EntityId),
            ("name", Fill::Text("")),
            // No number: "+" (a phone's shape, with no digits to find her by).
            ("phone", Fill::Text("+")),
            ("registeredAt", Fill::OpTime),
        ],
        touch: Some("updated_at"),
    },
    Table {
        // The four tiers exist everywhere: only their rules travel.
        entity: "tier",
        table: "tiers",
        key: "code",
        columns: &[
            col("tier", ""),
            col("discountBp", "discount_bp"),
            col("pointsMultiplierPct", "points_multiplier_pct"),
            col("bookingDays", "booking_days"),
            col("minCumulativeSpend", "min_cumulative_spend"),
            col("minMonthlySpend", "min_monthly_spend"),
            col("consecutiveMonths", "consecutive_months"),
            col("mode", "rule_mode"),
            col("birthdayMultiplierPct", "birthday_multiplier_pct"),
            json("freeServices", "free_services"),
        ],
        created: &[("updated_at", Fill::OpTime)],
        defaults: &[],
        touch: Some("updated_at"),
    },
    Table {
        entity: "points_exchange_item",
        table: "points_exchange_items",
        key: "id",
        columns: &[
            col("kind", "kind"),
            col("itemId", "item_id"),
            col("couponCode", "coupon_code"),
            col("name", "name"),
            col("points", "points"),
            col("validDays", "valid_days"),
            col("active", "active"),
        ],
        created: STAMPED,
        defaults: &[
            ("kind", Fill::Text("product")),
            ("name", Fill::Text("")),
            ("points", Fill::Int(1)),
        ],
        touch: Some("updated_at"),
    },
];

/// Added once by id, never overwritten.
pub(super) const APPENDS: &[Table] = &[
    Table {
        entity: "points_ledger",
        table: "points_ledger",
        key: "id",
        columns: &[
            col("memberId", "member_id"),
            col("delta", "delta"),
            col("reason", "reason"),
            col("expiresOn", "expires_on"),
            col("dueBefore", ""),
            col("referredId", ""),
            col("staffId", "staff_id"),
            col("note", "note"),
            col("refId", "ref_id"),
        ],
        created: CREATED,
        defaults: &[],
        touch: None,
    },
    Table {
        // When and how a member gave or withdrew marketing consent (`privacy`).
        entity: "member_consent",
        table: "member_consents",
        key: "id",
        columns: &[
            col("memberId", "member_id"),
            col("consent", "consent"),
            col("how", "how"),
            col("staffId", "staff_id"),
            col("at", "created_at"),
        ],
        created: &[("device_id", Fill::OpDevice)],
        defaults: &[("at", Fill::OpTime)],
        touch: None,
    },
    Table {
        entity: "tier_change",
        table: "tier_changes",
        key: "id",
        columns: &[
            col("memberId", "member_id"),
            col("from", "from_tier"),
            col("to", "to_tier"),
            col("reason", "reason"),
        ],
        created: CREATED,
        defaults: &[],
        touch: None,
    },
];
