// The tiers back-office section's logic, apart from the screen: a tier's rule and benefits as
// the owner types them (percentages and yuan as text) to and from the backend's view, and a
// member's progress as the figures the desk shows ("¥8,200 of ¥10,000; 4 of 6 months").
import type { FreeServiceView, Period, TierMode, TierRuleProgressView, TierRuleView } from "./backend/bindings";
import { fenToInput, parseYuan } from "./yuan";

export const MODES: TierMode[] = ["both", "spend", "run", "either"];
export const PERIODS: Period[] = ["month", "quarter", "year"];

/** One free service as typed. */
export type FreeDraft = { serviceId: string; count: string; period: Period };

/** A tier as typed: every number is text until saved. */
export type RuleDraft = {
  tier: TierRuleView["tier"];
  mode: TierMode;
  discount: string;
  multiplier: string;
  bookingDays: string;
  cumulative: string;
  monthly: string;
  months: string;
  /** Birthday-month points multiplier (×); blank: the store's setting. */
  birthday: string;
  free: FreeDraft[];
};

/** The field a draft is wrong in, as the backend names them. */
export type DraftField = "discountBp" | "pointsMultiplierPct" | "bookingDays" | "spend" | "months" | "birthdayMultiplierPct" | "freeServices";

const hundredths = (text: string): number | null => {
  const parsed = parseYuan(text);
  return parsed.ok ? parsed.fen : null;
};
const blankOr = (s: string, f: (s: string) => number | null): number | null | undefined =>
  s.trim() === "" ? null : f(s) ?? undefined;
const whole = (s: string): number | null => (/^\s*\d+\s*$/.test(s) ? Number(s) : null);

export function toDraft(r: TierRuleView): RuleDraft {
  return {
    tier: r.tier,
    mode: r.mode,
    discount: String(r.discountBp / 100),
    multiplier: String(r.pointsMultiplierPct / 100),
    bookingDays: String(r.bookingDays),
    cumulative: r.minCumulativeSpend === null ? "" : fenToInput(r.minCumulativeSpend),
    monthly: r.minMonthlySpend === null ? "" : fenToInput(r.minMonthlySpend),
    months: r.consecutiveMonths === null ? "" : String(r.consecutiveMonths),
    birthday: r.birthdayMultiplierPct === null ? "" : String(r.birthdayMultiplierPct / 100),
    free: r.freeServices.map((f) => ({ serviceId: f.serviceId, count: String(f.count), period: f.period })),
  };
}

/** The draft as the backend takes it, or the first field that is not a number. */
export function fromDraft(d: RuleDraft): { ok: true; rule: TierRuleView } | { ok: false; field: DraftField } {
  const discountBp = hundredths(d.discount);
  if (discountBp === null || discountBp < 0) return { ok: false, field: "discountBp" };
  const multiplier = hundredths(d.multiplier);
  if (multiplier === null || multiplier < 0) return { ok: false, field: "pointsMultiplierPct" };
  const bookingDays = whole(d.bookingDays);
  if (bookingDays === null) return { ok: false, field: "bookingDays" };
  const cumulative = blankOr(d.cumulative, hundredths);
  const monthly = blankOr(d.monthly, hundredths);
  if (cumulative === undefined || monthly === undefined) return { ok: false, field: "spend" };
  const months = blankOr(d.months, whole);
  if (months === undefined) return { ok: false, field: "months" };
  const birthday = blankOr(d.birthday, hundredths);
  if (birthday === undefined) return { ok: false, field: "birthdayMultiplierPct" };
  const freeServices: FreeServiceView[] = [];
  for (const f of d.free) {
    const count = whole(f.count);
    if (count === null || count < 1 || f.serviceId === "") return { ok: false, field: "freeServices" };
    freeServices.push({ serviceId: f.serviceId, count, period: f.period });
  }
  return {
    ok: true,
    rule: {
      tier: d.tier, mode: d.mode, discountBp, pointsMultiplierPct: multiplier, bookingDays,
      minCumulativeSpend: cumulative, minMonthlySpend: monthly, consecutiveMonths: months,
      birthdayMultiplierPct: birthday, freeServices,
    },
  };
}

/** Which parts of the rule a mode asks for (the card shows only those). */
export function modeParts(mode: TierMode): { spend: boolean; run: boolean } {
  return { spend: mode !== "run", run: mode !== "spend" };
}

/** A progress line's figures: spend so far and asked, months so far and asked (null: not asked). */
export type ProgressFigures = {
  spend: { have: number; need: number; met: boolean } | null;
  run: { have: number; need: number; monthly: number; met: boolean } | null;
  met: boolean;
};

export function progressFigures(p: TierRuleProgressView): ProgressFigures {
  const parts = modeParts(p.mode);
  return {
    spend: parts.spend && p.spendTarget !== null ? { have: p.spend, need: p.spendTarget, met: p.spendMet } : null,
    run: parts.run && p.monthsTarget !== null && p.monthlyTarget !== null
      ? { have: p.months, need: p.monthsTarget, monthly: p.monthlyTarget, met: p.runMet }
      : null,
    met: p.met,
  };
}
