//! What a device may write: the entities it syncs, whether each is shared by
//! the whole chain or kept to one store, how its id looks, and the payload
//! fields an operation may carry. The server refuses anything else, so a
//! device cannot, say, set a member's balance (balances are not fields: they
//! are sums of ledger entries) or sneak a column in under a new name.
//!
//! The core's tests check that every operation the core emits passes
//! [`check`], so this list and the core cannot drift apart silently.

use crate::limits;
use crate::ops::{Op, OpKind};

/// The reason code of an operation with a value out of bounds; the message
/// names the field (`payload.notes: at most 2000 characters`).
pub const INVALID_FIELD: &str = "invalid_field";

/// Who sees an entity's operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every store of the chain (members, catalog, tiers, staff, member ledgers).
    Chain,
    /// Only the store whose device wrote it (appointments, stock, sales, shifts).
    Store,
}

/// How an entity's id is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdForm {
    /// A UUID made on the device: globally unique, owned by the first tenant to use it.
    Uuid,
    /// A name within the tenant (a coupon code, a tier, a settings key).
    Key,
}

#[derive(Debug, Clone, Copy)]
pub struct EntitySpec {
    pub name: &'static str,
    pub scope: Scope,
    pub id: IdForm,
    /// Kinds of operation a device may send for it.
    pub kinds: &'static [OpKind],
    /// Payload fields a device may send.
    pub fields: &'static [&'static str],
}

const UPSERT: &[OpKind] = &[OpKind::Upsert];
const APPEND: &[OpKind] = &[OpKind::Append];

