-- The central server's schema: who may sync (tenants, stores, devices, enrolment
-- codes), the operation log devices push to and pull from, who owns each id, and
-- the little the server mirrors to find what cannot merge silently (conflicts).

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stores (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    name        text NOT NULL,
    -- Printed in receipt and member numbers: unique within the chain.
    code        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, code)
);

-- One-time codes an admin hands to a new device; only their SHA-256 is kept.
CREATE TABLE enrolment_codes (
    code_hash   bytea PRIMARY KEY,
    store_id    uuid NOT NULL REFERENCES stores (id),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    store_id         uuid NOT NULL REFERENCES stores (id),
    -- "001", "002", ...: unique within the store.
    code             text NOT NULL,
    name             text NOT NULL,
    -- SHA-256 of the bearer credential (the credential itself is never stored).
    credential_hash  bytea NOT NULL UNIQUE,
    enrolled_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at       timestamptz,
    UNIQUE (store_id, code)
);

-- The log: every accepted operation, the server's derived ones, and conflicts.
-- `seq` orders it; pulls read a tenant's slice in seq order.
CREATE TABLE ops (
    seq         bigserial NOT NULL,
    op_id       uuid NOT NULL UNIQUE,
    tenant_id   uuid NOT NULL,
    -- NULL: chain-wide (every store pulls it); else only this store pulls it.
    store_id    uuid,
    device_id   uuid NOT NULL,
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    kind        text NOT NULL,
    hlc         text NOT NULL,
    -- JSON text, as the server parsed and checked it on the way in: it never
    -- looks inside a stored payload again, and pulls hand the text back as is
    -- (text, not json/jsonb: no second validation on every insert).
    payload     text NOT NULL,
    created_at  timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- Pulls read one tenant's slice in seq order; seq alone is unique too, but
    -- one index instead of two keeps pushes fast.
    PRIMARY KEY (tenant_id, seq)
)
-- A sale's payload (2–4 kB: its lines, tenders and ledger rows) stays in the
-- row uncompressed: by default PostgreSQL would try to compress every row over
-- ~2 kB, which costs more than the bytes it saves here.
WITH (toast_tuple_target = 8160);

-- Operations refused (kept for support; never applied, never pulled).
CREATE TABLE rejected_ops (
    op_id       uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    device_id   uuid NOT NULL,
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    code        text NOT NULL,
    message     text NOT NULL,
    payload     text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Who owns each UUID-form id: the tenant that first wrote it, and for a
-- store-scope record its store. Key-form ids (coupon codes, tier names, settings
-- keys) are not here: they only mean something inside their tenant's log.
CREATE TABLE id_owners (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    store_id    uuid
);

-- Store-scope records whose id is a key (a reminder message, `reminder-<id>`):
-- the store that first wrote the key in its tenant.
CREATE TABLE key_owners (
    tenant_id   uuid NOT NULL,
    entity      text NOT NULL,
    key         text NOT NULL,
    store_id    uuid NOT NULL,
    PRIMARY KEY (tenant_id, entity, key)
);

-- Running balances of member ledgers, to notice an overdraft made offline.
-- subject_id: the member (points, stored_value) or the package (package).
CREATE TABLE balances (
    tenant_id        uuid NOT NULL,
    ledger           text NOT NULL,
    subject_id       uuid NOT NULL,
    member_id        uuid,
    balance          bigint NOT NULL,
    -- The latest credit's hlc, and per store the latest debit's: the stores whose
    -- debits came after the latest credit are the ones an overdraft names.
    last_credit_hlc  text NOT NULL DEFAULT '',
    debit_hlcs       jsonb NOT NULL DEFAULT '{}',
    open_conflict    uuid,
    PRIMARY KEY (tenant_id, ledger, subject_id)
);

-- Members' phones (to notice two members registered with one phone).
CREATE TABLE member_mirror (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    store_id    uuid,
    phone       text,
    phone_hlc   text NOT NULL DEFAULT '',
    archived    boolean NOT NULL DEFAULT false
);
CREATE INDEX member_mirror_phone ON member_mirror (tenant_id, phone) WHERE NOT archived;

-- Appointments' slots (to notice one beautician booked twice from two devices).
-- Partial upserts merge field by field: each field keeps the hlc that set it.
CREATE TABLE appointment_mirror (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    store_id    uuid NOT NULL,
    staff_id    uuid,
    starts_at   timestamptz,
    ends_at     timestamptz,
    status      text,
    staff_hlc   text NOT NULL DEFAULT '',
    start_hlc   text NOT NULL DEFAULT '',
    end_hlc     text NOT NULL DEFAULT '',
    status_hlc  text NOT NULL DEFAULT '',
    -- The device of the latest write (by hlc).
    device_id   uuid NOT NULL,
    device_hlc  text NOT NULL DEFAULT ''
);
CREATE INDEX appointment_mirror_staff ON appointment_mirror (store_id, staff_id, starts_at);

CREATE TABLE conflicts (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL,
    kind         text NOT NULL,
    entity       text NOT NULL,
    entity_ids   jsonb NOT NULL,
    store_ids    jsonb NOT NULL,
    detail       jsonb NOT NULL,
    -- Pair conflicts (double booking, duplicate phone) are raised once per pair.
    pair_key     text,
    detected_at  timestamptz NOT NULL,
    resolved_at  timestamptz,
    resolution   text,
    resolved_by  text,
    UNIQUE (tenant_id, pair_key)
);
