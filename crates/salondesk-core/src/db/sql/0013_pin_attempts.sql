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
