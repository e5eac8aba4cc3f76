-- Members' data requests (PIPL).
--
-- When and how each member gave or withdrew marketing consent: append-only
-- and synced (`member_consent`), so the chain can show it was asked. Which
-- till: `device_id`; which staff: `staff_id` (none for an import or a pulled
-- merge). No personal data: a member id, a yes/no and how.
CREATE TABLE member_consents (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES members(id),
    consent     INTEGER NOT NULL CHECK (consent IN (0, 1)),
    how         TEXT NOT NULL CHECK (length(how) BETWEEN 1 AND 40),
    staff_id    TEXT,
    device_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX member_consents_member ON member_consents(member_id, created_at);

-- When her identity was erased on request: her record stays (ledgers and
-- sales name it) as an anonymous one, and a pulled operation about her that
-- was made before the erase never brings her name back (`sync::members`).
ALTER TABLE members ADD COLUMN erased_at TEXT;
