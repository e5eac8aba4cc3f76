-- CHECK (x IN ('a', 'b', 'c')) becomes CHECK (x = 'a' OR x = 'b' OR x = 'c'): the same rule,
-- but SQLite evaluates an IN list of more than two constants by building a small temporary
-- index, once per INSERT or UPDATE that checks it. A sale writes a dozen such rows and a pulled
-- page thousands; comparisons cost a fraction of that. Each table is rebuilt as SQLite
-- documents (new table, copy with the same rowids, drop, rename, indexes again); migrations
-- run with foreign keys off and are checked (PRAGMA foreign_key_check) before they commit.

-- staff
CREATE TABLE staff__new (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK ((role = 'owner' OR role = 'manager' OR role = 'cashier' OR role = 'beautician')),
    pin_hash   TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO staff__new (rowid, id, name, role, pin_hash, active, created_at, updated_at) SELECT rowid, id, name, role, pin_hash, active, created_at, updated_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff__new RENAME TO staff;

-- members
CREATE TABLE members__new (
    rid                INTEGER PRIMARY KEY,   -- local only: keys the search index compactly
    id                 TEXT NOT NULL UNIQUE,
    member_no          TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    phone              TEXT NOT NULL,         -- E.164
    gender             TEXT CHECK ((gender = 'female' OR gender = 'male' OR gender = 'other')),
    birthday           TEXT,                  -- YYYY-MM-DD
    region             TEXT NOT NULL DEFAULT '',
    skin_type          TEXT CHECK ((skin_type = 'dry' OR skin_type = 'oily' OR skin_type = 'combination' OR skin_type = 'sensitive' OR skin_type = 'normal')),
    allergies          TEXT NOT NULL DEFAULT '',
    preferred_staff_id TEXT REFERENCES staff(id),
    notes              TEXT NOT NULL DEFAULT '',
    tags               TEXT NOT NULL DEFAULT '[]',
    consent_marketing  INTEGER NOT NULL DEFAULT 0,
    source             TEXT NOT NULL DEFAULT '',
    referrer_id        TEXT REFERENCES members(id),
    tier               TEXT NOT NULL DEFAULT 'standard'
                       CHECK ((tier = 'standard' OR tier = 'silver' OR tier = 'gold' OR tier = 'platinum')),
    registered_at      TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    last_visit_at      TEXT,
    visit_count        INTEGER NOT NULL DEFAULT 0,
    archived_at        TEXT,
    merged_into        TEXT REFERENCES members(id)
, indexed_recency INTEGER, search_dirty INTEGER NOT NULL DEFAULT 0, phone_holder INTEGER DEFAULT 1
    CHECK (phone_holder IS NULL OR phone_holder = 1));
INSERT INTO members__new (rid, id, member_no, name, phone, gender, birthday, region, skin_type, allergies, preferred_staff_id, notes, tags, consent_marketing, source, referrer_id, tier, registered_at, updated_at, last_visit_at, visit_count, archived_at, merged_into, indexed_recency, search_dirty, phone_holder) SELECT rid, id, member_no, name, phone, gender, birthday, region, skin_type, allergies, preferred_staff_id, notes, tags, consent_marketing, source, referrer_id, tier, registered_at, updated_at, last_visit_at, visit_count, archived_at, merged_into, indexed_recency, search_dirty, phone_holder FROM members;
DROP TABLE members;
ALTER TABLE members__new RENAME TO members;
CREATE INDEX members_last_visit ON members(last_visit_at);
CREATE UNIQUE INDEX members_phone_active ON members(phone, phone_holder) WHERE archived_at IS NULL;
CREATE INDEX members_search_dirty ON members(rid) WHERE search_dirty = 1;

-- services
CREATE TABLE services__new (
    id           TEXT PRIMARY KEY,
    category     TEXT NOT NULL,
    name         TEXT NOT NULL,
    duration_min INTEGER NOT NULL CHECK (duration_min > 0),
    price        INTEGER NOT NULL CHECK (price >= 0),
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
, commission_bp INTEGER NOT NULL DEFAULT 1000, resource_kind TEXT
    CHECK (resource_kind IS NULL OR (resource_kind = 'bed' OR resource_kind = 'chair' OR resource_kind = 'room')));
INSERT INTO services__new (rowid, id, category, name, duration_min, price, active, created_at, updated_at, commission_bp, resource_kind) SELECT rowid, id, category, name, duration_min, price, active, created_at, updated_at, commission_bp, resource_kind FROM services;
DROP TABLE services;
ALTER TABLE services__new RENAME TO services;
CREATE INDEX services_name ON services(name);

-- stock_moves
CREATE TABLE stock_moves__new (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(id),
    qty        INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'receive' OR reason = 'sale' OR reason = 'refund' OR reason = 'adjust')),
    created_at TEXT NOT NULL
);
INSERT INTO stock_moves__new (rowid, id, product_id, qty, reason, created_at) SELECT rowid, id, product_id, qty, reason, created_at FROM stock_moves;
DROP TABLE stock_moves;
ALTER TABLE stock_moves__new RENAME TO stock_moves;
CREATE INDEX stock_moves_product ON stock_moves(product_id, qty);

