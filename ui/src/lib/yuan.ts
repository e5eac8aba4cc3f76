// Typed amounts of money: what the cashier types in yuan ("12.5", "¥1,280", "0.05") becomes an
// exact integer number of fen by string arithmetic only — never through a float.

/** Largest amount accepted from a keyboard: ¥10,000,000.00 (no salon till holds more). */
export const MAX_TYPED_FEN = 1_000_000_000;

export type YuanParse =
  | { ok: true; fen: number }
  | { ok: false; reason: "empty" | "format" | "decimals" | "too_large" };

/**
 * Parses a non-negative amount typed in yuan. Accepts a leading ¥/￥, thousands commas, spaces,
 * full-width digits and a full-width point (an IME may send them), at most two decimals.
 */
export function parseYuan(text: string): YuanParse {
  const cleaned = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[。．\uFF0E]/g, ".")
    .replace(/[\s,，]/g, "")
    .replace(/^[¥￥]/, "");
  if (cleaned === "") return { ok: false, reason: "empty" };
  const m = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return { ok: false, reason: "format" };
  const whole = (m[1] ?? "").replace(/^0+(?=\d)/, "");
  const frac = m[2] ?? "";
  if (frac.length > 2) return { ok: false, reason: "decimals" };
  if (whole.length > 8) return { ok: false, reason: "too_large" };
  const fen = Number(whole || "0") * 100 + Number(frac.padEnd(2, "0"));
  if (fen > MAX_TYPED_FEN) return { ok: false, reason: "too_large" };
  return { ok: true, fen };
}

/** Fen as a plain editable number in yuan: 12345 → "123.45", 1200 → "12", -50 → "-0.50". */
export function fenToInput(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  return cents === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(cents).padStart(2, "0")}`;
}

/**
 * onInput handler for a money field: keeps digits, one point and up to two decimals, so a
 * stray letter never reaches the state (written back to the element, as digitsOnly does).
 */
export function yuanOnly(set: (value: string) => void) {
  return (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    let value = el.value
      .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
      .replace(/[。．\uFF0E]/g, ".")
      .replace(/[^\d.]/g, "");
    const point = value.indexOf(".");
    if (point >= 0) value = value.slice(0, point + 1) + value.slice(point + 1).replace(/\./g, "").slice(0, 2);
    value = value.slice(0, 12);
    if (el.value !== value) el.value = value;
    set(value);
  };
}
