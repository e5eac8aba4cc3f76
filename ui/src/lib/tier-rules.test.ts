import { describe, expect, it } from "vitest";
import type { TierRuleProgressView, TierRuleView } from "./backend/bindings";
import { fromDraft, modeParts, progressFigures, toDraft } from "./tier-rules";

const gold: TierRuleView = {
  tier: "gold", discountBp: 1000, pointsMultiplierPct: 150, bookingDays: 30, mode: "both",
  minCumulativeSpend: 1_000_000, minMonthlySpend: 200_000, consecutiveMonths: 6, birthdayMultiplierPct: null,
  freeServices: [{ serviceId: "svc-1", count: 1, period: "quarter" }],
};

describe("tier rule drafts", () => {
  it("round-trips a rule through what the owner types, in yuan and percent", () => {
    const d = toDraft(gold);
    expect([d.discount, d.multiplier, d.cumulative, d.monthly, d.months, d.birthday]).toEqual(["10", "1.5", "10000", "2000", "6", ""]);
    expect(fromDraft(d)).toEqual({ ok: true, rule: gold });
  });

  it("types a birthday offer as a multiplier and a blank spend as no spend part", () => {
    const d = { ...toDraft(gold), birthday: "3", cumulative: " ", mode: "run" as const };
    const r = fromDraft(d);
    expect(r.ok && r.rule.birthdayMultiplierPct).toBe(300);
    expect(r.ok && r.rule.minCumulativeSpend).toBeNull();
  });

  it("names the first field that is not a number, so the card shows it there", () => {
    expect(fromDraft({ ...toDraft(gold), monthly: "两千" })).toEqual({ ok: false, field: "spend" });
    expect(fromDraft({ ...toDraft(gold), months: "6.5" })).toEqual({ ok: false, field: "months" });
    expect(fromDraft({ ...toDraft(gold), free: [{ serviceId: "svc-1", count: "0", period: "month" }] }))
      .toEqual({ ok: false, field: "freeServices" });
    expect(fromDraft({ ...toDraft(gold), free: [{ serviceId: "", count: "1", period: "month" }] }))
      .toEqual({ ok: false, field: "freeServices" });
  });

  it("shows only the parts a mode asks for", () => {
    expect(modeParts("spend")).toEqual({ spend: true, run: false });
    expect(modeParts("run")).toEqual({ spend: false, run: true });
    expect(modeParts("both")).toEqual({ spend: true, run: true });
    expect(modeParts("either")).toEqual({ spend: true, run: true });
  });
});

describe("progress figures", () => {
  const p: TierRuleProgressView = {
    tier: "gold", mode: "both", spend: 820_000, spendTarget: 1_000_000, spendMet: false,
    months: 4, monthsTarget: 6, monthlyTarget: 200_000, runMet: false, met: false,
  };

  it("gives ¥8,200 of ¥10,000 and 4 of 6 months as numbers", () => {
    expect(progressFigures(p)).toEqual({
      spend: { have: 820_000, need: 1_000_000, met: false },
      run: { have: 4, need: 6, monthly: 200_000, met: false },
      met: false,
    });
  });

  it("leaves out the part a spend-only rule does not ask", () => {
    expect(progressFigures({ ...p, mode: "spend" }).run).toBeNull();
  });
});
