-- Care tasks (回访/关怀): generated daily per store, worked at the desk.
-- The id is made from the store, kind, member and period (care::task_id), so
-- two tills of one store generating the same day write the same row. No
-- foreign key to members: a task pulled before its member arrives is kept
-- (the list joins members, so it shows once she is here).
CREATE TABLE care_tasks (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('post_visit', 'cadence', 'birthday', 'lapsed',
                          'package_expiry', 'points_expiry', 'cycle')),
    member_id         TEXT NOT NULL,
    due_on            TEXT NOT NULL,              -- YYYY-MM-DD, store date
    detail            TEXT NOT NULL DEFAULT '{}', -- JSON: what the desk says why (service, dates, points)
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    snoozed_until     TEXT,                       -- YYYY-MM-DD: off the list until then
    assigned_staff_id TEXT,
    outcome           TEXT CHECK (outcome IS NULL OR outcome IN ('reached', 'no_answer', 'booked', 'not_interested')),
    note              TEXT NOT NULL DEFAULT '',
    appointment_id    TEXT,                       -- done by booking: the appointment made
    done_staff_id     TEXT,
    done_at           TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX care_tasks_open ON care_tasks(due_on) WHERE status = 'open';
CREATE INDEX care_tasks_member ON care_tasks(member_id, due_on);

-- The message outbox carries care messages too: a message is about an
-- appointment (a reminder) or about a care task, never neither.
CREATE TABLE messages__new (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('appointment_reminder', 'care')),
    appointment_id  TEXT REFERENCES appointments(id),
    care_task_id    TEXT,
    recipient_name  TEXT NOT NULL,
    phone           TEXT NOT NULL,          -- E.164
    lang            TEXT NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK ((status = 'pending' OR status = 'sent' OR status = 'failed' OR status = 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    sent_at         TEXT,
    sent_by         TEXT,                   -- 'webhook', or the staff id who sent it by hand
    created_at      TEXT NOT NULL,
    UNIQUE (kind, appointment_id),
    CHECK (appointment_id IS NOT NULL OR care_task_id IS NOT NULL)
);
INSERT INTO messages__new (id, kind, appointment_id, recipient_name, phone, lang, body, status,
    attempts, last_error, next_attempt_at, sent_at, sent_by, created_at)
SELECT id, kind, appointment_id, recipient_name, phone, lang, body, status,
    attempts, last_error, next_attempt_at, sent_at, sent_by, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages__new RENAME TO messages;
CREATE INDEX messages_unsent ON messages(next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX messages_care_task ON messages(care_task_id) WHERE care_task_id IS NOT NULL;
