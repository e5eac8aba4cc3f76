// Pure time and grid math for the appointments screens. Times on the grid are minutes after the
// store's local midnight (600 = 10:00), as the backend sends them; dates are `YYYY-MM-DD` store
// dates. Instants sent back carry the store's UTC offset, so nothing here needs a time zone.

export const SLOT_MIN = 15;

/** 600 → "10:00". */
export function hhmm(min: number): string {
  const m = Math.max(0, Math.round(min));
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "10:00" → 600; null when not a time of day. */
export function parseHhmm(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  return h * 60 + mi;
}

/** Rounds to the nearest multiple of `step` minutes. */
export function snap(min: number, step = SLOT_MIN): number {
  return Math.round(min / step) * step;
}

/** "+08:00" for 480, "-05:30" for -330. */
export function offsetText(offsetMin: number): string {
  const sign = offsetMin < 0 ? "-" : "+";
  const a = Math.abs(offsetMin);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

/** The instant for a store date and minute of the day: "2026-11-24T10:00:00+08:00". */
export function instantAt(date: string, min: number, offsetMin: number): string {
  const dayShift = Math.floor(min / 1440);
  const d = dayShift === 0 ? date : addDays(date, dayShift);
  return `${d}T${hhmm(min - dayShift * 1440)}:00${offsetText(offsetMin)}`;
}

/** The store date and minute of the day of an ISO instant, at the store's UTC offset. */
export function storeTime(instant: string, offsetMin: number): { date: string; min: number } {
  const ms = Date.parse(instant) + offsetMin * 60_000;
  const d = new Date(ms);
  const date = d.toISOString().slice(0, 10);
  return { date, min: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** Adds days to a `YYYY-MM-DD` date (calendar arithmetic in UTC, no DST surprises). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Today's store date for a UTC offset. */
export function todayAt(offsetMin: number, now: number = Date.now()): string {
  return new Date(now + offsetMin * 60_000).toISOString().slice(0, 10);
}

export type Span = { startMin: number; endMin: number };

/** The grid's span: 08:00–21:00 at least, widened to whole hours holding every hour and block given. */
export function gridSpan(spans: Array<Span | null>, min: Span = { startMin: 8 * 60, endMin: 21 * 60 }): Span {
  let s = min.startMin;
  let e = min.endMin;
  for (const x of spans) {
    if (!x) continue;
    s = Math.min(s, x.startMin);
    e = Math.max(e, x.endMin);
  }
  return { startMin: Math.max(0, Math.floor(s / 60) * 60), endMin: Math.min(1440, Math.ceil(e / 60) * 60) };
}

/** Every slot start in a span. */
export function slots(span: Span, step = SLOT_MIN): number[] {
  const out: number[] = [];
  for (let m = span.startMin; m < span.endMin; m += step) out.push(m);
  return out;
}

/** Whether a slot lies outside the hours (null hours = not working that day). */
export function outsideHours(min: number, hours: Span | null, dayOff: boolean): boolean {
  if (dayOff || !hours) return true;
  return min < hours.startMin || min >= hours.endMin;
}

/** Pixel offset of a minute in a span drawn at `pxPerSlot` per 15 minutes. */
export function minToPx(min: number, span: Span, pxPerSlot: number): number {
  return ((min - span.startMin) / SLOT_MIN) * pxPerSlot;
}

/** The minute under a pixel offset, snapped to 15 minutes and kept in the span. */
export function pxToMin(px: number, span: Span, pxPerSlot: number): number {
  const m = span.startMin + snap((px / pxPerSlot) * SLOT_MIN);
  return Math.max(span.startMin, Math.min(span.endMin - SLOT_MIN, m));
}

/** A move by `deltaMin`, keeping the length, clamped to the day. */
export function moved(block: Span, deltaMin: number): Span {
  const len = block.endMin - block.startMin;
  const startMin = Math.max(0, Math.min(1440 - len, snap(block.startMin + deltaMin)));
  return { startMin, endMin: startMin + len };
}

/** A resize by `deltaMin` at the end: at least one slot long, not past midnight. */
export function resized(block: Span, deltaMin: number): Span {
  const endMin = Math.max(block.startMin + SLOT_MIN, Math.min(1440, snap(block.endMin + deltaMin)));
  return { startMin: block.startMin, endMin };
}

/** Lays overlapping blocks side by side: the lane of each and how many lanes its cluster has. */
export function lanes<T extends Span>(blocks: T[]): Array<{ block: T; lane: number; of: number }> {
  const sorted = [...blocks].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin);
  const out: Array<{ block: T; lane: number; of: number }> = [];
  let cluster: Array<{ block: T; lane: number; of: number }> = [];
  let clusterEnd = -1;
  const flush = () => {
    const n = Math.max(1, ...cluster.map((c) => c.lane + 1));
    cluster.forEach((c) => (c.of = n));
    out.push(...cluster);
    cluster = [];
  };
  for (const b of sorted) {
    if (b.startMin >= clusterEnd && cluster.length > 0) flush();
    const used = new Set(cluster.filter((c) => c.block.endMin > b.startMin).map((c) => c.lane));
    let lane = 0;
    while (used.has(lane)) lane += 1;
    cluster.push({ block: b, lane, of: 1 });
    clusterEnd = Math.max(clusterEnd, b.endMin);
  }
  if (cluster.length > 0) flush();
  return out;
}

/** Triggers a download of text as a file (the .ics export). */
export function downloadText(name: string, text: string, type = "text/calendar"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
