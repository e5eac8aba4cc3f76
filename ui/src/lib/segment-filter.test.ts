import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT, toDraft, toFilter, toggle, words } from "./segment-filter";

describe("the member list's filter", () => {
  it("filters nothing when every box is empty", () => {
    const r = toFilter(EMPTY_DRAFT);
    expect(r.ok && r.filter.spendMin === null && r.filter.tags.length === 0 && r.filter.consent === null).toBe(true);
  });

  it("reads yuan as exact fen, lists split on Chinese and Western commas, consent as yes/no", () => {
    const r = toFilter({ ...EMPTY_DRAFT, spendMin: "¥1,280.5", tags: "VIP，学生、 新客", consent: "no", birthdayMonth: "3" });
    if (!r.ok) throw new Error(`refused ${r.field}`);
    expect(r.filter.spendMin).toBe(128050);
    expect(r.filter.tags).toEqual(["VIP", "学生", "新客"]);
    expect(r.filter.consent).toBe(false);
    expect(r.filter.birthdayMonth).toBe(3);
  });

  it("names the box it cannot read instead of dropping it", () => {
    expect(toFilter({ ...EMPTY_DRAFT, visitsMin: "三" })).toEqual({ ok: false, field: "visitsMin" });
    expect(toFilter({ ...EMPTY_DRAFT, spendMax: "12.345" })).toEqual({ ok: false, field: "spendMax" });
  });

  it("gives a saved filter back as the boxes showed it", () => {
    const draft = { ...EMPTY_DRAFT, spendMax: "300", regions: "朝阳, 海淀", ageMin: "30", tiers: ["gold" as const] };
    const r = toFilter(draft);
    if (!r.ok) throw new Error("refused");
    expect(toDraft(r.filter)).toEqual(draft);
  });

  it("toggles a chip and splits words", () => {
    expect(toggle(["gold"], "gold")).toEqual([]);
    expect(toggle(["gold"], "silver")).toEqual(["gold", "silver"]);
    expect(words(" , a ,, b ")).toEqual(["a", "b"]);
  });
});
