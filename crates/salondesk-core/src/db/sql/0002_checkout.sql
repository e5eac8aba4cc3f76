-- SalonDesk schema 2: checkout. Tiers and their rules, store settings, plans,
-- coupons, sales with lines, credited staff and tenders, shifts, the audit log,
-- and the append-only ledgers every balance is summed from.

-- Store-wide settings (synced): points value, birthday multiplier, expiry, receipt header.
CREATE TABLE store_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE tiers (
    code                 TEXT PRIMARY KEY
                         CHECK (code IN ('standard', 'silver', 'gold', 'platinum')),
    rank                 INTEGER NOT NULL UNIQUE,
    discount_bp          INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 5000), -- 1000 = 10% off (九折)
    points_multiplier_pct INTEGER NOT NULL CHECK (points_multiplier_pct BETWEEN 0 AND 1000),
    booking_days         INTEGER NOT NULL CHECK (booking_days BETWEEN 1 AND 365),
    min_cumulative_spend INTEGER,      -- fen: reaching it earns the tier
    min_monthly_spend    INTEGER,      -- fen: ... or this much a month
    consecutive_months   INTEGER,      --      for this many months in a row
    updated_at           TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO tiers VALUES
    ('standard', 0, 0,    100, 7,  NULL,     NULL,    NULL, '2026-01-01T00:00:00.000Z'),
    ('silver',   1, 500,  120, 14, 300000,   80000,   3,    '2026-01-01T00:00:00.000Z'),
    ('gold',     2, 1000, 150, 30, 1000000,  200000,  3,    '2026-01-01T00:00:00.000Z'),
    ('platinum', 3, 1500, 200, 60, 3000000,  500000,  6,    '2026-01-01T00:00:00.000Z');

-- Every upgrade and downgrade, with its reason.
CREATE TABLE tier_changes (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    from_tier  TEXT NOT NULL,
    to_tier    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX tier_changes_member ON tier_changes(member_id);

ALTER TABLE services ADD COLUMN commission_bp INTEGER NOT NULL DEFAULT 1000;
ALTER TABLE products ADD COLUMN commission_bp INTEGER NOT NULL DEFAULT 500;

CREATE TABLE top_up_plans (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    pay        INTEGER NOT NULL CHECK (pay > 0),
    bonus      INTEGER NOT NULL CHECK (bonus >= 0),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE package_plans (
    id         TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    name       TEXT NOT NULL,
    sessions   INTEGER NOT NULL CHECK (sessions > 0),
    price      INTEGER NOT NULL CHECK (price >= 0),
    valid_days INTEGER NOT NULL CHECK (valid_days > 0),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE coupons (
    code       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('fixed', 'percent')),
    value      INTEGER NOT NULL CHECK (value > 0),    -- fen, or basis points off
    min_spend  INTEGER NOT NULL DEFAULT 0,
    valid_from TEXT NOT NULL,                         -- YYYY-MM-DD, store dates
    valid_to   TEXT NOT NULL,
    max_uses   INTEGER,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE shifts (
    id            TEXT PRIMARY KEY,
    device_id     TEXT NOT NULL,
    opened_by     TEXT NOT NULL REFERENCES staff(id),
    opened_at     TEXT NOT NULL,
    float         INTEGER NOT NULL CHECK (float >= 0),
    closed_by     TEXT REFERENCES staff(id),
    closed_at     TEXT,
    counted       TEXT                               -- JSON: tender -> counted fen
);
CREATE UNIQUE INDEX shifts_one_open ON shifts(device_id) WHERE closed_at IS NULL;

CREATE TABLE sales (
    id               TEXT PRIMARY KEY,
    receipt_no       TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'void')),
    original_sale_id TEXT REFERENCES sales(id),
    member_id        TEXT REFERENCES members(id),
    cashier_id       TEXT NOT NULL REFERENCES staff(id),
    approver_id      TEXT REFERENCES staff(id),
    shift_id         TEXT REFERENCES shifts(id),
    coupon_code      TEXT,
    subtotal         INTEGER NOT NULL,
    discount_total   INTEGER NOT NULL,
    total            INTEGER NOT NULL,
    change_given     INTEGER NOT NULL DEFAULT 0,
    business_date    TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX sales_member ON sales(member_id, created_at);
CREATE INDEX sales_shift ON sales(shift_id);
CREATE INDEX sales_original ON sales(original_sale_id);

CREATE TABLE sale_lines (
    id               TEXT PRIMARY KEY,
    sale_id          TEXT NOT NULL REFERENCES sales(id),
    line_no          INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('service', 'product', 'package_purchase',
                                                   'top_up', 'package_redemption')),
    item_id          TEXT NOT NULL,        -- service, product, package plan, top-up plan or package
    name             TEXT NOT NULL,
    qty              INTEGER NOT NULL,
    unit_price       INTEGER NOT NULL,
    tier_discount    INTEGER NOT NULL DEFAULT 0,
    coupon_discount  INTEGER NOT NULL DEFAULT 0,
    manual_discount  INTEGER NOT NULL DEFAULT 0,
    amount           INTEGER NOT NULL,     -- what the line costs after discounts
    original_line_id TEXT REFERENCES sale_lines(id),
    UNIQUE (sale_id, line_no)
);
CREATE INDEX sale_lines_original ON sale_lines(original_line_id);

CREATE TABLE sale_line_staff (
    sale_line_id TEXT NOT NULL REFERENCES sale_lines(id),
    staff_id     TEXT NOT NULL REFERENCES staff(id),
    share_bp     INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (sale_line_id, staff_id)
) WITHOUT ROWID;

CREATE TABLE sale_tenders (
    id         TEXT PRIMARY KEY,
    sale_id    TEXT NOT NULL REFERENCES sales(id),
    kind       TEXT NOT NULL CHECK (kind IN ('cash', 'bank_card', 'wechat_pay', 'alipay',
                                             'stored_value', 'points')),
    amount     INTEGER NOT NULL,
    reference  TEXT,
    card_last4 TEXT CHECK (card_last4 IS NULL OR length(card_last4) = 4),
    points     INTEGER                    -- for points tenders: how many points
);
CREATE INDEX sale_tenders_sale ON sale_tenders(sale_id);

-- The ledgers. Append-only: a balance is a sum; a reversal is a new row.
CREATE TABLE points_ledger (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT REFERENCES sales(id),
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('earn', 'redeem', 'reverse_earn', 'reverse_redeem',
                                               'referral', 'expire', 'adjust')),
    expires_on TEXT,
    created_at TEXT NOT NULL
);
-- Covering indexes: a balance is summed from the index alone.
CREATE INDEX points_ledger_member ON points_ledger(member_id, delta);

