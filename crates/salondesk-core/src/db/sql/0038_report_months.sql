-- Monthly rollups of the report summaries (issue 18's speed): a report over
-- a period reads its whole months here and only its partial months' days
-- from the daily tables of 0033 (`reports::months`), so a chain's year reads
-- tens of thousands of rows instead of a million. One table per shape a
-- report needs, each keyed by store first, then month ('YYYY-MM', the
-- business day's): a store's months are one range of the primary key.
--
-- Kept by triggers on the daily tables, so every path that adds to a daily
-- row (`record_sale`, the backfill and rebuild of 0034, a benchmark's bulk
-- insert) adds the same to its month in the same statement. Daily rows are
-- only ever added to; the one thing that deletes them, the rebuild, empties
-- the store's monthly rows first (`reports::summary::rebuild`).

-- Per month × store × item, staff summed: top services and products, categories.
CREATE TABLE report_items_m (
    store_id TEXT NOT NULL,
    month    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    item_id  TEXT NOT NULL,
    amount   INTEGER NOT NULL DEFAULT 0,
    qty      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, month, kind, item_id)
) WITHOUT ROWID;

-- Per month × store × staff member: the staff report (revenue without top-ups;
-- '' is the lines nobody is credited with).
CREATE TABLE report_staff_m (
    store_id   TEXT NOT NULL,
    month      TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    revenue    INTEGER NOT NULL DEFAULT 0,
    services   INTEGER NOT NULL DEFAULT 0,
    products   INTEGER NOT NULL DEFAULT 0,
    commission INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, month, staff_id)
) WITHOUT ROWID;

-- Per month × store × weekday (1 Monday … 7 Sunday) × hour: the heat map.
CREATE TABLE report_hours_m (
    store_id TEXT NOT NULL,
    month    TEXT NOT NULL,
    weekday  INTEGER NOT NULL,
    hour     INTEGER NOT NULL,
    sales    INTEGER NOT NULL DEFAULT 0,
    revenue  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, month, weekday, hour)
) WITHOUT ROWID;

-- Per month × store × payment method.
CREATE TABLE report_tenders_m (
    store_id TEXT NOT NULL,
    month    TEXT NOT NULL,
    method   TEXT NOT NULL,
    amount   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, month, method)
) WITHOUT ROWID;

-- Per month × store: the headline figures and the by-month line.
CREATE TABLE report_days_m (
    store_id TEXT NOT NULL,
    month    TEXT NOT NULL,
    sales    INTEGER NOT NULL DEFAULT 0,
    refunds  INTEGER NOT NULL DEFAULT 0,
    revenue  INTEGER NOT NULL DEFAULT 0,
    top_ups  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, month)
) WITHOUT ROWID;

-- The months of what is already there.
INSERT INTO report_items_m (store_id, month, kind, item_id, amount, qty)
SELECT store_id, substr(day, 1, 7) AS m, kind, item_id, sum(amount), sum(qty)
  FROM report_items GROUP BY store_id, m, kind, item_id;
INSERT INTO report_staff_m (store_id, month, staff_id, revenue, services, products, commission)
SELECT store_id, substr(day, 1, 7) AS m, staff_id,
       sum(CASE WHEN kind = 'top_up' THEN 0 ELSE amount END), sum(services), sum(products),
       sum(commission)
  FROM report_items GROUP BY store_id, m, staff_id;
INSERT INTO report_hours_m (store_id, month, weekday, hour, sales, revenue)
SELECT store_id, substr(day, 1, 7) AS m, (CAST(strftime('%w', day) AS INTEGER) + 6) % 7 + 1 AS wd,
       hour, sum(sales), sum(revenue)
  FROM report_hours GROUP BY store_id, m, wd, hour;
INSERT INTO report_tenders_m (store_id, month, method, amount)
SELECT store_id, substr(day, 1, 7) AS m, method, sum(amount)
  FROM report_tenders GROUP BY store_id, m, method;
