-- The records an owner looks at (audit log, sales list, past Z reports) are
-- read newest first within a period and paged by (time, rowid), never by
-- OFFSET; an index's last column is the rowid, so each page is one range.
--
-- Audit log by who did it: a staff member's entries in a period are one range
-- (few rows are written, so the index costs the desk nothing).
CREATE INDEX IF NOT EXISTS audit_log_staff ON audit_log(staff_id, created_at);
-- Sales by time: the sales list of a period and the recent list (which read
-- and sorted the whole table). Keyed by time, a new sale appends to the page
-- the last one touched (see 0008), so a sale pays about one page for it.
CREATE INDEX IF NOT EXISTS sales_time ON sales(created_at);
-- Closed shifts by when they closed: the past Z reports of a period.
CREATE INDEX IF NOT EXISTS shifts_closed ON shifts(closed_at) WHERE closed_at IS NOT NULL;
