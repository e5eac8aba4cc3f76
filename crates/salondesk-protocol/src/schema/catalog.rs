//! The menu and the stock: services, products, plans, coupons, prices, stock.

use super::{EntitySpec, IdForm, Scope, APPEND, UPSERT};

pub(super) const ENTITIES: &[EntitySpec] = &[
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
];
