//! The rule of each field a device may send (`schema::ENTITIES` lists the
//! fields), and the words of the enums among them.

use super::{MAX_MONEY, MAX_QTY};

pub const ROLES: &[&str] = &["owner", "manager", "cashier", "beautician"];
pub const GENDERS: &[&str] = &["female", "male", "other"];
pub const SKIN_TYPES: &[&str] = &["dry", "oily", "combination", "sensitive", "normal"];
pub const TIERS: &[&str] = &["standard", "silver", "gold", "platinum"];
/// What a price change is of.
pub const PRICED_KINDS: &[&str] = &["service", "product", "top_up_plan", "package_plan"];
pub const TIER_MODES: &[&str] = &["spend", "run", "both", "either"];
/// The calendar colours a staff member may have (the UI draws each).
pub const STAFF_COLORS: &[&str] = &[
    "rose", "coral", "amber", "olive", "green", "teal", "sky", "blue", "indigo", "violet", "plum",
    "slate",
];
/// Per-service commission rates one staff member may hold.
pub const MAX_COMMISSION_OVERRIDES: usize = 200;
pub const APPOINTMENT_STATUSES: &[&str] = &[
    "booked",
    "confirmed",
    "arrived",
    "in_service",
    "completed",
    "cancelled",
    "no_show",
];

/// Why stock was adjusted by hand (a move of reason `adjust`).
pub const ADJUST_REASONS: &[&str] = &["damaged", "used_in_service", "count_correction", "other"];

/// What one field may hold. `null` is always allowed (the field unset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// One line of text, at most this many characters.
    Line(usize),
    /// Free text (newline and tab allowed), at most this many characters.
    Note(usize),
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A UUID.
    Id,
    /// An integer in this range.
    Int(i64, i64),
    Bool,
    /// A calendar date `YYYY-MM-DD` (a birthday: from 1900 on, a real date).
    Date,
    /// An RFC 3339 time between MIN_YEAR and MAX_YEAR.
    Time,
    /// A list of one-line texts: at most `count`, each at most `chars`.
    Lines {
        count: usize,
        chars: usize,
    },
    /// An object from ids (UUIDs) to whole numbers in `lo..=hi`, at most
    /// `count` entries (a staff member's per-service commission rates).
    RatesById {
        count: usize,
        lo: i64,
        hi: i64,
    },
    /// Anything JSON, checked only by the rules for every value (nested rows).
    Any,
}

const MONEY: Rule = Rule::Int(-MAX_MONEY, MAX_MONEY);
const PRICE: Rule = Rule::Int(0, MAX_MONEY);
const QTY: Rule = Rule::Int(-MAX_QTY, MAX_QTY);
const NAME: Rule = Rule::Line(80);
const REASON: Rule = Rule::Note(500);

