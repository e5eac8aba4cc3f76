-- Segments and RFM (issue 17).
--
-- `member_summary`: one narrow row per member with everything the member
-- list filters on, so a count over 200,000 members reads a few megabytes of
-- small integers instead of the wide `members` rows (names, phones, notes).
-- It is derived and local (never synced) and rebuildable: the profile
-- columns are copied from `members` by the triggers below; the 365-day
-- spend and visits are added as sales and pulled visits are written (in the
-- same transaction, whichever path writes them: the desk, a refund, a pulled
-- sale) and recomputed every night, when the window slides
-- (`segments::summary`); `rfm` is set at night and when the thresholds change.
CREATE TABLE member_summary (
    rid          INTEGER PRIMARY KEY,   -- members.rid
    active       INTEGER NOT NULL,      -- 1: not archived, merged or erased
    tier         TEXT NOT NULL,
    gender       TEXT,
    consent      INTEGER NOT NULL,
    birth_ymd    INTEGER,               -- 19900315 (age bands compare it)
    birth_month  INTEGER,               -- 1..12
    region       TEXT NOT NULL,
    skin_type    TEXT,
    last_visit   INTEGER,               -- unix seconds
    visits       INTEGER NOT NULL,      -- in all (members.visit_count)
    visits_365   INTEGER NOT NULL DEFAULT 0,
    spend_365    INTEGER NOT NULL DEFAULT 0,   -- fen, sales' spend (top-ups are not)
    rfm          TEXT CHECK (rfm IN ('high_value', 'medium_value', 'low_value', 'at_risk', 'lost'))
);
-- One index, for the one filter that always picks few members: a month of
-- birthdays (about 1 in 12). Tier, consent, gender, a value class (lost is
-- often half the book) or a range of last visits can pick half the members:
-- an index walk then costs a row lookup per member, five times a scan of
-- this narrow table (measured on 160,000 rows: 45 ms against 9 ms), and
-- SQLite cannot tell the two cases apart beforehand. Not a partial index
-- (`WHERE active = 1`): SQLite would walk it for every count of active
-- members, a lookup per row again.
CREATE INDEX member_summary_birth_month ON member_summary(birth_month);

-- The 365 days the spend and visits are of: sales created at or after
-- `starts_at` count ('' until the first night: every sale). `as_of`: the
-- business date the nightly job last ran for.
CREATE TABLE member_summary_window (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    starts_at  TEXT NOT NULL,
    as_of      TEXT NOT NULL
);
INSERT INTO member_summary_window (one, starts_at, as_of) VALUES (1, '', '');

INSERT INTO member_summary (rid, active, tier, gender, consent, birth_ymd, birth_month, region,
                            skin_type, last_visit, visits)
SELECT rid, (archived_at IS NULL AND merged_into IS NULL AND erased_at IS NULL), tier, gender,
       consent_marketing, CAST(replace(birthday, '-', '') AS INTEGER),
       CAST(substr(birthday, 6, 2) AS INTEGER), region, skin_type,
       CAST(strftime('%s', last_visit_at) AS INTEGER), visit_count
FROM members;

CREATE TRIGGER member_summary_insert AFTER INSERT ON members
BEGIN
    INSERT INTO member_summary (rid, active, tier, gender, consent, birth_ymd, birth_month, region,
                                skin_type, last_visit, visits)
    VALUES (NEW.rid, (NEW.archived_at IS NULL AND NEW.merged_into IS NULL AND NEW.erased_at IS NULL),
            NEW.tier, NEW.gender, NEW.consent_marketing,
            CAST(replace(NEW.birthday, '-', '') AS INTEGER),
            CAST(substr(NEW.birthday, 6, 2) AS INTEGER), NEW.region, NEW.skin_type,
            CAST(strftime('%s', NEW.last_visit_at) AS INTEGER), NEW.visit_count);
END;

CREATE TRIGGER member_summary_update
AFTER UPDATE OF tier, gender, consent_marketing, birthday, region, skin_type, last_visit_at,
                visit_count, archived_at, merged_into, erased_at ON members
BEGIN
    UPDATE member_summary SET
        active = (NEW.archived_at IS NULL AND NEW.merged_into IS NULL AND NEW.erased_at IS NULL),
        tier = NEW.tier, gender = NEW.gender, consent = NEW.consent_marketing,
        birth_ymd = CAST(replace(NEW.birthday, '-', '') AS INTEGER),
        birth_month = CAST(substr(NEW.birthday, 6, 2) AS INTEGER),
        region = NEW.region, skin_type = NEW.skin_type,
        last_visit = CAST(strftime('%s', NEW.last_visit_at) AS INTEGER),
        visits = NEW.visit_count
    WHERE rid = NEW.rid;
END;

-- A merged record's spend and visits go to the one she was merged into (her
-- sales keep her old id; the nightly rebuild follows `merged_into` too).
CREATE TRIGGER member_summary_merge
AFTER UPDATE OF merged_into ON members
WHEN OLD.merged_into IS NULL AND NEW.merged_into IS NOT NULL
BEGIN
    UPDATE member_summary SET
        spend_365 = spend_365 + (SELECT spend_365 FROM member_summary WHERE rid = NEW.rid),
        visits_365 = visits_365 + (SELECT visits_365 FROM member_summary WHERE rid = NEW.rid)
    WHERE rid = (SELECT rid FROM members WHERE id = NEW.merged_into);
    UPDATE member_summary SET spend_365 = 0, visits_365 = 0 WHERE rid = NEW.rid;
END;

-- A sale adds its spend (a refund or void: negative) and, a sale, one visit.
CREATE TRIGGER member_summary_sale AFTER INSERT ON sales
WHEN NEW.member_id IS NOT NULL
 AND NEW.created_at >= (SELECT starts_at FROM member_summary_window WHERE one = 1)
BEGIN
    UPDATE member_summary SET
        spend_365 = spend_365 + NEW.spend,
        visits_365 = visits_365 + (NEW.kind = 'sale')
    WHERE rid = (SELECT coalesce((SELECT s.rid FROM members s WHERE s.id = m.merged_into), m.rid)
                   FROM members m WHERE m.id = NEW.member_id);
END;

-- Her visit in another store of the chain (its spend stays in that store).
CREATE TRIGGER member_summary_pulled_visit AFTER INSERT ON pulled_visits
WHEN NEW.visited_at >= (SELECT starts_at FROM member_summary_window WHERE one = 1)
BEGIN
    UPDATE member_summary SET visits_365 = visits_365 + 1
    WHERE rid = (SELECT coalesce((SELECT s.rid FROM members s WHERE s.id = m.merged_into), m.rid)
                   FROM members m WHERE m.id = NEW.member_id);
END;

-- Saved segments (客户分群): a name and a filter, so a campaign picks one.
-- Synced within the store (`segment`); removing one sets `active` to 0.
CREATE TABLE segments (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    filter      TEXT NOT NULL DEFAULT '{}',
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
