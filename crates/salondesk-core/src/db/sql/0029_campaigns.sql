-- Issue 17, campaigns: coupons bound to one member, their uses, and campaigns
-- with the members each one reached or held out.

-- A coupon issued to one member: a copy of a back-office coupon's terms (a
-- later edit of that coupon changes no coupon already given). The id derives
-- from (member, source), so the same coupon issued by two tills is one row.
CREATE TABLE member_coupons (
    id           TEXT PRIMARY KEY,
    member_id    TEXT NOT NULL,
    coupon_code  TEXT NOT NULL,            -- the back-office coupon it copies
    kind         TEXT NOT NULL CHECK (kind IN ('fixed', 'percent')),
    value        INTEGER NOT NULL,         -- fen, or basis points for a percent
    min_spend    INTEGER NOT NULL DEFAULT 0,
    valid_from   TEXT NOT NULL,
    valid_to     TEXT NOT NULL,
    source       TEXT NOT NULL,            -- campaign:<id>, birthday:<yyyy>, exchange:<id>
    campaign_id  TEXT,
    issued_at    TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX member_coupons_member ON member_coupons(member_id, valid_to);
CREATE INDEX member_coupons_campaign ON member_coupons(campaign_id) WHERE campaign_id IS NOT NULL;

-- Uses and give-backs of member coupons (a union, never overwritten: see
-- salondesk_protocol::member_coupons for which use wins).
CREATE TABLE member_coupon_uses (
    id          TEXT PRIMARY KEY,
    coupon_id   TEXT NOT NULL,
    sale_id     TEXT NOT NULL,
    member_id   TEXT,
    action      TEXT NOT NULL CHECK (action IN ('use', 'give_back')),
    created_at  TEXT NOT NULL
);
CREATE INDEX member_coupon_uses_coupon ON member_coupon_uses(coupon_id, created_at);
CREATE INDEX member_coupon_uses_sale ON member_coupon_uses(sale_id);

CREATE TABLE campaigns (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    segment      TEXT NOT NULL DEFAULT '{}',   -- a SegmentFilter (JSON)
    offer        TEXT NOT NULL DEFAULT '{}',   -- {kind: coupon|points, ...} (JSON)
    message_zh   TEXT NOT NULL DEFAULT '',
    message_en   TEXT NOT NULL DEFAULT '',
    control_pct  INTEGER NOT NULL DEFAULT 10,
    window_from  TEXT NOT NULL,                -- the offer's dates, and the results' window
    window_to    TEXT NOT NULL,
    issue_on     TEXT,                         -- a store date the daily job issues it on
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'issued')),
    issued_at    TEXT,
    created_by   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT
);

-- Who a campaign reached or held out when it was issued. The id derives from
-- (campaign, member): issuing again, here or at another till, adds nothing.
CREATE TABLE campaign_members (
    id           TEXT PRIMARY KEY,
    campaign_id  TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    control      INTEGER NOT NULL DEFAULT 0,
    coupon_id    TEXT,
    points       INTEGER NOT NULL DEFAULT 0,
    messaged     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
CREATE INDEX campaign_members_campaign ON campaign_members(campaign_id, control);
