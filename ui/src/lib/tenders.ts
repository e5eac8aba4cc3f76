// Paying: what each tender is worth, what is still due, the change, and checking a tender
// before it is added — the same rules the core applies (crates/salondesk-core/src/checkout/
// tenders.rs), so the cashier hears about a problem at the tender, not after "complete".
// All money is integer fen; typed yuan go through parseYuan (string arithmetic).
import type { TenderInput } from "./backend/bindings";
import { parseYuan } from "./yuan";

export type TenderKind = TenderInput["kind"];
export const TENDER_KINDS: readonly TenderKind[] = ["cash", "bank_card", "wechat_pay", "alipay", "stored_value", "points"];

/** Tenders that draw on what the member prepaid (they cannot pay for a top-up). */
export const isPrepaid = (kind: TenderKind) => kind === "stored_value" || kind === "points";
export const needsReference = (kind: TenderKind) => kind === "bank_card" || kind === "wechat_pay" || kind === "alipay";

/** What a tender pays, in fen. */
export function tenderValue(t: TenderInput, pointValueFen: number): number {
  return t.kind === "points" ? t.points * pointValueFen : t.amount;
}

export type PaySummary = {
  paid: number;
  /** Still to pay (0 once covered). */
  remaining: number;
  /** Cash back to the client (only cash may exceed the total). */
  change: number;
  covered: boolean;
  /** Stored value used, points used (count), and what all prepaid tenders pay. */
  storedValue: number;
  points: number;
  prepaid: number;
  nonCash: number;
};

export function summarize(tenders: readonly TenderInput[], total: number, pointValueFen: number): PaySummary {
  let paid = 0;
  let nonCash = 0;
  let storedValue = 0;
  let points = 0;
  for (const t of tenders) {
    const v = tenderValue(t, pointValueFen);
    paid += v;
    if (t.kind !== "cash") nonCash += v;
    if (t.kind === "stored_value") storedValue += t.amount;
    if (t.kind === "points") points += t.points;
  }
  const covered = paid >= total;
  return {
    paid, remaining: Math.max(0, total - paid), change: covered ? paid - total : 0, covered,
    storedValue, points, prepaid: storedValue + points * pointValueFen, nonCash,
  };
}

/** What the cashier is typing for the next tender (as text, never lost on an error). */
export type TenderDraft = { kind: TenderKind; amount: string; reference: string; last4: string; points: string };

export type PayContext = {
  total: number;
  /** The part of the total that is top-ups (prepaid value cannot pay it). */
  topUpTotal: number;
  pointValueFen: number;
  /** The member's balances; null without a member. */
  balances: { points: number; storedValue: number } | null;
  tenders: readonly TenderInput[];
};

export type DraftField = "amount" | "reference" | "last4" | "points";
export type DraftProblem =
  | "required" | "format" | "decimals" | "too_large" | "zero" | "over_remaining" | "over_balance"
  | "no_member" | "card_number" | "reference_long" | "covered";
export type DraftError = { field: DraftField; problem: DraftProblem };

/** How much prepaid value (stored value and points) may still pay: not the top-ups. */
export function prepaidRoom(ctx: PayContext): number {
  const s = summarize(ctx.tenders, ctx.total, ctx.pointValueFen);
  return Math.max(0, Math.min(s.remaining, ctx.total - ctx.topUpTotal - s.prepaid));
}

/** Balances left after the tenders already added. */
export function available(ctx: PayContext): { storedValue: number; points: number } {
  const s = summarize(ctx.tenders, ctx.total, ctx.pointValueFen);
  return {
    storedValue: Math.max(0, (ctx.balances?.storedValue ?? 0) - s.storedValue),
    points: Math.max(0, (ctx.balances?.points ?? 0) - s.points),
  };
}

