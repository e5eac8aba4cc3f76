-- The indexes a sale writes, each worth its page. A sale commits every page it
-- touched to the WAL and syncs it; an index keyed by something random (a
-- staff member, a product) touches a page of its own for every row, where one
-- keyed by time (or a UUID v7) appends to the page it appended to before.
--
-- Commission: a refund looks up a line's commission rows by line (there was no
-- index for it: it read the whole ledger); a period's commission is read by
-- time. The (staff, time) index put each of a sale's commission rows on
-- another page.
DROP INDEX IF EXISTS commission_ledger_staff;
CREATE INDEX IF NOT EXISTS commission_ledger_line ON commission_ledger(sale_line_id);
CREATE INDEX IF NOT EXISTS commission_ledger_time ON commission_ledger(created_at);

-- Stock on hand is kept in stock_levels (0007): nothing sums a product's moves
-- by product any more.
DROP INDEX IF EXISTS stock_moves_product;

-- Refunds and voids are few: index only the rows that refer to an original
-- (an `= ?` lookup implies NOT NULL, so the same queries use these).
DROP INDEX IF EXISTS sales_original;
CREATE INDEX IF NOT EXISTS sales_original ON sales(original_sale_id)
    WHERE original_sale_id IS NOT NULL;
DROP INDEX IF EXISTS sale_lines_original;
CREATE INDEX IF NOT EXISTS sale_lines_original ON sale_lines(original_line_id)
    WHERE original_line_id IS NOT NULL;