/// The rule of `entity.field`; `None`: only the rules for every value apply.
pub fn rule(entity: &str, field: &str) -> Option<Rule> {
    use Rule::*;
    Some(match (entity, field) {
        (_, "notes") => Note(2000),
        ("member", "memberNo") => Line(20),
        ("member", "name") => Line(40),
        ("member", "phone") | ("appointment", "walkInPhone") => Line(20),
        ("member", "gender") => OneOf(GENDERS),
        ("member", "birthday") => Date,
        ("member", "region" | "source") => Line(40),
        ("member", "skinType") => OneOf(SKIN_TYPES),
        ("member", "allergies") => Note(500),
        ("member", "tags") => Lines {
            count: 20,
            chars: 20,
        },
        ("member", "tier") | ("tier" | "tier_change", "tier" | "from" | "to") => OneOf(TIERS),
        ("member", "consentMarketing") => Bool,
        ("member", "registeredAt") => Time,
        ("member_consent", "consent") => Bool,
        ("member_consent", "how") => OneOf(crate::privacy::CONSENT_HOWS),
        ("member_consent", "at") => Time,
        ("staff", "role") => OneOf(ROLES),
        ("staff", "pinHash") => Line(200),
        ("staff", "pinMustChange") => Bool,
        ("staff", "color") => OneOf(STAFF_COLORS),
        ("staff", "commissionServiceBp" | "commissionProductBp") => Int(0, 10_000),
        ("staff", "commissionOverrides") => RatesById {
            count: MAX_COMMISSION_OVERRIDES,
            lo: 0,
            hi: 10_000,
        },
        (_, "active") => Bool,
        ("service" | "product" | "top_up_plan" | "package_plan" | "room" | "staff", "name") => NAME,
        ("service", "category" | "resourceKind") => Line(40),
        ("service", "durationMin") => Int(1, 24 * 60),
        ("product", "sku" | "barcode") => Line(64),
        ("service" | "product", "nameEn") => NAME,
        ("product", "category") => Line(40),
        ("product", "unit") => Line(10),
        ("product", "lowStock") => Int(0, MAX_QTY),
        ("service" | "product", "commissionBp") => Int(0, 10_000),
        ("service" | "product", "sortOrder") => Int(0, MAX_QTY),
        ("price_change", "itemKind") => OneOf(PRICED_KINDS),
        ("price_change", "oldPrice" | "newPrice") => PRICE,
        ("service" | "product" | "package_plan", "price") | ("product", "cost") => PRICE,
        ("top_up_plan", "pay" | "bonus") => PRICE,
        ("package_plan", "sessions") => Int(1, 10_000),
        ("package_plan", "validDays") => Int(0, 100 * 366),
        ("tier", "discountBp") => Int(0, 10_000),
        ("tier", "pointsMultiplierPct") => Int(0, 10_000),
        ("tier", "bookingDays") => Int(0, 3660),
        ("tier", "minCumulativeSpend" | "minMonthlySpend") => PRICE,
        ("tier", "consecutiveMonths") => Int(0, 1200),
        ("tier", "mode") => OneOf(TIER_MODES),
        ("tier", "birthdayMultiplierPct") => Int(100, 1000),
        // A short list of {serviceId, count, period}: nested values get the
        // rules for every value; the till reads it leniently (`benefits::parse`).
        ("tier", "freeServices") => Any,
        ("coupon", "code") => Line(64),
        ("coupon", "value" | "min_spend") => PRICE,
        ("coupon", "max_uses") => Int(0, 100_000_000),
        ("coupon", "per_member") => Int(1, 100_000_000),
        ("coupon", "tiers") => Lines {
            count: TIERS.len(),
            chars: 20,
        },
        ("points_ledger", "delta") => MONEY,
        // Checked row by row where they are applied (the till's pull, the
        // server's balances), as a sale's `ledger` and `packages` are.
        ("member_opening", "ledger" | "packages") => Any,
        ("sale", "subtotal" | "discount" | "manualDiscount" | "total" | "change") => MONEY,
        ("sale", "pointsEarned") => MONEY,
        ("sale", "receiptNo") => Line(64),
        ("sale", "kind" | "couponCode") => Line(64),
        ("sale", "businessDate") | ("coupon", "valid_from" | "valid_to") => Date,
        ("sale" | "appointment_history", "createdAt" | "at") => Time,
        ("shift", "float" | "counted") => Any,
        ("cash_drawer", "amount") => MONEY,
        ("cash_drawer", "kind") => Line(40),
        ("stock_move", "qty") => QTY,
        ("stock_move", "reason") => Line(40),
        ("stock_move", "adjustReason") => OneOf(ADJUST_REASONS),
        ("stock_move", "unitCost") => PRICE,
        ("stock_move" | "stock_receipt", "note") => REASON,
        ("stock_receipt", "supplier") | ("stock_take", "category") => NAME,
        ("stock_take", "lines") => Any,
        ("staff_hours", "dayOffReasons") => Lines {
            count: 400,
            chars: 60,
        },
        ("appointment", "walkInName") => Line(40),
        ("appointment", "start" | "end") => Time,
        ("appointment", "status") => OneOf(APPOINTMENT_STATUSES),
        ("appointment", "cancelReason") => REASON,
        ("message", "body") => Note(2000),
        ("message", "attempts") => Int(0, 1_000_000),
        ("message", "lastError") => Note(500),
        ("message", "nextAttemptAt" | "sentAt") => Time,
        ("room", "capacity") => Int(1, 1000),
        ("segment", "name") => Line(40),
        ("segment", "filter") => Any,
        ("room", "kind") => Line(40),
        ("conflict", "resolution") => REASON,
        ("conflict", "resolvedAt") => Time,
        ("tier_change" | "points_ledger" | "cash_drawer" | "appointment_history", "reason") => {
            REASON
        }
        (_, "action") | ("audit_log", "entityId") | ("message", "sentBy") => Line(64),
        (_, "survivor" | "openedBy" | "closedBy" | "createdBy" | "resolvedBy") => Id,
        (_, f) if f.ends_with("Id") => Id,
        _ => return None,
    })
}
