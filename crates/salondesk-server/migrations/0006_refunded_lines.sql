-- Refunds per sold line, to notice one line refunded twice by two offline
-- tills of a store (each till saw it unrefunded; together they paid it back
-- twice). Written only for refunds and voids: rare next to sales.
CREATE TABLE refunded_lines (
    tenant_id   uuid NOT NULL,
    -- The sold line taken back, and the refund (or void) that took it back.
    line_id     uuid NOT NULL,
    refund_id   uuid NOT NULL,
    store_id    uuid NOT NULL,
    receipt_no  text NOT NULL,
    -- Quantity taken back (positive), and the money it paid back (fen, positive).
    qty         bigint NOT NULL,
    amount      bigint NOT NULL,
    PRIMARY KEY (tenant_id, line_id, refund_id)
);

-- What a line sold is read from its sale in the log when a refund of it
-- arrives: sales found by id, and only sales indexed (one small entry per
-- sale, instead of mirroring every sold line for the few ever refunded).
CREATE INDEX ops_sale_by_id ON ops (tenant_id, entity_id) WHERE entity = 'sale';