pub const ENTITIES: &[EntitySpec] = &[
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
        // `storeId`: her home store (null: the whole chain); absent, the
        // server keeps her home, or for new staff takes the writing till's
        // store. Only a head-office device names another (see the server's
        // `push::authority`); `pinHash` goes only to her home's tills.
        name: "staff",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        // `pinMustChange`: a manager reset her PIN; she sets her own at the next
        // login. `color`: her calendar colour. The commission rates are hers
        // (basis points; null: the item's own rate), `commissionOverrides` a
        // `{serviceId: bp}` object for single services.
        fields: &[
            "name",
            "role",
            "pinHash",
            "active",
            "storeId",
            "pinMustChange",
            "color",
            "commissionServiceBp",
            "commissionProductBp",
            "commissionOverrides",
        ],
    },
    EntitySpec {
        name: "service",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "category",
            "name",
            "durationMin",
            "price",
            "active",
            "resourceKind",
            "nameEn",
            "commissionBp",
            "sortOrder",
        ],
    },
    EntitySpec {
        name: "product",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "sku",
            "barcode",
            "name",
            "price",
            "cost",
            "active",
            "nameEn",
            "category",
            "unit",
            "lowStock",
            "commissionBp",
            "sortOrder",
        ],
    },
    EntitySpec {
        // One price change of a service, product or plan, kept for the
        // owner; chain-wide like the catalog it records.
        name: "price_change",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["itemKind", "itemId", "oldPrice", "newPrice", "staffId"],
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
        name: "top_up_plan",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &["name", "pay", "bonus", "active"],
    },
    EntitySpec {
        name: "package_plan",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "serviceId",
            "name",
            "sessions",
            "price",
            "validDays",
            "active",
        ],
    },
    EntitySpec {
        name: "coupon",
        scope: Scope::Chain,
        id: IdForm::Key,
        kinds: UPSERT,
        fields: &[
            "code",
            "kind",
            "value",
            "min_spend",
            "valid_from",
            "valid_to",
            "max_uses",
            "per_member",
            "tiers",
            "active",
        ],
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
        name: "store_settings",
        scope: Scope::Chain,
        id: IdForm::Key,
        kinds: UPSERT,
        fields: &["value"],
    },
    EntitySpec {
        // A sale or a refund/void, whole: the store's other tills write it as
        // it was written (refunds and the day-end report work there).
        // `lines`: [{id, lineNo, kind, itemId, name, qty, unitPrice,
        //   tierDiscount, couponDiscount, manualDiscount, amount,
        //   originalLineId, staff: [{staffId, shareBp}]}];
        // `tenders`: [{id, kind, amount, reference, last4, points}];
        // `packages` bought: [{id, memberId, planId, serviceId, name,
        //   expiresOn, sessions}];
        // `ledger`: every ledger row, [{ledger: points|stored_value|package|
        //   free_service|stock|drawer|commission, id, memberId|packageId|
        //   productId|shiftId|staffId, delta|qty|amount, reason|kind,
        //   expiresOn?, lineId?, serviceId? and period? (free_service)}].
        name: "sale",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &[
            "receiptNo",
            "kind",
            "originalSaleId",
            "memberId",
            "cashierId",
            "approverId",
            "shiftId",
            "couponCode",
            "subtotal",
            "discount",
            "manualDiscount",
            "total",
            "change",
            "businessDate",
            "createdAt",
            "pointsEarned",
            "lines",
            "tenders",
            "packages",
            "ledger",
        ],
    },
    EntitySpec {
        name: "audit_log",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["staffId", "approverId", "action", "entityId", "detail"],
    },
    EntitySpec {
        name: "shift",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &["openedBy", "float", "closedBy", "counted"],
    },
    EntitySpec {
        // One PIN attempt at a till (`ok`: the PIN was right): the store's
        // other tills count it, so a lock-out holds at all of them.
        name: "pin_attempt",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["staffId", "ok", "at"],
    },
    EntitySpec {
        name: "cash_drawer",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["shiftId", "kind", "amount", "reason"],
    },
    EntitySpec {
        name: "stock_move",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &[
            "productId",
            "qty",
            "reason",
            "adjustReason",
            "note",
            "staffId",
            "refId",
            "unitCost",
        ],
    },
    EntitySpec {
        // A delivery received (入库单); its lines are stock moves naming it.
        name: "stock_receipt",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["supplier", "note", "staffId"],
    },
    EntitySpec {
        // A stock take (盘点): the counted lines, kept whole.
        name: "stock_take",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["category", "staffId", "lines"],
    },
    EntitySpec {
        name: "appointment",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "memberId",
            "walkInName",
            "walkInPhone",
            "serviceId",
            "staffId",
            "roomId",
            "start",
            "end",
            "status",
            "notes",
            "createdBy",
            "cancelReason",
            "saleId",
        ],
    },
    EntitySpec {
        name: "appointment_history",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &[
            "appointmentId",
            "action",
            "from",
            "to",
            "reason",
            "detail",
            "staffId",
            "at",
        ],
    },
    EntitySpec {
        // A care task (回访/关怀) of one store: its id is made from the store,
        // kind, member and period, so the store's tills write one task.
        // `detail`: a small object of what the desk shows (service, dates,
        // points, package, benefit).
        name: "care_task",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "kind",
            "memberId",
            "dueOn",
            "detail",
            "status",
            "snoozedUntil",
            "assignedStaffId",
            "outcome",
            "note",
            "appointmentId",
            "doneStaffId",
            "doneAt",
        ],
    },
    EntitySpec {
        // An appointment reminder; its id is named after the appointment
        // (`reminder-<appointment id>`), so there is one per appointment, ever.
        name: "message",
        scope: Scope::Store,
        id: IdForm::Key,
        kinds: UPSERT,
        fields: &[
            "kind",
            "appointmentId",
            "careTaskId",
            // A campaign's message: the `campaign_member` it was sent for.
            "campaignMemberId",
            "lang",
            "body",
            "status",
            "attempts",
            "lastError",
            "nextAttemptAt",
            "sentAt",
            "sentBy",
        ],
    },
    EntitySpec {
        name: "room",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &["name", "kind", "capacity", "active"],
    },
    EntitySpec {
        name: "staff_hours",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        // `dayOffReasons`: the reason of each of `daysOff`, in the same order.
        fields: &["week", "daysOff", "dayOffReasons"],
    },
    EntitySpec {
        // A visit's satisfaction (满意度评价), one per sale: its id is the
        // sale's, so a later entry updates it (last writer wins per field).
        // `staffScores`: {staffId: 1..5} for the sale's credited staff.
        name: "visit_feedback",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "memberId",
            "score",
            "staffScores",
            "comment",
            "source",
            "recordedBy",
            "recordedAt",
        ],
    },
    EntitySpec {
        // A complaint (投诉): chain-wide, so her open complaints show at
        // whichever store she walks into. Its status moves are checked by
        // the till (`complaint_moves`); the notes are `complaint_action`s.
        name: "complaint",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "memberId",
            "kind",
            "saleId",
            "staffId",
            "description",
            "receivedBy",
            "receivedAt",
            "status",
            "ownerId",
            "satisfaction",
            "resolvedAt",
        ],
    },
    EntitySpec {
        // One action taken on a complaint (a note, a status move): appended.
        name: "complaint_action",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["complaintId", "staffId", "note", "status"],
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
    EntitySpec {
        // A coupon issued to one member (`member_coupons`): a copy of a back
        // office coupon's terms, so a later edit of that coupon changes no
        // coupon already given. Its id derives from (member, source), so two
        // tills issuing the same one write one record.
        name: crate::member_coupons::MEMBER_COUPON_ENTITY,
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "memberId",
            "couponCode",
            "kind",
            "value",
            "minSpend",
            "validFrom",
            "validTo",
            "source",
            "campaignId",
            "issuedAt",
        ],
    },
    EntitySpec {
        // A member coupon used by a sale or given back by its refund: chain-wide,
        // so every store knows it is used (the sale itself stays in its store).
        name: crate::member_coupons::MEMBER_COUPON_USE_ENTITY,
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &["couponId", "saleId", "memberId", "action"],
    },
    EntitySpec {
        // A store's campaign (营销活动): `segment` is a SegmentFilter, `offer`
        // {kind: coupon, couponCode, validDays} or {kind: points, points}.
        name: "campaign",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &[
            "name",
            "segment",
            "offer",
            "messageZh",
            "messageEn",
            "controlPct",
            "windowFrom",
            "windowTo",
            "issueOn",
            "status",
            "issuedAt",
            "createdBy",
        ],
    },
    EntitySpec {
        // One member of a campaign's segment when it was issued: reached, or
        // held out (`control`), with what she was given.
        name: "campaign_member",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: APPEND,
        fields: &[
            "campaignId",
            "memberId",
            "control",
            "couponId",
            "points",
            "messaged",
        ],
    },
    EntitySpec {
        // A saved member filter (客户分群) a campaign picks; `filter` is the
        // core's `SegmentFilter` (its lists and bounds), `active`: false when removed.
        name: "segment",
        scope: Scope::Store,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &["name", "filter", "active"],
    },
    EntitySpec {
        // A conflict the server found; devices push only its resolution.
        name: "conflict",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &["resolution", "resolvedBy", "resolvedAt"],
    },
];

