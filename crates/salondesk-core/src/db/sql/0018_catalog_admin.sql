-- The back office's catalog (issue 14): an English name beside the name as
-- entered, a display order the owner sets, coupons that can be ended and
-- limited per member and to some tiers, and every price change kept.
ALTER TABLE services ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;

ALTER TABLE coupons ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
-- Uses one member may make (NULL: no limit).
ALTER TABLE coupons ADD COLUMN per_member INTEGER;
-- JSON list of the tiers that may use it ('[]': every tier, and walk-ins).
ALTER TABLE coupons ADD COLUMN tiers TEXT NOT NULL DEFAULT '[]';

-- Append-only: a price as it was before and after each change. A sale line
-- keeps its own unit price, so this is the owner's record, not the sale's.
CREATE TABLE price_changes (
    id         TEXT PRIMARY KEY,
    item_kind  TEXT NOT NULL,   -- service, product, top_up_plan, package_plan
    item_id    TEXT NOT NULL,
    old_price  INTEGER NOT NULL,
    new_price  INTEGER NOT NULL,
    staff_id   TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX price_changes_item ON price_changes(item_id, created_at);
