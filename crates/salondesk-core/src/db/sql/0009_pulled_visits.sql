-- Another store's sale reaches this device only as its member ledger rows
-- (`member_ledger`), yet it is one of the member's visits here too: her last
-- visit and number of visits drive follow-ups and the lapsed-client list. Each
-- such sale is counted once; this remembers which were. Device-local, not synced.
CREATE TABLE IF NOT EXISTS pulled_visits (
    sale_id    TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL,
    visited_at TEXT NOT NULL
) WITHOUT ROWID;
