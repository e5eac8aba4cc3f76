-- SalonDesk schema 11: stamps brought back within the clock's bounds.
-- Before this version a till adopted any stamp it pulled, so one stamp like
-- `999999999999999-999999` (or the 23-character `999999999999999-1000000` the
-- server's clock overflowed into) left its clock there: every operation it
-- made after carried such a stamp and the server refused it `bad_hlc` (or,
-- from now on, `clock_ahead`). A stamp is out of bounds when it is not 15
-- digits, a dash and 6 digits, is before 2000-01-01, or is more than 5 minutes
-- (salondesk_protocol::hlc::MAX_DRIFT_MS) past this moment's wall clock.
--
-- - Outbox operations still to send, or refused for their stamp alone, get
--   fresh stamps in outbox order, after everything this device stamped well,
--   and wait to be sent again (the push watermark goes back before the first).
-- - A field clock this device set with one of those stamps follows it, so the
--   till judges its own write as the server and other tills will.
-- - Any other stamp out of bounds in the field clocks (pulled from elsewhere)
--   becomes the earliest stamp: the write it carried loses to any later write,
--   as it does on every till and on the server, whose migration does the same.
-- - The device's clock moves to the newest of its sane stamps.

CREATE TEMP TABLE clock_now AS
SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms;

CREATE TEMP TABLE clock_sane_meta AS
SELECT value AS hlc FROM meta
WHERE key = 'hlc' AND length(value) = 22
  AND value GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'
  AND substr(value, 1, 15) >= '000946684800000'
  AND substr(value, 1, 15) <= printf('%015d', (SELECT ms FROM clock_now) + 300000);

CREATE TEMP TABLE clock_fix (seq INTEGER PRIMARY KEY, old TEXT NOT NULL, new TEXT);

INSERT INTO clock_fix (seq, old)
SELECT seq, hlc FROM outbox
WHERE reject_code IN ('bad_hlc', 'clock_ahead')
   OR (rejected_at IS NULL
       AND seq > coalesce((SELECT CAST(value AS INTEGER) FROM meta
                           WHERE key = 'outbox_pushed_through'), 0)
       AND NOT (length(hlc) = 22
                AND hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'
                AND substr(hlc, 1, 15) >= '000946684800000'
                AND substr(hlc, 1, 15) <= printf('%015d', (SELECT ms FROM clock_now) + 300000)));

-- Fresh stamps from now (or just after the device's own sane clock, if that is
-- later), one counter step apart, the counter carrying into the milliseconds.
WITH base AS (
    SELECT max((SELECT ms FROM clock_now),
               coalesce((SELECT CAST(substr(hlc, 1, 15) AS INTEGER) + 1 FROM clock_sane_meta), 0)) AS ms
), ranked AS (
    SELECT seq, ROW_NUMBER() OVER (ORDER BY seq) - 1 AS k FROM clock_fix
)
UPDATE clock_fix SET new = (
    SELECT printf('%015d-%06d', base.ms + ranked.k / 1000000, ranked.k % 1000000)
    FROM ranked, base WHERE ranked.seq = clock_fix.seq
);

UPDATE field_clocks SET hlc = (
    SELECT f.new FROM clock_fix f WHERE f.old = field_clocks.hlc ORDER BY f.seq DESC LIMIT 1
)
WHERE device_id = (SELECT value FROM meta WHERE key = 'device_id')
  AND hlc IN (SELECT old FROM clock_fix);

UPDATE field_clocks SET hlc = '000946684800000-000000'
WHERE NOT (length(hlc) = 22
           AND hlc GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'
           AND substr(hlc, 1, 15) >= '000946684800000'
           AND substr(hlc, 1, 15) <= printf('%015d', (SELECT ms FROM clock_now) + 300000));

UPDATE outbox SET hlc = (SELECT new FROM clock_fix WHERE clock_fix.seq = outbox.seq),
                  rejected_at = NULL, reject_code = NULL, reject_message = NULL
WHERE seq IN (SELECT seq FROM clock_fix);

UPDATE meta SET value = CAST((SELECT min(seq) - 1 FROM clock_fix) AS TEXT)
WHERE key = 'outbox_pushed_through'
  AND CAST(value AS INTEGER) >= (SELECT min(seq) FROM clock_fix);

UPDATE meta SET value = (
    SELECT max(v) FROM (
        SELECT hlc AS v FROM clock_sane_meta
        UNION ALL SELECT new FROM clock_fix
        UNION ALL SELECT printf('%015d-%06d', ms, 0) FROM clock_now
    )
)
WHERE key = 'hlc';

DROP TABLE clock_fix;
DROP TABLE clock_sane_meta;
DROP TABLE clock_now;
