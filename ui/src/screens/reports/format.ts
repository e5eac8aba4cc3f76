// The one way a report's numbers are written, for the KPI cards and the tables alike: money via
// the app's `money()` (integer fen), counts via `count()`, percentages and ratings (stored in
// hundredths) with their decimals; and the change of a headline figure against the previous
// period or last year: a percentage of the base ("—" when the base is zero: a change from
// nothing has no percentage), percentage points for figures that are themselves rates, coloured
// good or bad by whether higher is better for that figure.
import type { ColumnKind } from "../../lib/backend/bindings";

/** The locale's formatters (`useI18n()`'s). */
export type NumberWords = { money: (fen: number) => string; count: (n: number) => string };

/** A numeric report value of `kind` in the locale's words. */
export function formatFigure(kind: ColumnKind, v: number, words: NumberWords): string {
  switch (kind) {
    case "money": return words.money(v);
    case "percent": return `${(v / 100).toFixed(1)}%`;
    case "rating": return (v / 100).toFixed(2);
    default: return words.count(v);
  }
}

/** Headline figures where less is better (refunds, lapsed members, what a campaign cost …). */
const LOWER_IS_BETTER = new Set([
  "refunds", "members_churned", "members_churn_rate", "campaigns_cost", "campaigns_coupon_discount",
  "stock_low_count",
]);
/** Figures that are neither good nor bad when they grow (what the store owes, what it holds). */
const NEUTRAL = new Set(["members_stored_value", "members_points", "stock_on_hand", "stock_value"]);

/** Whether a rise of `key` is good (1), bad (-1) or neither (0). */
export function betterWhen(key: string): 1 | -1 | 0 {
  if (NEUTRAL.has(key)) return 0;
  return LOWER_IS_BETTER.has(key) ? -1 : 1;
}

/**
 * The change from `before` to `now`: `tenths` of a percent of `before` (`unit` "percent"), or
 * tenths of a percentage point for a rate (`unit` "points"); `zeroBase` when `before` is 0
 * (shown "—"); null when there is no base at all (a figure "as of now" is not compared).
 */
export type Change =
  | { zeroBase: true }
  | { zeroBase: false; tenths: number; unit: "percent" | "points"; tone: "good" | "bad" | "flat" };

export function kpiChange(key: string, kind: ColumnKind, now: number, before: number | null): Change | null {
  if (before === null) return null;
  let tenths: number;
  let unit: "percent" | "points";
  if (kind === "percent") {
    // Rates are in hundredths of a percent: a tenth of a point is 10 of them.
    tenths = Math.round((now - before) / 10);
    unit = "points";
  } else {
    if (before === 0) return { zeroBase: true };
    tenths = Math.round(((now - before) * 1000) / Math.abs(before));
    unit = "percent";
  }
  const better = betterWhen(key);
  const tone = tenths === 0 || better === 0 ? "flat" : tenths * better > 0 ? "good" : "bad";
  return { zeroBase: false, tenths, unit, tone };
}

/** "+12.5" / "-3.0" / "0.0": the change's number with its sign (the unit is the caller's words). */
export function signedTenths(tenths: number): string {
  const sign = tenths > 0 ? "+" : tenths < 0 ? "-" : "";
  return `${sign}${(Math.abs(tenths) / 10).toFixed(1)}`;
}
