-- The back office's stock: a move now says why in more detail, who made it
-- and what it belongs to, so a product's history reads like a stock book.
--
-- stock_moves stays append-only (0007's triggers): the new columns are filled
-- when a move is added and never changed. Moves from before this migration
-- keep them empty (unknown), which the history shows as such.
--   adjust_reason  why an 'adjust' move was made (damaged, used in service,
--                  count correction from a stock take, other); NULL otherwise
--   note           what the person wrote (a receipt's or an adjustment's note)
--   staff_id       who made it (a sale's move: the sale's cashier is found
--                  through ref_id instead)
--   ref_id         the receipt (入库单), stock take (盘点) or sale it belongs to
--   unit_cost      fen per unit paid, on a receipt's moves
ALTER TABLE stock_moves ADD COLUMN adjust_reason TEXT
    CHECK (adjust_reason IS NULL OR adjust_reason IN ('damaged', 'used_in_service', 'count_correction', 'other'));
ALTER TABLE stock_moves ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE stock_moves ADD COLUMN staff_id TEXT;
ALTER TABLE stock_moves ADD COLUMN ref_id TEXT;
ALTER TABLE stock_moves ADD COLUMN unit_cost INTEGER CHECK (unit_cost IS NULL OR unit_cost >= 0);
CREATE INDEX stock_moves_ref ON stock_moves(ref_id) WHERE ref_id IS NOT NULL;

-- A delivery received (入库单): its lines are the moves whose ref_id is its id.
CREATE TABLE stock_receipts (
    id         TEXT PRIMARY KEY,
    supplier   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    staff_id   TEXT,
    created_at TEXT NOT NULL
);

-- A stock take (盘点) of one category, kept whole: every counted line
-- (productId, expected, counted) as JSON, including those that matched; the
-- differences are the 'count_correction' moves whose ref_id is its id.
CREATE TABLE stock_takes (
    id         TEXT PRIMARY KEY,
    category   TEXT NOT NULL DEFAULT '',
    staff_id   TEXT,
    lines      TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);

-- Why a beautician is off that day (leave, training, holiday).
ALTER TABLE staff_days_off ADD COLUMN reason TEXT NOT NULL DEFAULT '';