INSERT INTO report_days_m (store_id, month, sales, refunds, revenue, top_ups)
SELECT store_id, substr(day, 1, 7) AS m, sum(sales), sum(refunds), sum(revenue), sum(top_ups)
  FROM report_days GROUP BY store_id, m;

-- A daily row added (inserted) or added to (updated: the difference).
CREATE TRIGGER report_items_month_add AFTER INSERT ON report_items
BEGIN
    INSERT INTO report_items_m (store_id, month, kind, item_id, amount, qty)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.kind, NEW.item_id, NEW.amount, NEW.qty)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount, qty = qty + excluded.qty;
    INSERT INTO report_staff_m (store_id, month, staff_id, revenue, services, products, commission)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.staff_id,
            CASE WHEN NEW.kind = 'top_up' THEN 0 ELSE NEW.amount END,
            NEW.services, NEW.products, NEW.commission)
    ON CONFLICT DO UPDATE SET revenue = revenue + excluded.revenue,
        services = services + excluded.services, products = products + excluded.products,
        commission = commission + excluded.commission;
END;

CREATE TRIGGER report_items_month_change AFTER UPDATE ON report_items
BEGIN
    INSERT INTO report_items_m (store_id, month, kind, item_id, amount, qty)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.kind, NEW.item_id,
            NEW.amount - OLD.amount, NEW.qty - OLD.qty)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount, qty = qty + excluded.qty;
    INSERT INTO report_staff_m (store_id, month, staff_id, revenue, services, products, commission)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.staff_id,
            CASE WHEN NEW.kind = 'top_up' THEN 0 ELSE NEW.amount - OLD.amount END,
            NEW.services - OLD.services, NEW.products - OLD.products,
            NEW.commission - OLD.commission)
    ON CONFLICT DO UPDATE SET revenue = revenue + excluded.revenue,
        services = services + excluded.services, products = products + excluded.products,
        commission = commission + excluded.commission;
END;

CREATE TRIGGER report_hours_month_add AFTER INSERT ON report_hours
BEGIN
    INSERT INTO report_hours_m (store_id, month, weekday, hour, sales, revenue)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7),
            (CAST(strftime('%w', NEW.day) AS INTEGER) + 6) % 7 + 1, NEW.hour,
            NEW.sales, NEW.revenue)
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, revenue = revenue + excluded.revenue;
END;

CREATE TRIGGER report_hours_month_change AFTER UPDATE ON report_hours
BEGIN
    INSERT INTO report_hours_m (store_id, month, weekday, hour, sales, revenue)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7),
            (CAST(strftime('%w', NEW.day) AS INTEGER) + 6) % 7 + 1, NEW.hour,
            NEW.sales - OLD.sales, NEW.revenue - OLD.revenue)
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, revenue = revenue + excluded.revenue;
END;

CREATE TRIGGER report_tenders_month_add AFTER INSERT ON report_tenders
BEGIN
    INSERT INTO report_tenders_m (store_id, month, method, amount)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.method, NEW.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER report_tenders_month_change AFTER UPDATE ON report_tenders
BEGIN
    INSERT INTO report_tenders_m (store_id, month, method, amount)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.method, NEW.amount - OLD.amount)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER report_days_month_add AFTER INSERT ON report_days
BEGIN
    INSERT INTO report_days_m (store_id, month, sales, refunds, revenue, top_ups)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.sales, NEW.refunds, NEW.revenue, NEW.top_ups)
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, refunds = refunds + excluded.refunds,
        revenue = revenue + excluded.revenue, top_ups = top_ups + excluded.top_ups;
END;

CREATE TRIGGER report_days_month_change AFTER UPDATE ON report_days
BEGIN
    INSERT INTO report_days_m (store_id, month, sales, refunds, revenue, top_ups)
    VALUES (NEW.store_id, substr(NEW.day, 1, 7), NEW.sales - OLD.sales, NEW.refunds - OLD.refunds,
            NEW.revenue - OLD.revenue, NEW.top_ups - OLD.top_ups)
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, refunds = refunds + excluded.refunds,
        revenue = revenue + excluded.revenue, top_ups = top_ups + excluded.top_ups;
END;
