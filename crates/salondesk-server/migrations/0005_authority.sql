-- Authority: which device may write chain-wide and privileged records.
--
-- A head-office device (marked by the chain's admin: an enrolment code made
-- with headOffice, or the admin's flag on an enrolled device) may write the
-- records that bind every store: staff of any store or of the whole chain,
-- the catalog and its prices, tiers, coupons, plans, chain settings. An
-- ordinary till writes only its own store's staff.
ALTER TABLE devices ADD COLUMN head_office boolean NOT NULL DEFAULT false;
ALTER TABLE enrolment_codes ADD COLUMN head_office boolean NOT NULL DEFAULT false;

-- Each staff member's home: the store she belongs to, or NULL for the whole
-- chain (written from a head-office device). Her PIN hash goes only to the
-- tills of her home (chain staff: head-office devices), and only her home's
-- tills (or head office) may change her. Role and active as last written, to
-- audit changes.
CREATE TABLE staff_homes (
    tenant_id   uuid NOT NULL,
    staff_id    uuid NOT NULL,
    store_id    uuid,
    role        text,
    active      boolean,
    PRIMARY KEY (tenant_id, staff_id)
);

-- Staff written before this migration belong to the store of the device that
-- first wrote them (a first-run owner is her till's store's owner).
INSERT INTO staff_homes (tenant_id, staff_id, store_id)
SELECT DISTINCT ON (o.tenant_id, o.entity_id) o.tenant_id, o.entity_id::uuid, d.store_id
FROM ops o JOIN devices d ON d.id = o.device_id
WHERE o.entity = 'staff'
ORDER BY o.tenant_id, o.entity_id, o.seq;

-- Every change of a staff member's role or standing (new, role, active, PIN),
-- for the chain's owner: `GET /v1/admin/tenants/{id}/staff-changes`.
CREATE TABLE staff_changes (
    id               bigserial PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    staff_id         uuid NOT NULL,
    home_store_id    uuid,
    device_id        uuid NOT NULL,
    device_store_id  uuid NOT NULL,
    from_role        text,
    to_role          text,
    from_active      boolean,
    to_active        boolean,
    pin_changed      boolean NOT NULL,
    op_id            uuid NOT NULL,
    hlc              text NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_changes_tenant ON staff_changes (tenant_id, id);
