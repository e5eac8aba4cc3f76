-- What the back office keeps about a product beyond its price: the category a
-- stock take counts it under, the unit it is sold in, and the level at or
-- below which it is low on stock (0: never warned about).
ALTER TABLE products ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN low_stock INTEGER NOT NULL DEFAULT 0 CHECK (low_stock >= 0);
