-- Members erased on request (PIPL): a tombstone per member, so an operation
-- about her that arrives later (an offline till's, made before it heard of
-- the erase) is scrubbed of her personal data before it is logged. No
-- personal data here: ids and a time.
CREATE TABLE member_erasures (
    tenant_id   uuid NOT NULL,
    member_id   uuid NOT NULL,
    -- The store of the device that erased her, and the erase operation.
    store_id    uuid NOT NULL,
    op_id       uuid NOT NULL,
    erased_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, member_id)
);

-- A member's operations by id: her home store (the store of the device that
-- first wrote her) when an erase arrives, and the stored operations the erase
-- rewrites. Member operations are a small share of the log.
CREATE INDEX ops_member_by_id ON ops (tenant_id, entity_id, seq) WHERE entity = 'member';
