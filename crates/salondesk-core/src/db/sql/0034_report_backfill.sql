-- The summaries of this store's sales, made from the sales and their
-- ledgers: the backfill of a database from before the summaries, and
-- `reports::summary::rebuild` (it runs these statements). The figures follow
-- the same rules as `record_sale` (see 0033); a test checks both agree.
-- This store: its chain store id once enrolled, 'local' before.
DELETE FROM report_sales_seen WHERE store_id IN (coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'), 'local');
DELETE FROM report_items WHERE store_id IN (coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'), 'local');
DELETE FROM report_hours WHERE store_id IN (coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'), 'local');
DELETE FROM report_tenders WHERE store_id IN (coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'), 'local');
DELETE FROM report_days WHERE store_id IN (coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'), 'local');

INSERT INTO report_sales_seen (sale_id, store_id)
SELECT id, coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local') FROM sales;

INSERT INTO report_items (store_id, day, staff_id, kind, item_id, amount, qty, services, products, commission)
SELECT coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'),
       day, staff_id, kind, item_id, sum(amount), sum(qty), sum(services), sum(products), sum(commission)
FROM (
    -- Lines with their staff: each one's share, the remainder to the first id.
    SELECT s.business_date AS day, st.staff_id, l.kind, l.item_id,
           l.amount * st.share_bp / 10000
             + CASE WHEN st.staff_id = st.first
                    THEN l.amount - st.credited ELSE 0 END AS amount,
           CASE WHEN st.staff_id = st.first THEN l.qty ELSE 0 END AS qty,
           CASE WHEN l.kind IN ('service', 'package_redemption') THEN l.qty ELSE 0 END AS services,
           CASE WHEN l.kind = 'product' THEN l.qty ELSE 0 END AS products,
           0 AS commission
    FROM sale_lines l
    JOIN sales s ON s.id = l.sale_id
    JOIN (SELECT x.sale_line_id, x.staff_id, x.share_bp,
                 min(x.staff_id) OVER (PARTITION BY x.sale_line_id) AS first,
                 sum(y.amount * x.share_bp / 10000) OVER (PARTITION BY x.sale_line_id) AS credited
          FROM sale_line_staff x JOIN sale_lines y ON y.id = x.sale_line_id) st
      ON st.sale_line_id = l.id
    UNION ALL
    -- Lines nobody is credited with.
    SELECT s.business_date, '', l.kind, l.item_id, l.amount, l.qty, 0, 0, 0
    FROM sale_lines l
    JOIN sales s ON s.id = l.sale_id
    WHERE NOT EXISTS (SELECT 1 FROM sale_line_staff x WHERE x.sale_line_id = l.id)
    UNION ALL
    -- Commission rows, on their line's item.
    SELECT s.business_date, c.staff_id, l.kind, l.item_id, 0, 0, 0, 0, c.amount
    FROM commission_ledger c
    JOIN sale_lines l ON l.id = c.sale_line_id
    JOIN sales s ON s.id = c.sale_id
)
GROUP BY day, staff_id, kind, item_id;

INSERT INTO report_hours (store_id, day, hour, sales, revenue)
SELECT coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'),
       s.business_date,
       CAST(strftime('%H', s.created_at, printf('%+d minutes',
            coalesce(json_extract((SELECT value FROM store_settings WHERE key = 'checkout'),
                                  '$.utcOffsetMinutes'), 480))) AS INTEGER) AS hour,
       sum(s.kind = 'sale' AND EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND l.kind <> 'top_up')),
       sum((SELECT coalesce(sum(l.amount), 0) FROM sale_lines l
            WHERE l.sale_id = s.id AND l.kind <> 'top_up'))
FROM sales s
GROUP BY s.business_date, hour;

INSERT INTO report_tenders (store_id, day, method, amount)
SELECT coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'), day, method, sum(amount)
FROM (
    SELECT s.business_date AS day, t.kind AS method, t.amount
    FROM sale_tenders t JOIN sales s ON s.id = t.sale_id
    UNION ALL
    SELECT business_date, 'cash', -change_given FROM sales WHERE change_given <> 0
)
GROUP BY day, method;

INSERT INTO report_days (store_id, day, sales, refunds, revenue, top_ups)
SELECT coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'),
       s.business_date, sum(s.kind = 'sale' AND EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND l.kind <> 'top_up')), sum(s.kind <> 'sale'),
       sum((SELECT coalesce(sum(l.amount), 0) FROM sale_lines l WHERE l.sale_id = s.id AND l.kind <> 'top_up')),
       sum((SELECT coalesce(sum(l.amount), 0) FROM sale_lines l WHERE l.sale_id = s.id AND l.kind = 'top_up'))
FROM sales s
GROUP BY s.business_date;