/** A fresh draft for `kind`, its amount filled in with what it can pay of what is due. */
export function draftFor(kind: TenderKind, ctx: PayContext): TenderDraft {
  const { remaining } = summarize(ctx.tenders, ctx.total, ctx.pointValueFen);
  const blank: TenderDraft = { kind, amount: "", reference: "", last4: "", points: "" };
  const avail = available(ctx);
  if (kind === "points") {
    const pv = Math.max(1, ctx.pointValueFen);
    const n = Math.min(avail.points, Math.floor(prepaidRoom(ctx) / pv));
    return { ...blank, points: n > 0 ? String(n) : "" };
  }
  const fen = kind === "stored_value" ? Math.min(avail.storedValue, prepaidRoom(ctx)) : remaining;
  return { ...blank, amount: fen > 0 ? fenText(fen) : "" };
}

/** Fen as typed yuan ("12", "12.50"). */
export function fenText(fen: number): string {
  const cents = fen % 100;
  const whole = (fen - cents) / 100;
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, "0")}`;
}

function luhn(s: string): boolean {
  const digits = [...s].filter((c) => c >= "0" && c <= "9").map(Number).reverse();
  return digits.reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0) % 10 === 0;
}

/** A reference typed where a card number could go: refuse anything that is one (as the core does). */
export function looksLikeCardNumber(text: string): boolean {
  const digits = [...text].filter((c) => c >= "0" && c <= "9").length;
  return digits >= 13 && digits <= 19 && luhn(text);
}

/**
 * Checks a draft against the rules and what is already paid. Prepaid value for top-ups is
 * left to the backend (it refuses, and the desk shows why); everything else is caught here.
 */
export function checkDraft(draft: TenderDraft, ctx: PayContext): { ok: true; tender: TenderInput } | { ok: false; error: DraftError } {
  const err = (field: DraftField, problem: DraftProblem) => ({ ok: false as const, error: { field, problem } });
  const s = summarize(ctx.tenders, ctx.total, ctx.pointValueFen);
  if (s.covered && ctx.total > 0) return err(draft.kind === "points" ? "points" : "amount", "covered");
  if (isPrepaid(draft.kind) && ctx.balances === null) return err(draft.kind === "points" ? "points" : "amount", "no_member");
  const avail = available(ctx);

  if (draft.kind === "points") {
    const text = draft.points.trim();
    if (text === "") return err("points", "required");
    if (!/^\d+$/.test(text)) return err("points", "format");
    const n = Number(text);
    if (n === 0) return err("points", "zero");
    if (n > avail.points) return err("points", "over_balance");
    if (n * ctx.pointValueFen > s.remaining) return err("points", "over_remaining");
    return { ok: true, tender: { kind: "points", points: n } };
  }

  const parsed = parseYuan(draft.amount);
  if (!parsed.ok) return err("amount", parsed.reason === "empty" ? "required" : parsed.reason);
  const amount = parsed.fen;
  if (amount === 0) return err("amount", "zero");
  // Only cash may be more than what is due (the difference is change).
  if (draft.kind !== "cash" && amount > s.remaining) return err("amount", "over_remaining");
  if (draft.kind === "stored_value" && amount > avail.storedValue) return err("amount", "over_balance");

  if (needsReference(draft.kind)) {
    const reference = draft.reference.trim();
    if (reference === "") return err("reference", "required");
    if (reference.length > 64) return err("reference", "reference_long");
    if (looksLikeCardNumber(reference)) return err("reference", "card_number");
  }
  switch (draft.kind) {
    case "cash": return { ok: true, tender: { kind: "cash", amount } };
    case "stored_value": return { ok: true, tender: { kind: "stored_value", amount } };
    case "bank_card": {
      if (draft.last4.trim() === "") return err("last4", "required");
      if (!/^\d{4}$/.test(draft.last4.trim())) return err("last4", "format");
      return { ok: true, tender: { kind: "bank_card", amount, reference: draft.reference.trim(), last4: draft.last4.trim() } };
    }
    case "wechat_pay": return { ok: true, tender: { kind: "wechat_pay", amount, reference: draft.reference.trim() } };
    case "alipay": return { ok: true, tender: { kind: "alipay", amount, reference: draft.reference.trim() } };
  }
}

/** Cash quick amounts: exactly what is due, then the usual notes (¥100, ¥200, ¥500). */
export const CASH_NOTES: readonly number[] = [10_000, 20_000, 50_000];
