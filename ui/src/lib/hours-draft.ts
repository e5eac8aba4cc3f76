// A week of working hours as typed ("10:00"–"20:00" per weekday, or off), to and from the
// minutes after midnight the backend keeps.
import type { DayHoursView } from "./backend/bindings";

export type DayDraft = { works: boolean; start: string; end: string };

const pad = (n: number) => String(n).padStart(2, "0");
export const toHm = (min: number) => `${pad(Math.floor(min / 60))}:${pad(min % 60)}`;

/** "9:30" / "09:30" / "0930" → 570; null when it is not a time of day (24:00 allowed as the end). */
export function parseHm(text: string): number | null {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export function toDraft(week: Array<DayHoursView | null>, configured: boolean): DayDraft[] {
  return week.map((d) => (d
    ? { works: true, start: toHm(d.startMin), end: toHm(d.endMin) }
    // Never set: suggest a usual salon day rather than blank boxes.
    : { works: !configured, start: "10:00", end: "21:00" }));
}

/** The week to save, or the index of the first day that does not parse or runs backwards. */
export function fromDraft(days: DayDraft[]): { ok: true; week: Array<DayHoursView | null> } | { ok: false; day: number } {
  const week: Array<DayHoursView | null> = [];
  for (const [i, d] of days.entries()) {
    if (!d.works) {
      week.push(null);
      continue;
    }
    const startMin = parseHm(d.start);
    const endMin = parseHm(d.end);
    if (startMin === null || endMin === null || endMin - startMin < 15) return { ok: false, day: i };
    week.push({ startMin, endMin });
  }
  return { ok: true, week };
}