-- tiers
CREATE TABLE tiers__new (
    code                 TEXT PRIMARY KEY
                         CHECK ((code = 'standard' OR code = 'silver' OR code = 'gold' OR code = 'platinum')),
    rank                 INTEGER NOT NULL UNIQUE,
    discount_bp          INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 5000), -- 1000 = 10% off (九折)
    points_multiplier_pct INTEGER NOT NULL CHECK (points_multiplier_pct BETWEEN 0 AND 1000),
    booking_days         INTEGER NOT NULL CHECK (booking_days BETWEEN 1 AND 365),
    min_cumulative_spend INTEGER,      -- fen: reaching it earns the tier
    min_monthly_spend    INTEGER,      -- fen: ... or this much a month
    consecutive_months   INTEGER,      --      for this many months in a row
    updated_at           TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO tiers__new (code, rank, discount_bp, points_multiplier_pct, booking_days, min_cumulative_spend, min_monthly_spend, consecutive_months, updated_at) SELECT code, rank, discount_bp, points_multiplier_pct, booking_days, min_cumulative_spend, min_monthly_spend, consecutive_months, updated_at FROM tiers;
DROP TABLE tiers;
ALTER TABLE tiers__new RENAME TO tiers;

-- sales
CREATE TABLE sales__new (
    id               TEXT PRIMARY KEY,
    receipt_no       TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK ((kind = 'sale' OR kind = 'refund' OR kind = 'void')),
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
INSERT INTO sales__new (rowid, id, receipt_no, kind, original_sale_id, member_id, cashier_id, approver_id, shift_id, coupon_code, subtotal, discount_total, total, change_given, business_date, created_at) SELECT rowid, id, receipt_no, kind, original_sale_id, member_id, cashier_id, approver_id, shift_id, coupon_code, subtotal, discount_total, total, change_given, business_date, created_at FROM sales;
DROP TABLE sales;
ALTER TABLE sales__new RENAME TO sales;
CREATE INDEX sales_member ON sales(member_id, created_at);
CREATE INDEX sales_original ON sales(original_sale_id);
CREATE INDEX sales_shift ON sales(shift_id);

-- sale_lines
CREATE TABLE sale_lines__new (
    id               TEXT PRIMARY KEY,
    sale_id          TEXT NOT NULL REFERENCES sales(id),
    line_no          INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK ((kind = 'service' OR kind = 'product' OR kind = 'package_purchase' OR kind = 'top_up' OR kind = 'package_redemption')),
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
INSERT INTO sale_lines__new (rowid, id, sale_id, line_no, kind, item_id, name, qty, unit_price, tier_discount, coupon_discount, manual_discount, amount, original_line_id) SELECT rowid, id, sale_id, line_no, kind, item_id, name, qty, unit_price, tier_discount, coupon_discount, manual_discount, amount, original_line_id FROM sale_lines;
DROP TABLE sale_lines;
ALTER TABLE sale_lines__new RENAME TO sale_lines;
CREATE INDEX sale_lines_original ON sale_lines(original_line_id);

-- sale_tenders
CREATE TABLE sale_tenders__new (
    id         TEXT PRIMARY KEY,
    sale_id    TEXT NOT NULL REFERENCES sales(id),
    kind       TEXT NOT NULL CHECK ((kind = 'cash' OR kind = 'bank_card' OR kind = 'wechat_pay' OR kind = 'alipay' OR kind = 'stored_value' OR kind = 'points')),
    amount     INTEGER NOT NULL,
    reference  TEXT,
    card_last4 TEXT CHECK (card_last4 IS NULL OR length(card_last4) = 4),
    points     INTEGER                    -- for points tenders: how many points
);
INSERT INTO sale_tenders__new (rowid, id, sale_id, kind, amount, reference, card_last4, points) SELECT rowid, id, sale_id, kind, amount, reference, card_last4, points FROM sale_tenders;
DROP TABLE sale_tenders;
ALTER TABLE sale_tenders__new RENAME TO sale_tenders;
CREATE INDEX sale_tenders_sale ON sale_tenders(sale_id);

-- cash_drawer
CREATE TABLE cash_drawer__new (
    id         TEXT PRIMARY KEY,
    shift_id   TEXT NOT NULL REFERENCES shifts(id),
    sale_id    TEXT REFERENCES sales(id),
    kind       TEXT NOT NULL CHECK ((kind = 'float' OR kind = 'sale' OR kind = 'refund' OR kind = 'pay_in' OR kind = 'pay_out')),
    amount     INTEGER NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
INSERT INTO cash_drawer__new (rowid, id, shift_id, sale_id, kind, amount, reason, created_at) SELECT rowid, id, shift_id, sale_id, kind, amount, reason, created_at FROM cash_drawer;
DROP TABLE cash_drawer;
ALTER TABLE cash_drawer__new RENAME TO cash_drawer;
CREATE INDEX cash_drawer_shift ON cash_drawer(shift_id);

-- audit_log
CREATE TABLE audit_log__new (
    id          TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    approver_id TEXT REFERENCES staff(id),
    action      TEXT NOT NULL CHECK ((action = 'void' OR action = 'refund' OR action = 'manual_discount' OR action = 'price_override' OR action = 'drawer_open' OR action = 'pay_in' OR action = 'pay_out' OR action = 'tier_rules')),
    entity_id   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);
INSERT INTO audit_log__new (rowid, id, staff_id, approver_id, action, entity_id, detail, created_at) SELECT rowid, id, staff_id, approver_id, action, entity_id, detail, created_at FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log__new RENAME TO audit_log;
CREATE INDEX audit_log_time ON audit_log(created_at);

-- rooms
CREATE TABLE rooms__new (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK ((kind = 'bed' OR kind = 'chair' OR kind = 'room')),
    capacity   INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 20),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO rooms__new (rowid, id, name, kind, capacity, active, created_at, updated_at) SELECT rowid, id, name, kind, capacity, active, created_at, updated_at FROM rooms;
DROP TABLE rooms;
ALTER TABLE rooms__new RENAME TO rooms;

-- appointments
CREATE TABLE appointments__new (
    id            TEXT PRIMARY KEY,
    member_id     TEXT REFERENCES members(id),
    walk_in_name  TEXT,                    -- 散客: no member record
    walk_in_phone TEXT,                    -- E.164, if she gave one
    service_id    TEXT NOT NULL REFERENCES services(id),
    staff_id      TEXT NOT NULL REFERENCES staff(id),
    room_id       TEXT REFERENCES rooms(id),
    start_at      TEXT NOT NULL,           -- ISO UTC, sorts as text
    end_at        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK ((status = 'booked' OR status = 'confirmed' OR status = 'arrived' OR status = 'in_service' OR status = 'completed' OR status = 'cancelled' OR status = 'no_show')),
    notes         TEXT NOT NULL DEFAULT '',
    cancel_reason TEXT,
    sale_id       TEXT REFERENCES sales(id),
    created_by    TEXT NOT NULL REFERENCES staff(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (end_at > start_at),
    CHECK (member_id IS NOT NULL OR walk_in_name IS NOT NULL)
);
INSERT INTO appointments__new (rowid, id, member_id, walk_in_name, walk_in_phone, service_id, staff_id, room_id, start_at, end_at, status, notes, cancel_reason, sale_id, created_by, created_at, updated_at) SELECT rowid, id, member_id, walk_in_name, walk_in_phone, service_id, staff_id, room_id, start_at, end_at, status, notes, cancel_reason, sale_id, created_by, created_at, updated_at FROM appointments;
DROP TABLE appointments;
ALTER TABLE appointments__new RENAME TO appointments;
CREATE INDEX appointments_member ON appointments(member_id, status) WHERE member_id IS NOT NULL;
CREATE INDEX appointments_room_start ON appointments(room_id, start_at) WHERE room_id IS NOT NULL;
CREATE INDEX appointments_staff_start ON appointments(staff_id, start_at);
CREATE INDEX appointments_start ON appointments(start_at);

-- appointment_history
CREATE TABLE appointment_history__new (
    id             TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL REFERENCES appointments(id),
    action         TEXT NOT NULL CHECK ((action = 'booked' OR action = 'status' OR action = 'moved' OR action = 'resized')),
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT '',
    staff_id       TEXT NOT NULL REFERENCES staff(id),
    created_at     TEXT NOT NULL
);
INSERT INTO appointment_history__new (rowid, id, appointment_id, action, from_status, to_status, reason, detail, staff_id, created_at) SELECT rowid, id, appointment_id, action, from_status, to_status, reason, detail, staff_id, created_at FROM appointment_history;
DROP TABLE appointment_history;
ALTER TABLE appointment_history__new RENAME TO appointment_history;
CREATE INDEX appointment_history_appointment ON appointment_history(appointment_id, created_at);

-- messages
CREATE TABLE messages__new (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('appointment_reminder')),
    appointment_id  TEXT NOT NULL REFERENCES appointments(id),
    recipient_name  TEXT NOT NULL,
    phone           TEXT NOT NULL,          -- E.164
    lang            TEXT NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK ((status = 'pending' OR status = 'sent' OR status = 'failed' OR status = 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    sent_at         TEXT,
    sent_by         TEXT,                   -- 'webhook', or the staff id who sent it by hand
    created_at      TEXT NOT NULL,
    UNIQUE (kind, appointment_id)
);
INSERT INTO messages__new (rowid, id, kind, appointment_id, recipient_name, phone, lang, body, status, attempts, last_error, next_attempt_at, sent_at, sent_by, created_at) SELECT rowid, id, kind, appointment_id, recipient_name, phone, lang, body, status, attempts, last_error, next_attempt_at, sent_at, sent_by, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages__new RENAME TO messages;
CREATE INDEX messages_unsent ON messages(next_attempt_at) WHERE status IN ('pending', 'failed');

-- points_ledger
CREATE TABLE points_ledger__new (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'earn' OR reason = 'redeem' OR reason = 'reverse_earn' OR reason = 'reverse_redeem' OR reason = 'referral' OR reason = 'expire' OR reason = 'adjust')),
    expires_on TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO points_ledger__new (rowid, id, member_id, sale_id, delta, reason, expires_on, created_at) SELECT rowid, id, member_id, sale_id, delta, reason, expires_on, created_at FROM points_ledger;
DROP TABLE points_ledger;
ALTER TABLE points_ledger__new RENAME TO points_ledger;
CREATE INDEX points_ledger_member ON points_ledger(member_id, delta);

-- stored_value_ledger
CREATE TABLE stored_value_ledger__new (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'top_up' OR reason = 'bonus' OR reason = 'pay' OR reason = 'refund_pay' OR reason = 'refund_top_up' OR reason = 'void_bonus' OR reason = 'adjust')),
    created_at TEXT NOT NULL
);
INSERT INTO stored_value_ledger__new (rowid, id, member_id, sale_id, delta, reason, created_at) SELECT rowid, id, member_id, sale_id, delta, reason, created_at FROM stored_value_ledger;
DROP TABLE stored_value_ledger;
ALTER TABLE stored_value_ledger__new RENAME TO stored_value_ledger;
CREATE INDEX stored_value_ledger_member ON stored_value_ledger(member_id, delta);

-- package_ledger
CREATE TABLE package_ledger__new (
    id         TEXT PRIMARY KEY,
    package_id TEXT NOT NULL REFERENCES packages(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'purchase' OR reason = 'redeem' OR reason = 'reverse_redeem' OR reason = 'reverse_purchase')),
    created_at TEXT NOT NULL
);
INSERT INTO package_ledger__new (rowid, id, package_id, sale_id, delta, reason, created_at) SELECT rowid, id, package_id, sale_id, delta, reason, created_at FROM package_ledger;
DROP TABLE package_ledger;
ALTER TABLE package_ledger__new RENAME TO package_ledger;
CREATE INDEX package_ledger_package ON package_ledger(package_id, delta);
