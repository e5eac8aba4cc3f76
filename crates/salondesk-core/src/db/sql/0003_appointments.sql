-- SalonDesk schema 3: appointments. Staff working hours and days off, rooms
-- and resources, appointments with their append-only history, and the
-- message outbox that holds reminders until they are sent.

-- The kind of resource a service needs (NULL: none).
ALTER TABLE services ADD COLUMN resource_kind TEXT
    CHECK (resource_kind IS NULL OR resource_kind IN ('bed', 'chair', 'room'));

-- Weekly hours, one row per weekday once set (Monday 0); NULL times: a day off.
-- Minutes after the store's local midnight.
CREATE TABLE staff_hours (
    staff_id   TEXT NOT NULL REFERENCES staff(id),
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_min  INTEGER CHECK (start_min BETWEEN 0 AND 1440),
    end_min    INTEGER CHECK (end_min BETWEEN 0 AND 1440),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (staff_id, weekday),
    CHECK ((start_min IS NULL) = (end_min IS NULL) AND (start_min IS NULL OR end_min > start_min))
) WITHOUT ROWID;

-- Single days off (leave, holidays), store dates.
CREATE TABLE staff_days_off (
    staff_id   TEXT NOT NULL REFERENCES staff(id),
    date       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (staff_id, date)
) WITHOUT ROWID;
CREATE INDEX staff_days_off_date ON staff_days_off(date);

CREATE TABLE rooms (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('bed', 'chair', 'room')),
    capacity   INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 20),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE appointments (
    id            TEXT PRIMARY KEY,
    member_id     TEXT REFERENCES members(id),
    walk_in_name  TEXT,                    -- 散客: no member record
    walk_in_phone TEXT,                    -- E.164, if she gave one
    service_id    TEXT NOT NULL REFERENCES services(id),
    staff_id      TEXT NOT NULL REFERENCES staff(id),
    room_id       TEXT REFERENCES rooms(id),
    start_at      TEXT NOT NULL,           -- ISO UTC, sorts as text
    end_at        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('booked', 'confirmed', 'arrived', 'in_service',
                                                  'completed', 'cancelled', 'no_show')),
    notes         TEXT NOT NULL DEFAULT '',
    cancel_reason TEXT,
    sale_id       TEXT REFERENCES sales(id),
    created_by    TEXT NOT NULL REFERENCES staff(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (end_at > start_at),
    CHECK (member_id IS NOT NULL OR walk_in_name IS NOT NULL)
);
-- Clash checks read one beautician's (or room's) appointments near a time;
-- the day view reads one day of the whole store.
CREATE INDEX appointments_staff_start ON appointments(staff_id, start_at);
CREATE INDEX appointments_room_start ON appointments(room_id, start_at) WHERE room_id IS NOT NULL;
CREATE INDEX appointments_start ON appointments(start_at);
CREATE INDEX appointments_member ON appointments(member_id, status) WHERE member_id IS NOT NULL;

-- Every change of an appointment: booking, status, move, resize. Append-only.
CREATE TABLE appointment_history (
    id             TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL REFERENCES appointments(id),
    action         TEXT NOT NULL CHECK (action IN ('booked', 'status', 'moved', 'resized')),
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT '',
    staff_id       TEXT NOT NULL REFERENCES staff(id),
    created_at     TEXT NOT NULL
);
CREATE INDEX appointment_history_appointment ON appointment_history(appointment_id, created_at);

-- Messages to clients (appointment reminders), kept until sent: nothing is
-- lost offline. One reminder per appointment (the id derives from it).
CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('appointment_reminder')),
    appointment_id  TEXT NOT NULL REFERENCES appointments(id),
    recipient_name  TEXT NOT NULL,
    phone           TEXT NOT NULL,          -- E.164
    lang            TEXT NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    sent_at         TEXT,
    sent_by         TEXT,                   -- 'webhook', or the staff id who sent it by hand
    created_at      TEXT NOT NULL,
    UNIQUE (kind, appointment_id)
);
CREATE INDEX messages_unsent ON messages(next_attempt_at) WHERE status IN ('pending', 'failed');
