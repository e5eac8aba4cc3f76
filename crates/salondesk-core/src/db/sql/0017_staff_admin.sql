-- What the back office keeps about a staff member beyond her name and role:
-- her calendar colour (a word of the fixed palette, protocol
-- `STAFF_COLORS`), her commission rates in basis points (NULL: the item's
-- own rate), her per-service rates as a `{serviceId: bp}` JSON object
-- (NULL: none; it syncs as one field, so the last writer's list wins whole),
-- and whether she must set a new PIN at her next login (a manager reset it).
ALTER TABLE staff ADD COLUMN color TEXT;
ALTER TABLE staff ADD COLUMN commission_service_bp INTEGER
    CHECK (commission_service_bp BETWEEN 0 AND 10000);
ALTER TABLE staff ADD COLUMN commission_product_bp INTEGER
    CHECK (commission_product_bp BETWEEN 0 AND 10000);
ALTER TABLE staff ADD COLUMN commission_overrides TEXT;
ALTER TABLE staff ADD COLUMN pin_must_change INTEGER NOT NULL DEFAULT 0;
