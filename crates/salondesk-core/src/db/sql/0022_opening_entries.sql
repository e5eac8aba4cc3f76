-- Opening entries: a store switching to SalonDesk brings each member's stored
-- value (principal and bonus), points and package sessions from its old
-- system. They enter the ledgers as rows of their own reason ('opening', and
-- 'opening_bonus' for stored value given as a bonus there), so a balance is
-- still a sum, the import is visible as what it is, and an opening is entered
-- once per member and ledger (the import looks for it by this reason).
-- Each ledger is rebuilt as SQLite documents it (new table, copy, drop,
-- rename), keeping the key order of migration 0010.

-- stored_value_ledger
CREATE TABLE stored_value_ledger__new (
    id         TEXT NOT NULL,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'top_up' OR reason = 'bonus' OR reason = 'pay' OR reason = 'refund_pay' OR reason = 'refund_top_up' OR reason = 'void_bonus' OR reason = 'adjust' OR reason = 'opening' OR reason = 'opening_bonus')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (member_id, id)
) WITHOUT ROWID;
INSERT INTO stored_value_ledger__new (id, member_id, sale_id, delta, reason, created_at)
SELECT id, member_id, sale_id, delta, reason, created_at FROM stored_value_ledger;
DROP TABLE stored_value_ledger;
ALTER TABLE stored_value_ledger__new RENAME TO stored_value_ledger;

-- points_ledger
CREATE TABLE points_ledger__new (
    id         TEXT NOT NULL,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'earn' OR reason = 'redeem' OR reason = 'reverse_earn' OR reason = 'reverse_redeem' OR reason = 'referral' OR reason = 'expire' OR reason = 'adjust' OR reason = 'opening')),
    expires_on TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (member_id, id)
) WITHOUT ROWID;
INSERT INTO points_ledger__new (id, member_id, sale_id, delta, reason, expires_on, created_at)
SELECT id, member_id, sale_id, delta, reason, expires_on, created_at FROM points_ledger;
DROP TABLE points_ledger;
ALTER TABLE points_ledger__new RENAME TO points_ledger;

-- package_ledger
CREATE TABLE package_ledger__new (
    id         TEXT NOT NULL,
    package_id TEXT NOT NULL REFERENCES packages(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'purchase' OR reason = 'redeem' OR reason = 'reverse_redeem' OR reason = 'reverse_purchase' OR reason = 'opening')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (package_id, id)
) WITHOUT ROWID;
INSERT INTO package_ledger__new (id, package_id, sale_id, delta, reason, created_at)
SELECT id, package_id, sale_id, delta, reason, created_at FROM package_ledger;
DROP TABLE package_ledger;
ALTER TABLE package_ledger__new RENAME TO package_ledger;
