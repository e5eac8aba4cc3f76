-- Units on hand per product, kept by SQLite itself as the running sum of the
-- append-only stock ledger (stock_moves). Selling a product checked its stock
-- by summing every move it ever had: a best-seller's thousands of moves were
-- read on every sale, and the product grid summed them all for every product.
--
-- `stock_levels` is derived, like member_search: never synced, never written
-- by code, only by the trigger below in the same transaction as the move (so
-- it can never disagree with the ledger), and rebuilt here from the ledger.
-- Moves are append-only: updating or deleting one is refused, as the ledger
-- demands and as the running sum relies on.
CREATE TABLE IF NOT EXISTS stock_levels (
    product_id TEXT PRIMARY KEY REFERENCES products(id),
    on_hand    INTEGER NOT NULL
) WITHOUT ROWID;

-- (Written to run again safely: the levels are rebuilt from the ledger.)
DELETE FROM stock_levels;
INSERT INTO stock_levels (product_id, on_hand)
SELECT product_id, sum(qty) FROM stock_moves GROUP BY product_id;

-- Fires only for a row actually added (not for INSERT … DO NOTHING / OR IGNORE).
CREATE TRIGGER IF NOT EXISTS stock_moves_level AFTER INSERT ON stock_moves
BEGIN
    INSERT INTO stock_levels (product_id, on_hand) VALUES (NEW.product_id, NEW.qty)
    ON CONFLICT (product_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand;
END;

CREATE TRIGGER IF NOT EXISTS stock_moves_no_update BEFORE UPDATE ON stock_moves
BEGIN
    SELECT RAISE(ABORT, 'stock_moves is an append-only ledger: add a move instead');
END;

CREATE TRIGGER IF NOT EXISTS stock_moves_no_delete BEFORE DELETE ON stock_moves
BEGIN
    SELECT RAISE(ABORT, 'stock_moves is an append-only ledger: add a move instead');
END;
