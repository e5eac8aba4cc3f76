-- The summaries the members, campaigns and stock reports read (issue 18),
-- kept by triggers in the transaction that writes what they count, so a
-- report over a year reads a few narrow rows instead of every sale. Derived
-- and local (never synced); each is backfilled here from what is already in
-- the database. Days are business days as integers (days since 1970-01-01).

-- The stores a summary names, as small integers: 0 is this till's own store
-- (whatever its id: "local" before it joins a chain, the chain's id after);
-- a head-office device numbers the other stores whose sales it is handed
-- (`reports::visits::record_other_store_sale`).
CREATE TABLE report_store_keys (
    key       INTEGER PRIMARY KEY,
    store_id  TEXT NOT NULL UNIQUE
);

-- The days each member came to each store: one row per store × member, her
-- visit days as a bitmap from `first` (a multiple of 4), written as text of
-- hex digits, each digit four days (bit 0 the first): two years are 183
-- characters. A report reads one short row per member whatever the period
-- and its comparisons, where a row per visit made a year of a busy store's
-- report read millions of rows (a sale of kind 'sale' with her on it is a
-- visit; two the same day are one). A merged record's visits go to the one
-- she was merged into.
CREATE TABLE report_member_visits (
    store  INTEGER NOT NULL,
    rid    INTEGER NOT NULL,   -- members.rid
    first  INTEGER NOT NULL,   -- the day of the first digit's bit 0
    days   TEXT NOT NULL,
    PRIMARY KEY (store, rid)
) WITHOUT ROWID;

-- A visit is added by inserting (store, day, rid) here: SQLite has no bit
-- operations on text, so the digit is read, or-ed and written back with
-- string functions, the row first widened (zeros in front for a day before
-- it starts, behind for one after it ends).
CREATE VIEW report_visit_in (store, day, rid) AS SELECT 0, 0, 0 WHERE 0;

CREATE TRIGGER report_visit_in_add INSTEAD OF INSERT ON report_visit_in
BEGIN
    INSERT OR IGNORE INTO report_member_visits (store, rid, first, days)
    VALUES (NEW.store, NEW.rid, NEW.day - NEW.day % 4, '');
    UPDATE report_member_visits
       SET days = substr(hex(zeroblob((first - (NEW.day - NEW.day % 4)) / 4)), 1,
                         (first - (NEW.day - NEW.day % 4)) / 4) || days,
           first = NEW.day - NEW.day % 4
     WHERE store = NEW.store AND rid = NEW.rid AND first > NEW.day - NEW.day % 4;
    UPDATE report_member_visits
       SET days = days || substr(hex(zeroblob((NEW.day - first) / 4 + 1)), 1,
                                 (NEW.day - first) / 4 + 1 - length(days))
     WHERE store = NEW.store AND rid = NEW.rid AND length(days) < (NEW.day - first) / 4 + 1;
    UPDATE report_member_visits
       SET days = substr(days, 1, (NEW.day - first) / 4)
               || substr('0123456789abcdef',
                         ((instr('0123456789abcdef', substr(days, (NEW.day - first) / 4 + 1, 1)) - 1)
                          | (1 << (NEW.day % 4))) + 1, 1)
               || substr(days, (NEW.day - first) / 4 + 2)
     WHERE store = NEW.store AND rid = NEW.rid;
END;

CREATE TRIGGER report_member_visits_sale AFTER INSERT ON sales
WHEN NEW.member_id IS NOT NULL AND NEW.kind = 'sale'
BEGIN
    INSERT INTO report_visit_in (store, day, rid)
    SELECT 0, CAST(julianday(NEW.business_date) - 2440587.5 AS INTEGER),
           coalesce((SELECT s.rid FROM members s WHERE s.id = m.merged_into), m.rid)
      FROM members m WHERE m.id = NEW.member_id;
END;

-- The visits already there, each member's in day order (no row widened in front).
INSERT INTO report_visit_in (store, day, rid)
SELECT DISTINCT 0, CAST(julianday(s.business_date) - 2440587.5 AS INTEGER) AS d,
       coalesce((SELECT t.rid FROM members t WHERE t.id = m.merged_into), m.rid) AS r
  FROM sales s JOIN members m ON m.id = s.member_id
 WHERE s.kind = 'sale'
 ORDER BY r, d;

-- New members and retention cohorts read who joined in a period.
CREATE INDEX IF NOT EXISTS members_registered ON members(registered_at);
-- Tier moves in a period.
CREATE INDEX IF NOT EXISTS tier_changes_time ON tier_changes(created_at);
-- Coupons used in a period: only the sales that carry one.
CREATE INDEX IF NOT EXISTS sales_coupon ON sales(business_date) WHERE coupon_code IS NOT NULL;

-- What the chain owes its members, per business day of this device: the
-- change in stored value (principal and bonus apart) and in points. The
-- liability on a date is the sum of the days up to it. Bonus is what is left
-- of the bonus she was given, a payment being counted against the principal
-- first (as the members export counts it): her bonus part is
-- min(bonus given, balance), never below 0, and each ledger row adds the
-- change in that figure (and the rest of its delta to the principal).
CREATE TABLE report_liability_days (
    day           INTEGER PRIMARY KEY,
    sv_principal  INTEGER NOT NULL DEFAULT 0,
    sv_bonus      INTEGER NOT NULL DEFAULT 0,
    points        INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER report_liability_stored_value AFTER INSERT ON stored_value_ledger
BEGIN
    INSERT INTO report_liability_days (day, sv_principal, sv_bonus)
    SELECT d, NEW.delta - b, b FROM (
        SELECT CAST(julianday(NEW.created_at, printf('%+d minutes', coalesce(
                   (SELECT json_extract(value, '$.utcOffsetMinutes') FROM store_settings
                     WHERE key = 'checkout'), 480))) - 2440587.5 AS INTEGER) AS d,
               max(0, min(g, s)) - max(0, min(g - gd, s - NEW.delta)) AS b
          FROM (SELECT total(delta) AS s,
                       total(CASE WHEN reason IN ('bonus', 'void_bonus', 'opening_bonus')
                                  THEN delta ELSE 0 END) AS g,
                       CASE WHEN NEW.reason IN ('bonus', 'void_bonus', 'opening_bonus')
                            THEN NEW.delta ELSE 0 END AS gd
                  FROM stored_value_ledger WHERE member_id = NEW.member_id))
     WHERE true
    ON CONFLICT (day) DO UPDATE SET sv_principal = sv_principal + excluded.sv_principal,
                                    sv_bonus = sv_bonus + excluded.sv_bonus;
END;

CREATE TRIGGER report_liability_points AFTER INSERT ON points_ledger
BEGIN
    INSERT INTO report_liability_days (day, points)
    VALUES (CAST(julianday(NEW.created_at, printf('%+d minutes', coalesce(
                (SELECT json_extract(value, '$.utcOffsetMinutes') FROM store_settings
                  WHERE key = 'checkout'), 480))) - 2440587.5 AS INTEGER), NEW.delta)
    ON CONFLICT (day) DO UPDATE SET points = points + excluded.points;
END;

-- The backfill replays each member's stored value in the order it was
-- written (the same rule as the trigger, with running sums). total(), not
-- sum(): a ledger row past what 64 bits hold (a synced absurdity) must not
-- stop the database from opening or a ledger row from being written; the
-- report's own sum refuses it (`amount_too_large`).
INSERT INTO report_liability_days (day, sv_principal, sv_bonus, points)
SELECT d, total(delta - b), total(b), 0 FROM (
    SELECT CAST(julianday(created_at, printf('%+d minutes', coalesce(
               (SELECT json_extract(value, '$.utcOffsetMinutes') FROM store_settings
                 WHERE key = 'checkout'), 480))) - 2440587.5 AS INTEGER) AS d,
           delta,
           max(0, min(g, s)) - max(0, min(g - gd, s - delta)) AS b
      FROM (SELECT created_at, delta,
                   total(delta) OVER w AS s,
                   total(CASE WHEN reason IN ('bonus', 'void_bonus', 'opening_bonus')
                              THEN delta ELSE 0 END) OVER w AS g,
                   CASE WHEN reason IN ('bonus', 'void_bonus', 'opening_bonus')
                        THEN delta ELSE 0 END AS gd
              FROM stored_value_ledger
            WINDOW w AS (PARTITION BY member_id ORDER BY created_at, id
                         ROWS UNBOUNDED PRECEDING)))
 GROUP BY d;

INSERT INTO report_liability_days (day, points)
SELECT CAST(julianday(created_at, printf('%+d minutes', coalesce(
           (SELECT json_extract(value, '$.utcOffsetMinutes') FROM store_settings
             WHERE key = 'checkout'), 480))) - 2440587.5 AS INTEGER) AS d, total(delta)
  FROM points_ledger WHERE true GROUP BY d
ON CONFLICT (day) DO UPDATE SET points = points + excluded.points;

-- Each member's value class (RFM) at the end of each month, as the nightly
-- job left it: one byte per member (index = members.rid; 0 no class, 1 high,
-- 2 medium, 3 low value, 4 at risk, 5 lost), so how members moved between
-- classes over a period is two blobs compared, however many members.
CREATE TABLE rfm_history (
    month    INTEGER PRIMARY KEY,   -- 202611
    as_of    TEXT NOT NULL,         -- the business date it was written for
    classes  BLOB NOT NULL
);

-- Units of each product sold per business day at this store (sale moves
-- less refund moves of the stock ledger): the stock report's "sold" and
-- its slow movers (the last day each product sold).
CREATE TABLE report_stock_days (
    product_id  TEXT NOT NULL,
    day         INTEGER NOT NULL,
    sold        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, day)
) WITHOUT ROWID;

CREATE TRIGGER report_stock_days_move AFTER INSERT ON stock_moves
WHEN NEW.reason IN ('sale', 'refund')
BEGIN
    INSERT INTO report_stock_days (product_id, day, sold)
    VALUES (NEW.product_id,
            CAST(julianday(NEW.created_at, printf('%+d minutes', coalesce(
                (SELECT json_extract(value, '$.utcOffsetMinutes') FROM store_settings
                  WHERE key = 'checkout'), 480))) - 2440587.5 AS INTEGER), -NEW.qty)
    ON CONFLICT (product_id, day) DO UPDATE SET sold = sold + excluded.sold;
END;

INSERT INTO report_stock_days (product_id, day, sold)
SELECT product_id, CAST(julianday(created_at, printf('%+d minutes', coalesce(
           (SELECT json_extract(value, '$.utcOffsetMinutes') FROM store_settings
             WHERE key = 'checkout'), 480))) - 2440587.5 AS INTEGER) AS d, -total(qty)
  FROM stock_moves WHERE reason IN ('sale', 'refund') GROUP BY product_id, d;