/// The fields the server itself writes on a conflict (devices may not).
pub const CONFLICT_SERVER_FIELDS: &[&str] = &[
    "kind",
    "entity",
    "entityIds",
    "storeIds",
    "detail",
    "detectedAt",
];

/// The derived, chain-wide operation the server makes from a sale's member
/// ledger entries (points, stored value, packages), so every store's balances
/// add up while the sale itself stays in its store.
pub const MEMBER_LEDGER_ENTITY: &str = "member_ledger";

pub fn spec(entity: &str) -> Option<&'static EntitySpec> {
    ENTITIES.iter().find(|e| e.name == entity)
}

/// Why an operation is refused before anything is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

/// Checks an operation's shape: a known entity, an allowed kind, an id of the
/// right form, a payload object with only allowed fields.
pub fn check(op: &Op) -> Result<&'static EntitySpec, Refusal> {
    let refuse = |code, message: String| Err(Refusal { code, message });
    let Some(spec) = spec(&op.entity) else {
        return refuse(
            "unknown_entity",
            format!("entity {:?} does not sync", op.entity),
        );
    };
    if !spec.kinds.contains(&op.kind) {
        return refuse(
            "kind_not_allowed",
            format!("{} cannot be sent for {}", op.kind.as_str(), spec.name),
        );
    }
    match spec.id {
        IdForm::Uuid if uuid::Uuid::parse_str(&op.entity_id).is_err() => {
            return refuse("bad_id", format!("{} id must be a UUID", spec.name));
        }
        IdForm::Key if op.entity_id.is_empty() || op.entity_id.len() > 64 => {
            return refuse(
                "bad_id",
                format!("{} key must be 1–64 characters", spec.name),
            );
        }
        _ => {}
    }
    let Some(fields) = op.payload.as_object() else {
        return refuse("bad_payload", "payload must be a JSON object".into());
    };
    if op.kind == OpKind::Erase && !fields.is_empty() {
        return refuse(
            "bad_payload",
            "an erase carries nothing: its payload is {}".into(),
        );
    }
    if let Some(bad) = fields.keys().find(|k| !spec.fields.contains(&k.as_str())) {
        return refuse(
            "field_not_allowed",
            format!(
                "{}.{} cannot be written by a device",
                spec.name,
                bad.escape_debug()
            ),
        );
    }
    // Every value in range (see `limits`): a bad one is this operation's
    // refusal, never a failed statement on the server.
    if let Err(e) = limits::check_created_at(op.created_at, None)
        .and_then(|()| limits::check_payload(spec.name, fields))
    {
        return refuse(INVALID_FIELD, e.to_string());
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(entity: &str, id: &str, kind: OpKind, payload: serde_json::Value) -> Op {
        Op {
            op_id: uuid::Uuid::now_v7(),
            hlc: "001763900000000-000000".into(),
            device_id: uuid::Uuid::now_v7(),
            entity: entity.into(),
            entity_id: id.into(),
            kind,
            payload,
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn refuses_unknown_fields_entities_kinds_and_ids() {
        let id = uuid::Uuid::now_v7().to_string();
        assert!(check(&op("member", &id, OpKind::Upsert, json!({"name": "王芳"}))).is_ok());
        let e = check(&op(
            "member",
            &id,
            OpKind::Upsert,
            json!({"storedValue": 100}),
        ))
        .unwrap_err();
        assert_eq!(e.code, "field_not_allowed");
        let e = check(&op("balance", &id, OpKind::Upsert, json!({}))).unwrap_err();
        assert_eq!(e.code, "unknown_entity");
        let e = check(&op("sale", &id, OpKind::Upsert, json!({}))).unwrap_err();
        assert_eq!(e.code, "kind_not_allowed");
        let e = check(&op("member", "7", OpKind::Upsert, json!({}))).unwrap_err();
        assert_eq!(e.code, "bad_id");
        let e = check(&op(
            "conflict",
            &id,
            OpKind::Upsert,
            json!({"kind": "overdraft"}),
        ))
        .unwrap_err();
        assert_eq!(
            e.code, "field_not_allowed",
            "a device may only resolve a conflict"
        );
        let e = check(&op("member", &id, OpKind::Upsert, json!([1]))).unwrap_err();
        assert_eq!(e.code, "bad_payload");
    }
}
