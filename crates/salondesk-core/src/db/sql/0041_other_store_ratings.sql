-- Issue 18: other stores' ratings in a head office's chain staff report.
--
-- A head-office device is handed every other store's `visit_feedback`
-- reduced to what a summary needs (score, staff scores, when: the server's
-- `pull`, PIPL: no comment, no member). It never enters `visit_feedback`
-- (the head office's own store's ratings): the rated visit is kept here, and
-- its per-staff scores (`feedback::staff_ratings`, the one rule the own
-- store's ratings use too) are added into `report_ratings`.

-- One row a rated visit of another store. `day`: the day it was rated, in
-- the chain's time zone (the store settings are the chain's, so the store's
-- own report puts it on the same day). `counted`: the per-staff scores now
-- in `report_ratings` ({staffId: score}) on `counted_day`, so a corrected
-- rating, or the visit's sale arriving after it, replaces them, never adds.
-- Its fields merge last-writer-wins by clock as at the store
-- (`field_clocks`, entity `other_store_feedback`).
CREATE TABLE other_store_feedback (
    sale_id      TEXT PRIMARY KEY,
    store_id     TEXT NOT NULL,
    day          TEXT NOT NULL,
    score        INTEGER NOT NULL,
    staff_scores TEXT NOT NULL DEFAULT '{}',
    counted_day  TEXT NOT NULL DEFAULT '',
    counted      TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;

-- Per store × day × staff member: the sum of her scores and how many (the
-- average is their quotient, over any period and any stores).
CREATE TABLE report_ratings (
    store_id  TEXT NOT NULL,
    day       TEXT NOT NULL,
    staff_id  TEXT NOT NULL,
    score_sum INTEGER NOT NULL,
    scores    INTEGER NOT NULL,
    PRIMARY KEY (store_id, day, staff_id)
) WITHOUT ROWID;

-- Who served on another store's sale (the staff credited on its service
-- lines, a JSON list): whom its visit's score counts for when the rating
-- scores no one by name. NULL for a sale pulled before this version (its
-- payload is not kept): such a visit's rating counts the staff it names.
ALTER TABLE other_store_sales ADD COLUMN served TEXT;
