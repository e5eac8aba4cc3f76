-- Membership tiers as the store's rules say (issue 14). A tier is reached by
-- spend, by a run of months at a monthly minimum, by both (the default: 银卡
-- "消费满一定金额，且连续三个月每月消费达到一定金额", 金卡 over six months,
-- 白金 over twelve) or by either (what every store had before this).
ALTER TABLE tiers ADD COLUMN rule_mode TEXT NOT NULL DEFAULT 'both'
    CHECK (rule_mode IN ('spend', 'run', 'both', 'either'));
-- The tier's birthday offer: its own points multiplier in her birthday month
-- (NULL: the store's birthday multiplier setting applies).
ALTER TABLE tiers ADD COLUMN birthday_multiplier_pct INTEGER
    CHECK (birthday_multiplier_pct BETWEEN 100 AND 1000);
-- Free services per period (免费护理): [{serviceId, count, period}] with
-- period month | quarter | year. Travels with the tier's rule (head office).
ALTER TABLE tiers ADD COLUMN free_services TEXT NOT NULL DEFAULT '[]';

-- How an existing store's rule is carried over:
-- * a tier its owner never edited (still stamped with the shipped defaults'
--   time) takes the new defaults: spend AND a run, of 3 / 6 / 12 months;
-- * a tier the owner (or head office) edited keeps exactly what it meant
--   before: spend OR a run ('either') when both were set, else the one set.
UPDATE tiers SET rule_mode = CASE
        WHEN min_cumulative_spend IS NOT NULL AND min_monthly_spend IS NOT NULL
             AND coalesce(consecutive_months, 0) > 0 THEN 'either'
        WHEN min_monthly_spend IS NOT NULL AND coalesce(consecutive_months, 0) > 0 THEN 'run'
        ELSE 'spend' END;
UPDATE tiers SET rule_mode = 'both',
        consecutive_months = CASE code WHEN 'silver' THEN 3 WHEN 'gold' THEN 6 WHEN 'platinum' THEN 12 END
    WHERE code <> 'standard' AND updated_at = '2026-01-01T00:00:00.000Z';

-- A free service used (or given back by a refund), per member, service and
-- period ('2026-11', '2026-Q4', '2026'): what is left is the tier's allowance
-- plus the period's sum. Clustered by member like the other member ledgers.
CREATE TABLE free_service_ledger (
    id           TEXT NOT NULL,
    member_id    TEXT NOT NULL REFERENCES members(id),
    service_id   TEXT NOT NULL,
    period       TEXT NOT NULL,
    sale_id      TEXT,
    sale_line_id TEXT,
    delta        INTEGER NOT NULL CHECK (delta IN (-1, 1)),
    reason       TEXT NOT NULL CHECK (reason IN ('redeem', 'refund')),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (member_id, id)
) WITHOUT ROWID;
CREATE INDEX free_service_ledger_line ON free_service_ledger(sale_line_id);