CREATE TABLE stored_value_ledger (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT REFERENCES sales(id),
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('top_up', 'bonus', 'pay', 'refund_pay',
                                               'refund_top_up', 'void_bonus', 'adjust')),
    created_at TEXT NOT NULL
);
CREATE INDEX stored_value_ledger_member ON stored_value_ledger(member_id, delta);

CREATE TABLE packages (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    plan_id    TEXT NOT NULL REFERENCES package_plans(id),
    service_id TEXT NOT NULL REFERENCES services(id),
    name       TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    sale_id    TEXT NOT NULL REFERENCES sales(id),
    created_at TEXT NOT NULL
);
CREATE INDEX packages_member ON packages(member_id);

CREATE TABLE package_ledger (
    id         TEXT PRIMARY KEY,
    package_id TEXT NOT NULL REFERENCES packages(id),
    sale_id    TEXT REFERENCES sales(id),
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('purchase', 'redeem', 'reverse_redeem', 'reverse_purchase')),
    created_at TEXT NOT NULL
);
CREATE INDEX package_ledger_package ON package_ledger(package_id, delta);

CREATE TABLE commission_ledger (
    id           TEXT PRIMARY KEY,
    staff_id     TEXT NOT NULL REFERENCES staff(id),
    sale_id      TEXT NOT NULL REFERENCES sales(id),
    sale_line_id TEXT NOT NULL REFERENCES sale_lines(id),
    amount       INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX commission_ledger_staff ON commission_ledger(staff_id, created_at);

CREATE TABLE cash_drawer (
    id         TEXT PRIMARY KEY,
    shift_id   TEXT NOT NULL REFERENCES shifts(id),
    sale_id    TEXT REFERENCES sales(id),
    kind       TEXT NOT NULL CHECK (kind IN ('float', 'sale', 'refund', 'pay_in', 'pay_out')),
    amount     INTEGER NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX cash_drawer_shift ON cash_drawer(shift_id);

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    approver_id TEXT REFERENCES staff(id),
    action      TEXT NOT NULL CHECK (action IN ('void', 'refund', 'manual_discount', 'price_override',
                                                'drawer_open', 'pay_in', 'pay_out', 'tier_rules')),
    entity_id   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);
CREATE INDEX audit_log_time ON audit_log(created_at);

-- The search index follows visits lazily: a sale only marks the member, and
-- the index is refreshed right after, outside the sale's transaction.
ALTER TABLE members ADD COLUMN indexed_recency INTEGER;
ALTER TABLE members ADD COLUMN search_dirty INTEGER NOT NULL DEFAULT 0;
CREATE INDEX members_search_dirty ON members(rid) WHERE search_dirty = 1;
UPDATE members SET indexed_recency = CAST(strftime('%s', coalesce(last_visit_at, registered_at)) AS INTEGER);

-- Stock on hand is summed at every sale: from the index alone.
DROP INDEX stock_moves_product;
CREATE INDEX stock_moves_product ON stock_moves(product_id, qty);
