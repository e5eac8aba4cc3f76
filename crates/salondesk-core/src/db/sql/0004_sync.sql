-- SalonDesk schema 4: sync with the central server. What the server refused,
-- the clocks that decide which write of a field wins, the conflicts a manager
-- resolves, pulled operations that could not be applied, members whose phone
-- another store's member also has, and ledgers that may name another store's sale.
-- (Runs with foreign keys off, checked before commit: see migrations.rs.)

-- The outbox keeps what the server refused, with its reason, and never offers it again.
ALTER TABLE outbox ADD COLUMN reject_code TEXT;
ALTER TABLE outbox ADD COLUMN reject_message TEXT;
ALTER TABLE outbox ADD COLUMN rejected_at TEXT;
DROP INDEX outbox_unpushed;
CREATE INDEX outbox_unpushed ON outbox(seq) WHERE pushed_at IS NULL AND rejected_at IS NULL;
CREATE INDEX outbox_rejected ON outbox(seq) WHERE rejected_at IS NOT NULL;

-- Last writer wins per field: the hybrid clock (and, on a tie, the device id) of
-- the write that set each synced field. `field = ''` is the record's base clock:
-- it holds for every field without a row of its own, so a record written whole
-- costs one row, not one per field.
CREATE TABLE field_clocks (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;

-- What could not merge silently (the server finds it): a manager resolves it.
CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT '',        -- overdraft | double_booking | duplicate_phone
    entity      TEXT NOT NULL DEFAULT '',
    entity_ids  TEXT NOT NULL DEFAULT '[]',      -- JSON array
    store_ids   TEXT NOT NULL DEFAULT '[]',      -- JSON array
    detail      TEXT NOT NULL DEFAULT '{}',      -- JSON object
    detected_at TEXT NOT NULL,
    resolution  TEXT,
    resolved_by TEXT,
    resolved_at TEXT
);
CREATE INDEX conflicts_detected ON conflicts(detected_at);

-- Pulled operations that could not be applied (skipped, so they never block a
-- page) and ones applied with a repair (`skipped = 0`), with the reason.
CREATE TABLE sync_apply_errors (
    id        INTEGER PRIMARY KEY,
    op_id     TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    skipped   INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL
);

-- One phone, one member, except that a member pulled from another store whose
-- phone an active member here already has is kept (never dropped) with
-- `phone_holder` NULL until a manager merges the two: NULLs never collide in a
-- unique index, and lookups by phone still use it (phone leads).
ALTER TABLE members ADD COLUMN phone_holder INTEGER DEFAULT 1
    CHECK (phone_holder IS NULL OR phone_holder = 1);
DROP INDEX members_phone_active;
CREATE UNIQUE INDEX members_phone_active ON members(phone, phone_holder) WHERE archived_at IS NULL;

-- A member's ledgers and packages travel chain-wide while the sale that wrote
-- them stays in its store: their `sale_id` may name a sale this device never
-- sees, so it no longer references `sales`. (Rebuilt the documented way: new
-- table, copy, drop, rename.)
CREATE TABLE packages_new (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    plan_id    TEXT NOT NULL REFERENCES package_plans(id),
    service_id TEXT NOT NULL REFERENCES services(id),
    name       TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    sale_id    TEXT NOT NULL,                -- the sale that bought it (maybe another store's)
    created_at TEXT NOT NULL
);
INSERT INTO packages_new SELECT id, member_id, plan_id, service_id, name, expires_on, sale_id, created_at FROM packages;
DROP TABLE packages;
ALTER TABLE packages_new RENAME TO packages;
CREATE INDEX packages_member ON packages(member_id);

CREATE TABLE points_ledger_new (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('earn', 'redeem', 'reverse_earn', 'reverse_redeem',
                                               'referral', 'expire', 'adjust')),
    expires_on TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO points_ledger_new SELECT id, member_id, sale_id, delta, reason, expires_on, created_at FROM points_ledger;
DROP TABLE points_ledger;
ALTER TABLE points_ledger_new RENAME TO points_ledger;
CREATE INDEX points_ledger_member ON points_ledger(member_id, delta);

CREATE TABLE stored_value_ledger_new (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('top_up', 'bonus', 'pay', 'refund_pay',
                                               'refund_top_up', 'void_bonus', 'adjust')),
    created_at TEXT NOT NULL
);
INSERT INTO stored_value_ledger_new SELECT id, member_id, sale_id, delta, reason, created_at FROM stored_value_ledger;
DROP TABLE stored_value_ledger;
ALTER TABLE stored_value_ledger_new RENAME TO stored_value_ledger;
CREATE INDEX stored_value_ledger_member ON stored_value_ledger(member_id, delta);

CREATE TABLE package_ledger_new (
    id         TEXT PRIMARY KEY,
    package_id TEXT NOT NULL REFERENCES packages(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('purchase', 'redeem', 'reverse_redeem', 'reverse_purchase')),
    created_at TEXT NOT NULL
);
INSERT INTO package_ledger_new SELECT id, package_id, sale_id, delta, reason, created_at FROM package_ledger;
DROP TABLE package_ledger;
ALTER TABLE package_ledger_new RENAME TO package_ledger;
CREATE INDEX package_ledger_package ON package_ledger(package_id, delta);
