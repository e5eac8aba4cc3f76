// The period bar's arithmetic: a kind of period (day, week, month, year) around an anchor date,
// moved one period back or forward. Business dates `YYYY-MM-DD`, computed in UTC so this PC's
// time zone never shifts a day.
import type { Granularity } from "../../lib/backend/bindings";

export type PeriodKind = "day" | "week" | "month" | "year" | "custom";
export const PERIOD_KINDS: readonly PeriodKind[] = ["day", "week", "month", "year", "custom"];

const parse = (d: string) => new Date(`${d}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => fmt(new Date(parse(d).getTime() + n * 86_400_000));

/** First and last day of the period of `kind` holding `anchor`. */
export function periodOf(kind: Exclude<PeriodKind, "custom">, anchor: string): { from: string; to: string } {
  const d = parse(anchor);
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
  switch (kind) {
    case "day":
      return { from: anchor, to: anchor };
    case "week": {
      // Weeks start on Monday (getUTCDay: Sunday is 0).
      const from = addDays(anchor, -((d.getUTCDay() + 6) % 7));
      return { from, to: addDays(from, 6) };
    }
    case "month":
      return { from: fmt(new Date(Date.UTC(y, m, 1))), to: fmt(new Date(Date.UTC(y, m + 1, 0))) };
    case "year":
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** The anchor one period before (`step` -1) or after (+1). */
export function moveAnchor(kind: Exclude<PeriodKind, "custom">, anchor: string, step: number): string {
  const d = parse(anchor);
  switch (kind) {
    case "day": return addDays(anchor, step);
    case "week": return addDays(anchor, 7 * step);
    case "month": return fmt(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1)));
    case "year": return fmt(new Date(Date.UTC(d.getUTCFullYear() + step, 0, 1)));
  }
}

/** The bucket a period of `kind` reads best in. */
export function granularityFor(kind: PeriodKind): Granularity {
  return kind === "year" ? "month" : "day";
}
