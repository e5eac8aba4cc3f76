-- Issue 17's leftovers: a campaign's message goes through the same outbox as
-- reminders and follow-up messages. A message is about an appointment (a
-- reminder), a care task or a campaign's member (`campaign_members`, which
-- says whom and which campaign), never none of them.
CREATE TABLE messages__new (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('appointment_reminder', 'care', 'campaign')),
    appointment_id      TEXT REFERENCES appointments(id),
    care_task_id        TEXT,
    campaign_member_id  TEXT,
    recipient_name      TEXT NOT NULL,
    phone               TEXT NOT NULL,          -- E.164
    lang                TEXT NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    body                TEXT NOT NULL,
    status              TEXT NOT NULL CHECK ((status = 'pending' OR status = 'sent' OR status = 'failed' OR status = 'cancelled')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    last_error          TEXT,
    next_attempt_at     TEXT NOT NULL,
    sent_at             TEXT,
    sent_by             TEXT,                   -- 'webhook', or the staff id who sent it by hand
    created_at          TEXT NOT NULL,
    UNIQUE (kind, appointment_id),
    CHECK (appointment_id IS NOT NULL OR care_task_id IS NOT NULL OR campaign_member_id IS NOT NULL)
);
INSERT INTO messages__new (id, kind, appointment_id, care_task_id, recipient_name, phone, lang,
    body, status, attempts, last_error, next_attempt_at, sent_at, sent_by, created_at)
SELECT id, kind, appointment_id, care_task_id, recipient_name, phone, lang,
    body, status, attempts, last_error, next_attempt_at, sent_at, sent_by, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages__new RENAME TO messages;
CREATE INDEX messages_unsent ON messages(next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX messages_care_task ON messages(care_task_id) WHERE care_task_id IS NOT NULL;
CREATE INDEX messages_campaign_member ON messages(campaign_member_id) WHERE campaign_member_id IS NOT NULL;
