-- The audit log's actions are named by `checkout::audit::ACTIONS` in the core
-- (checked there on every write), no longer by a CHECK list: the list grew with
-- every feature, each time by rebuilding this table, and an action recorded by
-- a newer till of the chain must still be kept when it is pulled here.
CREATE TABLE audit_log__new (
    id          TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    approver_id TEXT REFERENCES staff(id),
    action      TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 40),
    entity_id   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);
INSERT INTO audit_log__new (rowid, id, staff_id, approver_id, action, entity_id, detail, created_at) SELECT rowid, id, staff_id, approver_id, action, entity_id, detail, created_at FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log__new RENAME TO audit_log;
CREATE INDEX audit_log_time ON audit_log(created_at);
-- The records screen filters by kind and by staff within a period.
CREATE INDEX audit_log_action ON audit_log(action, created_at);
