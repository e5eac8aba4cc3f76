-- Issue 17, feedback and complaints, and points by hand.
--
-- visit_feedback: one row per sale, keyed by the sale's id, so a second
-- entry for the same visit (at the desk, then on the follow-up call) updates
-- that row; on sync the fields merge last-writer-wins by HLC like a member's
-- profile. `staff_scores` is a JSON list [{staffId, score}] of the sale's
-- credited staff only (the core checks), written as one field.
CREATE TABLE visit_feedback (
    sale_id      TEXT PRIMARY KEY,
    member_id    TEXT,
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    staff_scores TEXT NOT NULL DEFAULT '[]',
    comment      TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT 'later' CHECK (source IN ('checkout', 'follow_up', 'later')),
    recorded_by  TEXT,
    recorded_at  TEXT NOT NULL,
    updated_at   TEXT
);
CREATE INDEX visit_feedback_member ON visit_feedback(member_id, recorded_at);

-- complaints (投诉): the record whose status moves, and its append-only
-- action notes. Status and owner are last-writer-wins fields; the notes are
-- a union. `resolved_at` is when it left the desk's hands (resolved or
-- closed): the handling time is resolved_at - received_at.
CREATE TABLE complaints (
    id           TEXT PRIMARY KEY,
    member_id    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('service_quality', 'attitude', 'product', 'price', 'hygiene', 'waiting', 'other')),
    sale_id      TEXT,
    staff_id     TEXT,
    description  TEXT NOT NULL DEFAULT '',
    received_by  TEXT,
    received_at  TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    owner_id     TEXT,
    satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
    resolved_at  TEXT,
    updated_at   TEXT
);
CREATE INDEX complaints_member ON complaints(member_id, status);
CREATE INDEX complaints_status ON complaints(status, received_at);

CREATE TABLE complaint_actions (
    id           TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL,
    staff_id     TEXT,
    note         TEXT NOT NULL DEFAULT '',
    status       TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX complaint_actions_complaint ON complaint_actions(complaint_id, created_at);

-- The points exchange list (积分兑换): what a member may take for points.
-- `kind` product: a gift that leaves stock; coupon: a member coupon made
-- from the coupon code `coupon_code`; service: one session of a service,
-- given as a one-session package valid `valid_days`.
CREATE TABLE points_exchange_items (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('product', 'service', 'coupon')),
    item_id     TEXT,
    coupon_code TEXT,
    name        TEXT NOT NULL,
    points      INTEGER NOT NULL CHECK (points > 0),
    valid_days  INTEGER,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT
);

-- points_ledger gains who wrote a row by hand and why (`staff_id`, `note`),
-- what it refers to (`ref_id`: an exchange item), and the reasons of issue
-- 17: 'exchange' (points spent on the exchange list), 'birthday' and
-- 'campaign' (points given by the care part's birthday benefit and by a
-- campaign's offer), so those parts need not rebuild the table again.
CREATE TABLE points_ledger__new (
    id         TEXT NOT NULL,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'earn' OR reason = 'redeem' OR reason = 'reverse_earn' OR reason = 'reverse_redeem' OR reason = 'referral' OR reason = 'expire' OR reason = 'adjust' OR reason = 'opening' OR reason = 'exchange' OR reason = 'birthday' OR reason = 'campaign')),
    expires_on TEXT,
    created_at TEXT NOT NULL,
    staff_id   TEXT,
    note       TEXT,
    ref_id     TEXT,
    PRIMARY KEY (member_id, id)
) WITHOUT ROWID;
INSERT INTO points_ledger__new (id, member_id, sale_id, delta, reason, expires_on, created_at)
SELECT id, member_id, sale_id, delta, reason, expires_on, created_at FROM points_ledger;
DROP TABLE points_ledger;
ALTER TABLE points_ledger__new RENAME TO points_ledger;
