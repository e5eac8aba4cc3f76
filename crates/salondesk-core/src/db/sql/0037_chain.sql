-- Issue 18, the chain's view on a head-office device.

-- The chain's stores as the owner's console last listed them from the server:
-- their names for the reports' store picker. Device-local, never synced.
CREATE TABLE chain_stores (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    code       TEXT NOT NULL,
    listed_at  TEXT NOT NULL
);

-- Other stores' sales (refunds, voids) this head-office device pulled and
-- entered into its report summaries (`reports::summary::record_sale`), once
-- each. The sales themselves stay in their stores: a head office's `sales`
-- (its Sales screen, shift, Z report) are its own store's alone.
CREATE TABLE other_store_sales (
    sale_id        TEXT PRIMARY KEY,
    store_id       TEXT NOT NULL,
    business_date  TEXT NOT NULL,
    total          INTEGER NOT NULL,
    pulled_seq     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX other_store_sales_store ON other_store_sales (store_id, business_date);
