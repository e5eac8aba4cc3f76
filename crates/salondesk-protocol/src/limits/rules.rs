//! The rule of each field a device may send (`schema::entities()` lists the
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

/// Care tasks (回访): their kinds, states and what came of a call.
pub const CARE_KINDS: &[&str] = &[
    "post_visit",
    "cadence",
    "birthday",
    "lapsed",
    "package_expiry",
    "points_expiry",
    "cycle",
];
pub const CARE_STATUSES: &[&str] = &["open", "done"];
pub const CARE_OUTCOMES: &[&str] = &["reached", "no_answer", "booked", "not_interested"];
/// A member coupon's kind (as a back office coupon's).
pub const COUPON_KINDS: &[&str] = &["fixed", "percent"];
/// Where a campaign is: being set up, waiting for its issue date, issued.
pub const CAMPAIGN_STATUSES: &[&str] = &["draft", "scheduled", "issued"];

/// Why stock was adjusted by hand (a move of reason `adjust`).
pub const ADJUST_REASONS: &[&str] = &["damaged", "used_in_service", "count_correction", "other"];

/// What a complaint is about (投诉类型).
pub const COMPLAINT_KINDS: &[&str] = &[
    "service_quality",
    "attitude",
    "product",
    "price",
    "hygiene",
    "waiting",
    "other",
];
/// A complaint's status: open → in_progress → resolved / closed.
pub const COMPLAINT_STATUSES: &[&str] = &["open", "in_progress", "resolved", "closed"];
/// Where a visit's rating was entered.
pub const FEEDBACK_SOURCES: &[&str] = &["checkout", "follow_up", "later"];
/// What a points exchange item gives.
pub const EXCHANGE_KINDS: &[&str] = &["product", "service", "coupon"];
/// A satisfaction score: 1 (very poor) to 5 (excellent).
const SCORE: Rule = Rule::Int(1, 5);

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
        ("care_task", "kind") => OneOf(CARE_KINDS),
        ("care_task", "status") => OneOf(CARE_STATUSES),
        ("care_task", "outcome") => OneOf(CARE_OUTCOMES),
        ("care_task", "dueOn" | "snoozedUntil") => Date,
        ("care_task", "doneAt") => Time,
        // A small object of dates, names and numbers (see `care::daily`).
        ("care_task", "detail") => Any,
        ("care_task", "note") => REASON,
        ("message", "body") => Note(2000),
        ("message", "attempts") => Int(0, 1_000_000),
        ("message", "lastError") => Note(500),
        ("message", "nextAttemptAt" | "sentAt") => Time,
        ("visit_feedback", "score") | ("complaint", "satisfaction") => SCORE,
        // {staffId: score}: one per beautician who served, a sale has few.
        ("visit_feedback", "staffScores") => RatesById {
            count: 20,
            lo: 1,
            hi: 5,
        },
        ("visit_feedback", "comment") => REASON,
        ("visit_feedback", "source") => OneOf(FEEDBACK_SOURCES),
        ("visit_feedback", "recordedAt") | ("complaint", "receivedAt" | "resolvedAt") => Time,
        ("visit_feedback", "recordedBy") | ("complaint", "receivedBy") => Id,
        ("complaint", "kind") => OneOf(COMPLAINT_KINDS),
        ("complaint" | "complaint_action", "status") => OneOf(COMPLAINT_STATUSES),
        ("complaint", "description") | ("complaint_action", "note") => Note(2000),
        ("points_exchange_item", "kind") => OneOf(EXCHANGE_KINDS),
        ("points_exchange_item", "name") => NAME,
        ("points_exchange_item", "couponCode") => Line(64),
        ("points_exchange_item", "points") => Int(1, MAX_QTY * 100),
        ("points_exchange_item", "validDays") => Int(1, 100 * 366),
        ("points_ledger", "note") => REASON,
        ("points_ledger", "refId") => Id,
        ("room", "capacity") => Int(1, 1000),
        ("segment", "name") => Line(40),
        ("segment", "filter") => Any,
        ("room", "kind") => Line(40),
        ("conflict", "resolution") => REASON,
        ("conflict", "resolvedAt") => Time,
        ("tier_change" | "points_ledger" | "cash_drawer" | "appointment_history", "reason") => {
            REASON
        }
        ("member_coupon", "couponCode" | "source") => Line(64),
        ("member_coupon", "kind") => OneOf(COUPON_KINDS),
        ("member_coupon", "value" | "minSpend") => PRICE,
        ("member_coupon", "validFrom" | "validTo") => Date,
        ("member_coupon" | "campaign", "issuedAt") => Time,
        ("member_coupon_use", "action") => OneOf(crate::member_coupons::USE_ACTIONS),
        ("campaign", "name") => NAME,
        ("campaign", "segment" | "offer") => Any,
        ("campaign", "messageZh" | "messageEn") => Note(500),
        ("campaign", "controlPct") => Int(0, 90),
        ("campaign", "windowFrom" | "windowTo" | "issueOn") => Date,
        ("campaign", "status") => OneOf(CAMPAIGN_STATUSES),
        ("campaign_member", "control" | "messaged") => Bool,
        ("campaign_member", "points") => Int(0, MAX_MONEY),
        (_, "action") | ("audit_log", "entityId") | ("message", "sentBy") => Line(64),
        (_, "survivor" | "openedBy" | "closedBy" | "createdBy" | "resolvedBy") => Id,
        (_, f) if f.ends_with("Id") => Id,
        _ => return None,
    })
}
