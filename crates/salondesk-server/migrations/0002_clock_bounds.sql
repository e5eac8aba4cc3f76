-- Stamps brought back within the clock's bounds (salondesk_protocol::hlc).
-- Before this version the server accepted any stamp a till pushed, and its
-- one clock for every chain could overflow into 23 characters
-- (`999999999999999-1000000`). A stored stamp that is not 15 digits, a dash
-- and 6 digits, is before 2000-01-01, or is more than 5 minutes past this
-- moment becomes the earliest stamp, `000946684800000-000000`: the write it
-- carried loses to any later write. The tills' migration (core 0011) does the
-- same to the stamps they pulled, so tills that pulled such a write before and
-- tills that pull it from now on judge it alike. Empty stamps (a mirror field
-- never written) stay empty.

CREATE FUNCTION pg_temp.sane_hlc(h text, bound text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN h = '' THEN h
        WHEN h ~ '^[0-9]{15}-[0-9]{6}$'
             AND substr(h, 1, 15) >= '000946684800000'
             AND substr(h, 1, 15) <= bound THEN h
        ELSE '000946684800000-000000'
    END
$$;

CREATE TEMP TABLE clock_bound AS
SELECT lpad(((extract(epoch FROM now()) * 1000)::bigint + 300000)::text, 15, '0') AS bound;

UPDATE ops SET hlc = pg_temp.sane_hlc(hlc, b.bound)
FROM clock_bound b WHERE hlc <> pg_temp.sane_hlc(hlc, b.bound);

UPDATE member_mirror SET phone_hlc = pg_temp.sane_hlc(phone_hlc, b.bound)
FROM clock_bound b WHERE phone_hlc <> pg_temp.sane_hlc(phone_hlc, b.bound);

UPDATE appointment_mirror SET
    staff_hlc = pg_temp.sane_hlc(staff_hlc, b.bound),
    start_hlc = pg_temp.sane_hlc(start_hlc, b.bound),
    end_hlc = pg_temp.sane_hlc(end_hlc, b.bound),
    status_hlc = pg_temp.sane_hlc(status_hlc, b.bound),
    device_hlc = pg_temp.sane_hlc(device_hlc, b.bound)
FROM clock_bound b
WHERE (staff_hlc, start_hlc, end_hlc, status_hlc, device_hlc)
   <> (pg_temp.sane_hlc(staff_hlc, b.bound), pg_temp.sane_hlc(start_hlc, b.bound),
       pg_temp.sane_hlc(end_hlc, b.bound), pg_temp.sane_hlc(status_hlc, b.bound),
       pg_temp.sane_hlc(device_hlc, b.bound));

UPDATE balances SET
    last_credit_hlc = pg_temp.sane_hlc(last_credit_hlc, b.bound),
    debit_hlcs = (SELECT coalesce(jsonb_object_agg(d.key, pg_temp.sane_hlc(d.value, b.bound)), '{}')
                  FROM jsonb_each_text(debit_hlcs) AS d)
FROM clock_bound b
WHERE last_credit_hlc <> pg_temp.sane_hlc(last_credit_hlc, b.bound)
   OR EXISTS (SELECT 1 FROM jsonb_each_text(debit_hlcs) AS d
              WHERE d.value <> pg_temp.sane_hlc(d.value, b.bound));

DROP TABLE clock_bound;
DROP FUNCTION pg_temp.sane_hlc(text, text);
