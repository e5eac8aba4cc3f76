//! Bringing members back: care tasks, messages, ratings and complaints, campaigns and their coupons, segments.

use super::{EntitySpec, IdForm, Scope, APPEND, UPSERT};

pub(super) const ENTITIES: &[EntitySpec] = &[
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
];
