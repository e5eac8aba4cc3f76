//! How each synced entity maps onto its table: which payload field is which
//! column, what an insert needs that no payload carries (times, the device),
//! and the defaults for a required field a first write somehow lacks.
//! Payload fields are the names in `salondesk_protocol::schema`.

use rusqlite::types::Value as Sql;
use serde_json::Value;

/// A payload field and the column it lands in (`""`: not stored here).
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub field: &'static str,
    pub column: &'static str,
    /// Stored as JSON text whatever its JSON type (lists, objects, settings).
    pub json: bool,
}

const fn col(field: &'static str, column: &'static str) -> Column {
    Column {
        field,
        column,
        json: false,
    }
}

const fn json(field: &'static str, column: &'static str) -> Column {
    Column {
        field,
        column,
        json: true,
    }
}

/// A value an insert fills in itself.
#[derive(Debug, Clone, Copy)]
pub(super) enum Fill {
    Text(&'static str),
    Int(i64),
    /// The operation's time (when it was written on its device).
    OpTime,
    /// The device that wrote the operation.
    OpDevice,
    /// The record's own id (a unique stand-in, e.g. for a SKU).
    EntityId,
}

#[derive(Debug)]
pub(super) struct Table {
    pub entity: &'static str,
    pub table: &'static str,
    pub key: &'static str,
    pub columns: &'static [Column],
    /// Columns every insert sets (creation time, device) unless the payload does.
    pub created: &'static [(&'static str, Fill)],
    /// For required fields a first write lacks: inserted anyway (and noted)
    /// rather than failing the page.
    pub defaults: &'static [(&'static str, Fill)],
    /// Set to the operation's time whenever a pulled write changes the record.
    pub touch: Option<&'static str>,
}

impl Table {
    pub fn column(&self, field: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.field == field && !c.column.is_empty())
    }
}

/// The JSON value as SQLite stores it: booleans as 0/1, lists and objects as JSON text.
pub(super) fn to_sql(v: &Value, as_json: bool) -> Sql {
    match v {
        Value::Null => Sql::Null,
        _ if as_json => Sql::Text(v.to_string()),
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => Sql::Text(v.to_string()),
    }
}

const STAMPED: &[(&str, Fill)] = &[("created_at", Fill::OpTime), ("updated_at", Fill::OpTime)];
const CREATED: &[(&str, Fill)] = &[("created_at", Fill::OpTime)];

