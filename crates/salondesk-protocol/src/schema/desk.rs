//! The desk: staff and their hours, the store's settings, sales, shifts and the cash drawer, appointments and rooms, the audit log, conflicts.

use super::{EntitySpec, IdForm, Scope, APPEND, UPSERT};

pub(super) const ENTITIES: &[EntitySpec] = &[
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
        // A conflict the server found; devices push only its resolution.
        name: "conflict",
        scope: Scope::Chain,
        id: IdForm::Uuid,
        kinds: UPSERT,
        fields: &["resolution", "resolvedBy", "resolvedAt"],
    },
];
