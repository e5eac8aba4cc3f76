// What the back office's catalog forms type, turned into what the core takes: yuan into fen,
// percents into basis points, empty limits into null. Pure, so it is tested without a screen.
import type { ApiError } from "./backend/bindings";
import { fenToInput, parseYuan } from "./yuan";

/** A form's own refusal, shaped like the core's so the field shows it the same way. */
export function localError(field: string): ApiError {
  return { code: "validation", message: "", field, memberId: null };
}

/** Yuan typed → fen; null when it is not an amount (empty counts as not one). */
export function fenOf(text: string): number | null {
  const parsed = parseYuan(text);
  return parsed.ok ? parsed.fen : null;
}

/** "10" → 1000, "12.5" → 1250 basis points; null when not a number with at most 2 decimals. */
export function bpOf(text: string): number | null {
  return fenOf(text);
}

/** 1250 → "12.5". */
export function percentText(bp: number): string {
  const text = fenToInput(bp);
  return text.includes(".") ? text.replace(/0$/, "") : text;
}

/** A whole number typed; `null` for empty when `optional`, `undefined` when it is not one. */
export function intOf(text: string, optional = false): number | null | undefined {
  const s = text.trim();
  if (s === "") return optional ? null : undefined;
  return /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

/** Fen shown for editing: "" for null. */
export function yuanText(fen: number | null): string {
  return fen === null ? "" : fenToInput(fen);
}

/** The distinct categories of a list, sorted the way the store's language sorts them. */
export function categoriesOf(items: Array<{ category: string }>, locale: string): string[] {
  const set = new Set(items.map((i) => i.category).filter((c) => c !== ""));
  return [...set].sort((a, b) => a.localeCompare(b, locale));
}

/** Does an item match the search text and the chosen category ("" = all)? */
export function matches(item: { name: string; nameEn?: string | null; category: string },
  query: string, category: string): boolean {
  if (category !== "" && item.category !== category) return false;
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return item.name.toLowerCase().includes(q) || (item.nameEn ?? "").toLowerCase().includes(q);
}
