-- When a device's credential first authenticated. Until then an enrolment
-- code may enrol the same device id again (its first reply was lost on the
-- way, and the till asks again with a new code); once it has been used, the
-- till is protected: a code never takes over a till that works.
ALTER TABLE devices ADD COLUMN first_seen_at timestamptz;
-- Devices enrolled before this column existed count as seen.
UPDATE devices SET first_seen_at = enrolled_at;
