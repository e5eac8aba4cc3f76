-- Issue 17: uses of coupons bound to one member, in the order the server
-- accepted them, to notice one coupon redeemed by two tills offline (each saw
-- it unused). Which use wins is salondesk_protocol::member_coupons: the first
-- accepted; a second while the first still holds it is a conflict.
CREATE TABLE member_coupon_uses (
    tenant_id   uuid NOT NULL,
    -- The member_coupon_use record (its entity id).
    id          uuid NOT NULL,
    seq         bigserial NOT NULL,
    coupon_id   uuid NOT NULL,
    sale_id     uuid NOT NULL,
    store_id    uuid NOT NULL,
    give_back   boolean NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX member_coupon_uses_coupon ON member_coupon_uses (tenant_id, coupon_id, seq);
