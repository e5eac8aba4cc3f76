// Closing a shift: which payment methods are counted (cash in the drawer; bank card, WeChat Pay
// and Alipay checked against the terminal's settlement), which are only shown (stored value,
// points: the ledgers already know them), and what the count says against what was expected.
import type { CountedInput, TenderTotalView } from "./backend/bindings";
import { parseYuan, type YuanParse } from "./yuan";

/** The order payment methods appear in everywhere on screen. */
export const TENDER_ORDER = ["cash", "bank_card", "wechat_pay", "alipay", "stored_value", "points", "package"] as const;
export type KnownTender = (typeof TENDER_ORDER)[number];

const COUNTED = new Set<string>(["cash", "bank_card", "wechat_pay", "alipay"]);

export function isKnownTender(kind: string): kind is KnownTender {
  return (TENDER_ORDER as readonly string[]).includes(kind);
}

/** Counted at the close: cash, and what the card and wallet terminals say. */
export function isCounted(kind: string): boolean {
  return COUNTED.has(kind);
}

/** Tenders in screen order; kinds this UI does not know go last, in name order. */
export function sortTenders<T extends { kind: string }>(list: readonly T[]): T[] {
  const rank = (k: string) => {
    const i = (TENDER_ORDER as readonly string[]).indexOf(k);
    return i < 0 ? TENDER_ORDER.length : i;
  };
  return [...list].sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}

export type Balance = "short" | "over" | "even";

/** Counted minus expected: below zero money is missing (短款), above it is extra (长款). */
export function balanceOf(difference: number): Balance {
  return difference < 0 ? "short" : difference > 0 ? "over" : "even";
}

export type CountRow = {
  kind: string;
  expected: number;
  counted: boolean;
  /** What was typed, parsed; null while nothing is typed. */
  parsed: YuanParse | null;
  difference: number | null;
};

/** One row per tender of the report, with what has been typed so far. */
export function countRows(tenders: readonly TenderTotalView[], typed: Readonly<Record<string, string>>): CountRow[] {
  return sortTenders(tenders).map((t) => {
    const counted = isCounted(t.kind);
    const text = typed[t.kind] ?? "";
    const parsed = counted && text.trim() !== "" ? parseYuan(text) : null;
    return {
      kind: t.kind,
      expected: t.expected,
      counted,
      parsed,
      difference: parsed?.ok ? parsed.fen - t.expected : null,
    };
  });
}

export type CountCheck =
  | { ok: true; counted: CountedInput[]; totalDifference: number }
  | { ok: false; missing: string[]; invalid: string[] };

/** Every counted tender needs a valid amount before the shift can close. */
export function checkCount(rows: readonly CountRow[]): CountCheck {
  const missing: string[] = [];
  const invalid: string[] = [];
  const counted: CountedInput[] = [];
  let totalDifference = 0;
  for (const row of rows) {
    if (!row.counted) continue;
    if (row.parsed === null) missing.push(row.kind);
    else if (!row.parsed.ok) invalid.push(row.kind);
    else {
      counted.push({ kind: row.kind, amount: row.parsed.fen });
      totalDifference += row.parsed.fen - row.expected;
    }
  }
  if (missing.length > 0 || invalid.length > 0) return { ok: false, missing, invalid };
  return { ok: true, counted, totalDifference };
}
