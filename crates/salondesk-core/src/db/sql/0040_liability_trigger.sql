-- The stored-value liability trigger of 0035, the same rule written so
-- SQLite runs it cheaply: `reason IN ('bonus', 'void_bonus',
-- 'opening_bonus')` — a list of three — makes SQLite build a temporary
-- lookup table each time the trigger fires, which was most of the
-- trigger's cost and a fifth of the member import's (bench import,
-- docs/import-bench.md). Spelled as comparisons, it does not. What the
-- trigger adds to `report_liability_days` is unchanged.
DROP TRIGGER report_liability_stored_value;

CREATE TRIGGER report_liability_stored_value AFTER INSERT ON stored_value_ledger
BEGIN
    INSERT INTO report_liability_days (day, sv_principal, sv_bonus)
    SELECT d, NEW.delta - b, b FROM (
        SELECT CAST(julianday(NEW.created_at, printf('%+d minutes', coalesce(
                   (SELECT json_extract(value, '$.utcOffsetMinutes') FROM store_settings
                     WHERE key = 'checkout'), 480))) - 2440587.5 AS INTEGER) AS d,
               max(0, min(g, s)) - max(0, min(g - gd, s - NEW.delta)) AS b
          FROM (SELECT total(delta) AS s,
                       total(CASE WHEN reason = 'bonus' OR reason = 'void_bonus'
                                       OR reason = 'opening_bonus'
                                  THEN delta ELSE 0 END) AS g,
                       CASE WHEN NEW.reason = 'bonus' OR NEW.reason = 'void_bonus'
                                 OR NEW.reason = 'opening_bonus'
                            THEN NEW.delta ELSE 0 END AS gd
                  FROM stored_value_ledger WHERE member_id = NEW.member_id))
     WHERE true
    ON CONFLICT (day) DO UPDATE SET sv_principal = sv_principal + excluded.sv_principal,
                                    sv_bonus = sv_bonus + excluded.sv_bonus;
END;
