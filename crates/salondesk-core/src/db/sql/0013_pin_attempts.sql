-- PIN attempts as a log that syncs to the store's other tills (entity
-- `pin_attempt`, store scope), so five wrong PINs lock a staff member out at
-- every till of the store, not at one. Her standing is read from the
-- failures after her latest good attempt (staff::login::lock_state).
-- The per-till counter it replaces is dropped (a lock in progress ends).
DROP TABLE pin_attempts;

CREATE TABLE pin_attempt_log (
    id         TEXT PRIMARY KEY,
    staff_id   TEXT NOT NULL,
    ok         INTEGER NOT NULL,
    at         TEXT NOT NULL,
    device_id  TEXT NOT NULL
);
CREATE INDEX pin_attempt_log_staff ON pin_attempt_log (staff_id, ok, at);

-- The audit log also keeps staff added and roles given at a till (who, to
-- what, from what): a CHECK list grows only by rebuilding the table.
CREATE TABLE audit_log__new (
    id          TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    approver_id TEXT REFERENCES staff(id),
    action      TEXT NOT NULL CHECK ((action = 'void' OR action = 'refund' OR action = 'manual_discount' OR action = 'price_override' OR action = 'drawer_open' OR action = 'pay_in' OR action = 'pay_out' OR action = 'tier_rules' OR action = 'sync_op_retried' OR action = 'sync_op_discarded' OR action = 'staff_added' OR action = 'staff_role')),
    entity_id   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);
INSERT INTO audit_log__new (rowid, id, staff_id, approver_id, action, entity_id, detail, created_at) SELECT rowid, id, staff_id, approver_id, action, entity_id, detail, created_at FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log__new RENAME TO audit_log;
CREATE INDEX audit_log_time ON audit_log(created_at);
