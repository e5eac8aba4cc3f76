-- Sync recovery: pull checkpoints (a restored server) and audited decisions on set-aside operations.

-- Where this device's pulls have been: the cursor after a page and the id of
-- the server's operation at that position. A server restored from a backup no
-- longer holds the newest of them; the device pulls again from the newest one
-- it still holds (see salondesk_core::sync::rewind). Thinned as it grows:
-- every one of the last hour, one an hour for two days, one a day after that.
CREATE TABLE sync_checkpoints (
    seq     INTEGER PRIMARY KEY,
    op_id   TEXT NOT NULL,
    at      TEXT NOT NULL
);

-- The audit log also keeps a manager's decisions on operations set aside
-- (sent again, or discarded for good: the one way a change made here never
-- reaches the chain). The CHECK list grows: the table is rebuilt as 0006 did.
CREATE TABLE audit_log__new (
    id          TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    approver_id TEXT REFERENCES staff(id),
    action      TEXT NOT NULL CHECK ((action = 'void' OR action = 'refund' OR action = 'manual_discount' OR action = 'price_override' OR action = 'drawer_open' OR action = 'pay_in' OR action = 'pay_out' OR action = 'tier_rules' OR action = 'sync_op_retried' OR action = 'sync_op_discarded')),
    entity_id   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);
INSERT INTO audit_log__new (rowid, id, staff_id, approver_id, action, entity_id, detail, created_at) SELECT rowid, id, staff_id, approver_id, action, entity_id, detail, created_at FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log__new RENAME TO audit_log;
CREATE INDEX audit_log_time ON audit_log(created_at);
