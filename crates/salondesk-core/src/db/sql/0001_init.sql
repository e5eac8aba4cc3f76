-- SalonDesk schema 1: device identity, the outbox, staff, members and their
-- search index, the catalog.

-- Device-local settings and counters (device id, codes, hybrid clock, sequences).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The outbox: one row per change, appended in the same transaction as the change.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id      TEXT NOT NULL UNIQUE,
    hlc        TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    pushed_at  TEXT
);
CREATE INDEX outbox_unpushed ON outbox(seq) WHERE pushed_at IS NULL;

CREATE TABLE staff (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'cashier', 'beautician')),
    pin_hash   TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Wrong-PIN counting is this device's security state: it is not synced.
CREATE TABLE pin_attempts (
    staff_id     TEXT PRIMARY KEY REFERENCES staff(id),
    failures     INTEGER NOT NULL,
    locked_until TEXT
) WITHOUT ROWID;

CREATE TABLE members (
    rid                INTEGER PRIMARY KEY,   -- local only: keys the search index compactly
    id                 TEXT NOT NULL UNIQUE,
    member_no          TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    phone              TEXT NOT NULL,         -- E.164
    gender             TEXT CHECK (gender IN ('female', 'male', 'other')),
    birthday           TEXT,                  -- YYYY-MM-DD
    region             TEXT NOT NULL DEFAULT '',
    skin_type          TEXT CHECK (skin_type IN ('dry', 'oily', 'combination', 'sensitive', 'normal')),
    allergies          TEXT NOT NULL DEFAULT '',
    preferred_staff_id TEXT REFERENCES staff(id),
    notes              TEXT NOT NULL DEFAULT '',
    tags               TEXT NOT NULL DEFAULT '[]',
    consent_marketing  INTEGER NOT NULL DEFAULT 0,
    source             TEXT NOT NULL DEFAULT '',
    referrer_id        TEXT REFERENCES members(id),
    tier               TEXT NOT NULL DEFAULT 'standard'
                       CHECK (tier IN ('standard', 'silver', 'gold', 'platinum')),
    registered_at      TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    last_visit_at      TEXT,
    visit_count        INTEGER NOT NULL DEFAULT 0,
    archived_at        TEXT,
    merged_into        TEXT REFERENCES members(id)
);
-- One phone, one member (among members not archived).
CREATE UNIQUE INDEX members_phone_active ON members(phone) WHERE archived_at IS NULL;
-- The naive search the benchmark compares against scans these columns.
CREATE INDEX members_last_visit ON members(last_visit_at);

-- The member search index: every way a cashier may type a member, as keys
-- ordered by how recently she visited, so the top results come straight off
-- the index. Derived from `members`, rebuilt on every change; not synced.
CREATE TABLE member_search (
    kind       INTEGER NOT NULL,
    key        TEXT NOT NULL,
    recency    INTEGER NOT NULL,
    member_rid INTEGER NOT NULL,
    PRIMARY KEY (kind, key, recency, member_rid)
) WITHOUT ROWID;

CREATE TABLE services (
    id           TEXT PRIMARY KEY,
    category     TEXT NOT NULL,
    name         TEXT NOT NULL,
    duration_min INTEGER NOT NULL CHECK (duration_min > 0),
    price        INTEGER NOT NULL CHECK (price >= 0),
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX services_name ON services(name);

CREATE TABLE products (
    id         TEXT PRIMARY KEY,
    sku        TEXT NOT NULL UNIQUE,
    barcode    TEXT UNIQUE,
    name       TEXT NOT NULL,
    price      INTEGER NOT NULL CHECK (price >= 0),
    cost       INTEGER NOT NULL CHECK (cost >= 0),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX products_name ON products(name);

-- Stock is a ledger: the quantity on hand is the sum of the moves.
CREATE TABLE stock_moves (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(id),
    qty        INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('receive', 'sale', 'refund', 'adjust')),
    created_at TEXT NOT NULL
);
CREATE INDEX stock_moves_product ON stock_moves(product_id);
