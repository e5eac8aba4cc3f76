-- The summaries reports read (issue 18), kept as sales are written
-- (`reports::summary::record_sale`, in the sale's own transaction) so a
-- report sums a few thousand summary rows instead of every sale line. They
-- are derived, never synced: `reports::summary::rebuild` makes them again
-- from the sales and their ledgers (0034's statements), and a test checks
-- that what was kept equals what a rebuild makes.
--
-- Every table is keyed by store first, then business day: a store's report
-- over a period is one range of the primary key, the chain's one range a
-- store (no index by day: given one, SQLite's planner took it for a single
-- store's year too, a primary-key lookup per row of every store: 0.9 s
-- instead of a few ms in `bench reports`).

-- Which sales are in: a sale (refund, void) handed over twice counts once.
CREATE TABLE report_sales_seen (
    sale_id  TEXT PRIMARY KEY,
    store_id TEXT NOT NULL
) WITHOUT ROWID;

-- Per day × store × staff member × item. `amount`: the line's amount (net
-- of discounts; a refund's is negative) credited to this staff member by
-- her share (the remainder of the split to the first staff id, so shares
-- add up to the line); `qty`: the line's quantity, counted once, on the
-- first staff id; `services` / `products`: what she served / sold (each
-- staff member of a shared service did it); `commission`: her commission
-- rows of the line. A line without staff has staff_id ''.
CREATE TABLE report_items (
    store_id   TEXT NOT NULL,
    day        TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    amount     INTEGER NOT NULL DEFAULT 0,
    qty        INTEGER NOT NULL DEFAULT 0,
    services   INTEGER NOT NULL DEFAULT 0,
    products   INTEGER NOT NULL DEFAULT 0,
    commission INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, day, staff_id, kind, item_id)
) WITHOUT ROWID;

-- Per day × store × hour of the store's clock (the heat map: hour × weekday).
CREATE TABLE report_hours (
    store_id TEXT NOT NULL,
    day      TEXT NOT NULL,
    hour     INTEGER NOT NULL,
    sales    INTEGER NOT NULL DEFAULT 0,
    revenue  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, day, hour)
) WITHOUT ROWID;

-- Per day × store × payment method: what was paid that way (cash net of
-- the change given; a refund's negative). Cash, card, WeChat Pay and Alipay
-- are money received; stored value and points are value consumed.
CREATE TABLE report_tenders (
    store_id TEXT NOT NULL,
    day      TEXT NOT NULL,
    method   TEXT NOT NULL,
    amount   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, day, method)
) WITHOUT ROWID;

-- Per day × store: sales (those that sold more than a top-up), refunds and voids counted, revenue (every line
-- but top-ups, net of refunds) and top-ups (cash in, not revenue).
CREATE TABLE report_days (
    store_id TEXT NOT NULL,
    day      TEXT NOT NULL,
    sales    INTEGER NOT NULL DEFAULT 0,
    refunds  INTEGER NOT NULL DEFAULT 0,
    revenue  INTEGER NOT NULL DEFAULT 0,
    top_ups  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, day)
) WITHOUT ROWID;
