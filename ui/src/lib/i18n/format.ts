// Locale-aware formatting of money, dates and counts with `Intl`.
// Money arrives as an integer number of fen and is never turned into a float: the yuan and
// fen parts are formatted separately and put into the locale's currency pattern.
export type Locale = "zh-CN" | "en";

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** `12345` fen → "¥123.45" (grouped for the locale; negative amounts keep the locale's sign). */
export function formatMoney(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
  const negative = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const yuan = numberFormat(locale, { useGrouping: true }).format(abs / 100n);
  const cents = (abs % 100n).toString().padStart(2, "0");
  // The pattern of ±1 yuan tells where the locale puts the sign, symbol and decimal mark.
  const pattern = numberFormat(locale, {
    style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", minimumFractionDigits: 2,
  }).formatToParts(negative ? -1 : 1);
  return pattern
    .map((p) => (p.type === "integer" ? yuan : p.type === "fraction" ? cents : p.value))
    .join("");
}

const DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const DATE_ZH: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };

function dateOptions(locale: Locale): Intl.DateTimeFormatOptions {
  return locale === "zh-CN" ? DATE_ZH : DATE;
}

/**
 * A calendar date ("1990-05-17", shown as is, no time-zone shift) or an instant
 * ("2026-11-23T02:00:00Z", shown as the date in `timeZone`, default the system's).
 */
export function formatDate(value: string, locale: Locale, timeZone?: string): string {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendar) {
    const at = Date.UTC(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3]));
    return dateFormat(locale, { ...dateOptions(locale), timeZone: "UTC" }).format(at);
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value;
  return dateFormat(locale, { ...dateOptions(locale), ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** A month (`YYYY-MM` or its first day `YYYY-MM-01`): "2026年1月" / "Jan 2026". */
export function formatMonth(value: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(value);
  if (!m) return value;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  return dateFormat(locale, { year: "numeric", month: locale === "zh-CN" ? "long" : "short", timeZone: "UTC" }).format(at);
}

export function formatDateTime(instant: string, locale: Locale, timeZone?: string): string {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return instant;
  return dateFormat(locale, {
    ...dateOptions(locale), hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

export function formatCount(n: number, locale: Locale): string {
  return numberFormat(locale, { useGrouping: true }).format(n);
}
