-- Ledgers stored by the key they are read by (WITHOUT ROWID), and a sale's
-- spend kept on the sale.
--
-- A sale commits every B-tree page it touched to the WAL and syncs it, and a
-- five-line member sale touched some forty B-trees. Each ledger below was a
-- rowid table, plus an index for its UUID id, plus an index for the key it is
-- really read by (the member, the shift, the line). Stored in that key's order
-- instead, each is one B-tree:
--
--   points_ledger, stored_value_ledger  by (member_id, id): a balance is the
--       sum of one member's rows, next to each other;
--   package_ledger                      by (package_id, id);
--   cash_drawer                         by (shift_id, id): the day's close;
--   commission_ledger                   by (sale_line_id, id): a refund takes a
--       line's commission back (and a period's is read by time, indexed);
--   sale_tenders                        by (sale_id, tender_no): a receipt and a
--       refund read a sale's tenders in the order they were given (the
--       position was the rowid before; it is a column now, and a sale pulled
--       from another till takes it from the order its tenders arrive in).
--
-- Tables written in time order stay rowid tables (sales, sale_lines,
-- stock_moves): SQLite appends to a rowid table's last page, while a table
-- keyed by text splits its pages in half and rewrites their neighbours
-- (measured: more pages per sale, not fewer).
--
-- A ledger row is still added once by its id: a till makes ids (UUID v7), and
-- every lookup by id names the row's member, package, shift or line too. Each
-- table is rebuilt as SQLite documents it (new table, copy, drop, rename,
-- indexes again), with foreign keys off and checked before the migration
-- commits.

-- sale_tenders
CREATE TABLE sale_tenders__new (
    id         TEXT NOT NULL,
    sale_id    TEXT NOT NULL REFERENCES sales(id),
    tender_no  INTEGER NOT NULL,          -- 1, 2, … in the order given
    kind       TEXT NOT NULL CHECK ((kind = 'cash' OR kind = 'bank_card' OR kind = 'wechat_pay' OR kind = 'alipay' OR kind = 'stored_value' OR kind = 'points')),
    amount     INTEGER NOT NULL,
    reference  TEXT,
    card_last4 TEXT CHECK (card_last4 IS NULL OR length(card_last4) = 4),
    points     INTEGER,                   -- for points tenders: how many points
    PRIMARY KEY (sale_id, tender_no)
) WITHOUT ROWID;
INSERT INTO sale_tenders__new (id, sale_id, tender_no, kind, amount, reference, card_last4, points)
SELECT id, sale_id, row_number() OVER (PARTITION BY sale_id ORDER BY rowid), kind, amount, reference, card_last4, points FROM sale_tenders;
DROP TABLE sale_tenders;
ALTER TABLE sale_tenders__new RENAME TO sale_tenders;

-- commission_ledger
CREATE TABLE commission_ledger__new (
    id           TEXT NOT NULL,
    staff_id     TEXT NOT NULL REFERENCES staff(id),
    sale_id      TEXT NOT NULL REFERENCES sales(id),
    sale_line_id TEXT NOT NULL REFERENCES sale_lines(id),
    amount       INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (sale_line_id, id)
) WITHOUT ROWID;
INSERT INTO commission_ledger__new (id, staff_id, sale_id, sale_line_id, amount, created_at)
SELECT id, staff_id, sale_id, sale_line_id, amount, created_at FROM commission_ledger;
DROP TABLE commission_ledger;
ALTER TABLE commission_ledger__new RENAME TO commission_ledger;
CREATE INDEX commission_ledger_time ON commission_ledger(created_at);

-- cash_drawer
CREATE TABLE cash_drawer__new (
    id         TEXT NOT NULL,
    shift_id   TEXT NOT NULL REFERENCES shifts(id),
    sale_id    TEXT REFERENCES sales(id),
    kind       TEXT NOT NULL CHECK ((kind = 'float' OR kind = 'sale' OR kind = 'refund' OR kind = 'pay_in' OR kind = 'pay_out')),
    amount     INTEGER NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (shift_id, id)
) WITHOUT ROWID;
INSERT INTO cash_drawer__new (id, shift_id, sale_id, kind, amount, reason, created_at)
SELECT id, shift_id, sale_id, kind, amount, reason, created_at FROM cash_drawer;
DROP TABLE cash_drawer;
ALTER TABLE cash_drawer__new RENAME TO cash_drawer;

-- stored_value_ledger
CREATE TABLE stored_value_ledger__new (
    id         TEXT NOT NULL,
    member_id  TEXT NOT NULL REFERENCES members(id),
    sale_id    TEXT,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK ((reason = 'top_up' OR reason = 'bonus' OR reason = 'pay' OR reason = 'refund_pay' OR reason = 'refund_top_up' OR reason = 'void_bonus' OR reason = 'adjust')),
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
    reason     TEXT NOT NULL CHECK ((reason = 'earn' OR reason = 'redeem' OR reason = 'reverse_earn' OR reason = 'reverse_redeem' OR reason = 'referral' OR reason = 'expire' OR reason = 'adjust')),
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
    reason     TEXT NOT NULL CHECK ((reason = 'purchase' OR reason = 'redeem' OR reason = 'reverse_redeem' OR reason = 'reverse_purchase')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (package_id, id)
) WITHOUT ROWID;
INSERT INTO package_ledger__new (id, package_id, sale_id, delta, reason, created_at)
SELECT id, package_id, sale_id, delta, reason, created_at FROM package_ledger;
DROP TABLE package_ledger;
ALTER TABLE package_ledger__new RENAME TO package_ledger;


-- A sale's spend: what its lines cost, top-ups left out (prepayment is not
-- spend; a refund's is negative). A member's tier is re-evaluated after every
-- sale from her spend, which read every line of every sale she ever made; her
-- sales' index now carries the spend and the business day, so it is one
-- index range and no row is read.
ALTER TABLE sales ADD COLUMN spend INTEGER NOT NULL DEFAULT 0;
UPDATE sales SET spend = (SELECT coalesce(sum(l.amount), 0) FROM sale_lines l
                          WHERE l.sale_id = sales.id AND l.kind <> 'top_up');
DROP INDEX sales_member;
CREATE INDEX sales_member ON sales(member_id, created_at, business_date, spend);
