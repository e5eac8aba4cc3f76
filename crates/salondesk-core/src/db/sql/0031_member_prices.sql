-- Issue 17's leftovers: a campaign's member price for some services. A line
-- sold at it records what the price took off the list price
-- (`campaign_discount`, part of the sale's discount like the tier's and the
-- coupon's, so a refund of the line gives back exactly its amount) and which
-- campaign gave it (its results count the cost).
ALTER TABLE sale_lines ADD COLUMN campaign_discount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sale_lines ADD COLUMN campaign_id TEXT;
CREATE INDEX sale_lines_campaign ON sale_lines(campaign_id) WHERE campaign_id IS NOT NULL;