/// Profile-like records: last writer wins per field.
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
        entity: "staff",
        table: "staff",
        key: "id",
        columns: &[
            col("name", "name"),
            col("role", "role"),
            col("pinHash", "pin_hash"),
            col("active", "active"),
            col("pinMustChange", "pin_must_change"),
            col("color", "color"),
            col("commissionServiceBp", "commission_service_bp"),
            col("commissionProductBp", "commission_product_bp"),
            json("commissionOverrides", "commission_overrides"),
        ],
        // No PIN hash: nobody logs in as her here. That is the rule, not a
        // repair (the server hands her hash only to her own store's tills),
        // so it is filled in without a note.
        created: &[
            ("created_at", Fill::OpTime),
            ("updated_at", Fill::OpTime),
            ("pin_hash", Fill::Text("")),
        ],
        defaults: &[("name", Fill::Text("")), ("role", Fill::Text("beautician"))],
        touch: Some("updated_at"),
    },
    Table {
        entity: "service",
        table: "services",
        key: "id",
        columns: &[
            col("category", "category"),
            col("name", "name"),
            col("durationMin", "duration_min"),
            col("price", "price"),
            col("active", "active"),
            col("resourceKind", "resource_kind"),
            col("nameEn", "name_en"),
            col("commissionBp", "commission_bp"),
            col("sortOrder", "sort_order"),
        ],
        created: STAMPED,
        defaults: &[
            ("category", Fill::Text("")),
            ("name", Fill::Text("")),
            ("durationMin", Fill::Int(60)),
            ("price", Fill::Int(0)),
        ],
        touch: Some("updated_at"),
    },
    Table {
        entity: "product",
        table: "products",
        key: "id",
        columns: &[
            col("sku", "sku"),
            col("barcode", "barcode"),
            col("name", "name"),
            col("price", "price"),
            col("cost", "cost"),
            col("active", "active"),
            col("nameEn", "name_en"),
            col("category", "category"),
            col("unit", "unit"),
            col("lowStock", "low_stock"),
            col("commissionBp", "commission_bp"),
            col("sortOrder", "sort_order"),
        ],
        created: STAMPED,
        defaults: &[
            ("sku", Fill::EntityId),
            ("name", Fill::Text("")),
            ("price", Fill::Int(0)),
            ("cost", Fill::Int(0)),
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
        entity: "top_up_plan",
        table: "top_up_plans",
        key: "id",
        columns: &[
            col("name", "name"),
            col("pay", "pay"),
            col("bonus", "bonus"),
            col("active", "active"),
        ],
        created: CREATED,
        defaults: &[
            ("name", Fill::Text("")),
            ("pay", Fill::Int(1)),
            ("bonus", Fill::Int(0)),
        ],
        touch: None,
    },
    Table {
        entity: "package_plan",
        table: "package_plans",
        key: "id",
        columns: &[
            col("serviceId", "service_id"),
            col("name", "name"),
            col("sessions", "sessions"),
            col("price", "price"),
            col("validDays", "valid_days"),
            col("active", "active"),
        ],
        created: CREATED,
        defaults: &[
            ("name", Fill::Text("")),
            ("sessions", Fill::Int(1)),
            ("price", Fill::Int(0)),
            ("validDays", Fill::Int(365)),
        ],
        touch: None,
    },
    Table {
        entity: "coupon",
        table: "coupons",
        key: "code",
        columns: &[
            col("code", ""),
            col("kind", "kind"),
            col("value", "value"),
            col("min_spend", "min_spend"),
            col("valid_from", "valid_from"),
            col("valid_to", "valid_to"),
            col("max_uses", "max_uses"),
            col("per_member", "per_member"),
            json("tiers", "tiers"),
            col("active", "active"),
        ],
        created: CREATED,
        // A coupon missing its dates is one that has already expired.
        defaults: &[
            ("kind", Fill::Text("fixed")),
            ("value", Fill::Int(1)),
            ("valid_from", Fill::Text("1970-01-01")),
            ("valid_to", Fill::Text("1970-01-01")),
        ],
        touch: None,
    },
    Table {
        // Issue 17: a coupon bound to one member (`campaigns::member_coupons`).
        entity: "member_coupon",
        table: "member_coupons",
        key: "id",
        columns: &[
            col("memberId", "member_id"),
            col("couponCode", "coupon_code"),
            col("kind", "kind"),
            col("value", "value"),
            col("minSpend", "min_spend"),
            col("validFrom", "valid_from"),
            col("validTo", "valid_to"),
            col("source", "source"),
            col("campaignId", "campaign_id"),
            col("issuedAt", "issued_at"),
        ],
        created: CREATED,
        // A coupon missing its terms is one that has already expired.
        defaults: &[
            ("memberId", Fill::EntityId),
            ("couponCode", Fill::Text("")),
            ("kind", Fill::Text("fixed")),
            ("value", Fill::Int(0)),
            ("validFrom", Fill::Text("1970-01-01")),
            ("validTo", Fill::Text("1970-01-01")),
            ("source", Fill::EntityId),
            ("issuedAt", Fill::OpTime),
        ],
        touch: None,
    },
    Table {
        entity: "campaign",
        table: "campaigns",
        key: "id",
        columns: &[
            col("name", "name"),
            json("segment", "segment"),
            json("offer", "offer"),
            col("messageZh", "message_zh"),
            col("messageEn", "message_en"),
            col("controlPct", "control_pct"),
            col("windowFrom", "window_from"),
            col("windowTo", "window_to"),
            col("issueOn", "issue_on"),
            col("status", "status"),
            col("issuedAt", "issued_at"),
            col("createdBy", "created_by"),
        ],
        created: STAMPED,
        defaults: &[
            ("name", Fill::Text("")),
            ("windowFrom", Fill::Text("1970-01-01")),
            ("windowTo", Fill::Text("1970-01-01")),
        ],
        touch: Some("updated_at"),
    },
    Table {
        entity: "store_settings",
        table: "store_settings",
        key: "key",
        columns: &[json("value", "value")],
        created: &[("updated_at", Fill::OpTime)],
        defaults: &[("value", Fill::Text("{}"))],
        touch: Some("updated_at"),
    },
    Table {
        // A shift belongs to the device that opened it (`shifts_one_open` is per device).
        entity: "shift",
        table: "shifts",
        key: "id",
        columns: &[
            col("openedBy", "opened_by"),
            col("float", "float"),
            col("closedBy", "closed_by"),
            json("counted", "counted"),
        ],
        created: &[("device_id", Fill::OpDevice), ("opened_at", Fill::OpTime)],
        defaults: &[("float", Fill::Int(0))],
        touch: None,
    },
    Table {
        entity: "appointment",
        table: "appointments",
        key: "id",
        columns: &[
            col("memberId", "member_id"),
            col("walkInName", "walk_in_name"),
            col("walkInPhone", "walk_in_phone"),
            col("serviceId", "service_id"),
            col("staffId", "staff_id"),
            col("roomId", "room_id"),
            col("start", "start_at"),
            col("end", "end_at"),
            col("status", "status"),
            col("notes", "notes"),
            col("createdBy", "created_by"),
            col("cancelReason", "cancel_reason"),
            col("saleId", "sale_id"),
        ],
        created: STAMPED,
        defaults: &[("status", Fill::Text("booked")), ("notes", Fill::Text(""))],
        touch: Some("updated_at"),
    },
    Table {
        // A care task (回访): made by the daily job on each till of the store
        // with the same id; worked at any of them (each field last-writer-wins).
        entity: "care_task",
        table: "care_tasks",
        key: "id",
        columns: &[
            col("kind", "kind"),
            col("memberId", "member_id"),
            col("dueOn", "due_on"),
            json("detail", "detail"),
            col("status", "status"),
            col("snoozedUntil", "snoozed_until"),
            col("assignedStaffId", "assigned_staff_id"),
            col("outcome", "outcome"),
            col("note", "note"),
            col("appointmentId", "appointment_id"),
            col("doneStaffId", "done_staff_id"),
            col("doneAt", "done_at"),
        ],
        created: STAMPED,
        defaults: &[
            ("kind", Fill::Text("post_visit")),
            ("memberId", Fill::Text("")),
            ("dueOn", Fill::Text("1970-01-01")),
        ],
        touch: Some("updated_at"),
    },
    Table {
        entity: "message",
        table: "messages",
        key: "id",
        columns: &[
            col("kind", "kind"),
            col("appointmentId", "appointment_id"),
            col("careTaskId", "care_task_id"),
            col("campaignMemberId", "campaign_member_id"),
            col("lang", "lang"),
            col("body", "body"),
            col("status", "status"),
            col("attempts", "attempts"),
            col("lastError", "last_error"),
            col("nextAttemptAt", "next_attempt_at"),
            col("sentAt", "sent_at"),
            col("sentBy", "sent_by"),
        ],
        // A new reminder is due at once (its first try), as where it was made.
        created: &[
            ("created_at", Fill::OpTime),
            ("next_attempt_at", Fill::OpTime),
        ],
        defaults: &[
            ("kind", Fill::Text("appointment_reminder")),
            ("lang", Fill::Text("zh-CN")),
            ("body", Fill::Text("")),
            ("status", Fill::Text("pending")),
        ],
        touch: None,
    },
    Table {
        entity: "room",
        table: "rooms",
        key: "id",
        columns: &[
            col("name", "name"),
            col("kind", "kind"),
            col("capacity", "capacity"),
            col("active", "active"),
        ],
        created: STAMPED,
        defaults: &[
            ("name", Fill::Text("")),
            ("kind", Fill::Text("room")),
            ("capacity", Fill::Int(1)),
        ],
        touch: Some("updated_at"),
    },
    Table {
        entity: "segment",
        table: "segments",
        key: "id",
        columns: &[
            col("name", "name"),
            json("filter", "filter"),
            col("active", "active"),
        ],
        created: STAMPED,
        defaults: &[("name", Fill::Text("")), ("filter", Fill::Text("{}"))],
        touch: Some("updated_at"),
    },
    Table {
        entity: "conflict",
        table: "conflicts",
        key: "id",
        columns: &[
            col("kind", "kind"),
            col("entity", "entity"),
            json("entityIds", "entity_ids"),
            json("storeIds", "store_ids"),
            json("detail", "detail"),
            col("detectedAt", "detected_at"),
            col("resolution", "resolution"),
            col("resolvedBy", "resolved_by"),
            col("resolvedAt", "resolved_at"),
        ],
        created: &[],
        defaults: &[("detectedAt", Fill::OpTime)],
        touch: None,
    },
    Table {
        // One per sale (the id is the sale's), issue 17.
        entity: "visit_feedback",
        table: "visit_feedback",
        key: "sale_id",
        columns: &[
            col("memberId", "member_id"),
            col("score", "score"),
            json("staffScores", "staff_scores"),
            col("comment", "comment"),
            col("source", "source"),
            col("recordedBy", "recorded_by"),
            col("recordedAt", "recorded_at"),
        ],
        created: &[("updated_at", Fill::OpTime)],
        defaults: &[("score", Fill::Int(3)), ("recordedAt", Fill::OpTime)],
        touch: Some("updated_at"),
    },
    Table {
        entity: "complaint",
        table: "complaints",
        key: "id",
        columns: &[
            col("memberId", "member_id"),
            col("kind", "kind"),
            col("saleId", "sale_id"),
            col("staffId", "staff_id"),
            col("description", "description"),
            col("receivedBy", "received_by"),
            col("receivedAt", "received_at"),
            col("status", "status"),
            col("ownerId", "owner_id"),
            col("satisfaction", "satisfaction"),
            col("resolvedAt", "resolved_at"),
        ],
        created: &[("updated_at", Fill::OpTime)],
        defaults: &[
            ("memberId", Fill::Text("")),
            ("kind", Fill::Text("other")),
            ("receivedAt", Fill::OpTime),
        ],
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

/// Ledger entries: a union, each row added once by its id, never overwritten.
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
        entity: "stock_move",
        table: "stock_moves",
        key: "id",
        columns: &[
            col("productId", "product_id"),
            col("qty", "qty"),
            col("reason", "reason"),
            col("adjustReason", "adjust_reason"),
            col("note", "note"),
            col("staffId", "staff_id"),
            col("refId", "ref_id"),
            col("unitCost", "unit_cost"),
        ],
        created: CREATED,
        defaults: &[("note", Fill::Text(""))],
        touch: None,
    },
    Table {
        entity: "stock_receipt",
        table: "stock_receipts",
        key: "id",
        columns: &[
            col("supplier", "supplier"),
            col("note", "note"),
            col("staffId", "staff_id"),
        ],
        created: CREATED,
        defaults: &[("supplier", Fill::Text("")), ("note", Fill::Text(""))],
        touch: None,
    },
    Table {
        entity: "stock_take",
        table: "stock_takes",
        key: "id",
        columns: &[
            col("category", "category"),
            col("staffId", "staff_id"),
            json("lines", "lines"),
        ],
        created: CREATED,
        defaults: &[("category", Fill::Text("")), ("lines", Fill::Text("[]"))],
        touch: None,
    },
    Table {
        entity: "cash_drawer",
        table: "cash_drawer",
        key: "id",
        columns: &[
            col("shiftId", "shift_id"),
            col("kind", "kind"),
            col("amount", "amount"),
            col("reason", "reason"),
        ],
        created: CREATED,
        defaults: &[("reason", Fill::Text(""))],
        touch: None,
    },
    Table {
        entity: "audit_log",
        table: "audit_log",
        key: "id",
        columns: &[
            col("staffId", "staff_id"),
            col("approverId", "approver_id"),
            col("action", "action"),
            col("entityId", "entity_id"),
            json("detail", "detail"),
        ],
        created: CREATED,
        defaults: &[("detail", Fill::Text("{}"))],
        touch: None,
    },
    Table {
        entity: "pin_attempt",
        table: "pin_attempt_log",
        key: "id",
        columns: &[col("staffId", "staff_id"), col("ok", "ok"), col("at", "at")],
        created: &[("device_id", Fill::OpDevice)],
        defaults: &[("at", Fill::OpTime), ("ok", Fill::Int(0))],
        touch: None,
    },
    Table {
        entity: "price_change",
        table: "price_changes",
        key: "id",
        columns: &[
            col("itemKind", "item_kind"),
            col("itemId", "item_id"),
            col("oldPrice", "old_price"),
            col("newPrice", "new_price"),
            col("staffId", "staff_id"),
        ],
        created: CREATED,
        defaults: &[
            ("itemKind", Fill::Text("service")),
            ("itemId", Fill::EntityId),
            ("oldPrice", Fill::Int(0)),
            ("newPrice", Fill::Int(0)),
        ],
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
        entity: "complaint_action",
        table: "complaint_actions",
        key: "id",
        columns: &[
            col("complaintId", "complaint_id"),
            col("staffId", "staff_id"),
            col("note", "note"),
            col("status", "status"),
        ],
        created: CREATED,
        defaults: &[("note", Fill::Text(""))],
        touch: None,
    },
    Table {
        entity: "member_coupon_use",
        table: "member_coupon_uses",
        key: "id",
        columns: &[
            col("couponId", "coupon_id"),
            col("saleId", "sale_id"),
            col("memberId", "member_id"),
            col("action", "action"),
        ],
        created: CREATED,
        defaults: &[("action", Fill::Text("use"))],
        touch: None,
    },
    Table {
        entity: "campaign_member",
        table: "campaign_members",
        key: "id",
        columns: &[
            col("campaignId", "campaign_id"),
            col("memberId", "member_id"),
            col("control", "control"),
            col("couponId", "coupon_id"),
            col("points", "points"),
            col("messaged", "messaged"),
        ],
        created: CREATED,
        defaults: &[],
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
    Table {
        entity: "appointment_history",
        table: "appointment_history",
        key: "id",
        columns: &[
            col("appointmentId", "appointment_id"),
            col("action", "action"),
            col("from", "from_status"),
            col("to", "to_status"),
            col("reason", "reason"),
            col("detail", "detail"),
            col("staffId", "staff_id"),
            col("at", "created_at"),
        ],
        created: &[],
        defaults: &[
            ("reason", Fill::Text("")),
            ("detail", Fill::Text("")),
            ("at", Fill::OpTime),
        ],
        touch: None,
    },
];

pub(super) fn upsert_table(entity: &str) -> Option<&'static Table> {
    UPSERTS.iter().find(|t| t.entity == entity)
}

pub(super) fn append_table(entity: &str) -> Option<&'static Table> {
    APPENDS.iter().find(|t| t.entity == entity)
}
