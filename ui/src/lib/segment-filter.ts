// The member list's filter as typed (text kept as typed, never lost) and as the core takes it
// (`SegmentFilter`): amounts typed in yuan become fen, lists typed with commas become lists, an
// empty box filters nothing. A box that cannot be read is named, so the screen marks it.
import type { SegmentFilter } from "./backend/bindings";
import { fenToInput, parseYuan } from "./yuan";

export type FilterDraft = {
  tiers: SegmentFilter["tiers"];
  lastVisitFrom: string;
  lastVisitTo: string;
  spendMin: string;
  spendMax: string;
  visitsMin: string;
  visitsMax: string;
  ageMin: string;
  ageMax: string;
  genders: SegmentFilter["genders"];
  regions: string;
  skinTypes: SegmentFilter["skinTypes"];
  tags: string;
  /** "" any, "yes", "no". */
  consent: "" | "yes" | "no";
  /** "" any, else "1".."12". */
  birthdayMonth: string;
  rfm: SegmentFilter["rfm"];
};

export const EMPTY_DRAFT: FilterDraft = {
  tiers: [], lastVisitFrom: "", lastVisitTo: "", spendMin: "", spendMax: "", visitsMin: "", visitsMax: "",
  ageMin: "", ageMax: "", genders: [], regions: "", skinTypes: [], tags: "", consent: "", birthdayMonth: "", rfm: [],
};

export type DraftResult = { ok: true; filter: SegmentFilter } | { ok: false; field: keyof FilterDraft };

/** Words split on commas (also the Chinese ones) and 、, trimmed, empties dropped. */
export function words(text: string): string[] {
  return text.split(/[,，、;；]/).map((w) => w.trim()).filter((w) => w !== "");
}

function whole(text: string): number | null | undefined {
  const s = text.trim();
  if (s === "") return null;
  return /^\d{1,6}$/.test(s) ? Number(s) : undefined;
}

function fen(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  const p = parseYuan(text);
  return p.ok ? p.fen : undefined;
}

/** The core's filter from the draft, or the first box that cannot be read. */
export function toFilter(d: FilterDraft): DraftResult {
  const numbers = {
    spendMin: fen(d.spendMin), spendMax: fen(d.spendMax),
    visitsMin: whole(d.visitsMin), visitsMax: whole(d.visitsMax),
    ageMin: whole(d.ageMin), ageMax: whole(d.ageMax),
  };
  for (const [field, value] of Object.entries(numbers)) {
    if (value === undefined) return { ok: false, field: field as keyof FilterDraft };
  }
  const n = numbers as Record<keyof typeof numbers, number | null>;
  return {
    ok: true,
    filter: {
      tiers: d.tiers,
      lastVisitFrom: d.lastVisitFrom || null,
      lastVisitTo: d.lastVisitTo || null,
      spendMin: n.spendMin, spendMax: n.spendMax,
      visitsMin: n.visitsMin, visitsMax: n.visitsMax,
      ageMin: n.ageMin, ageMax: n.ageMax,
      genders: d.genders,
      regions: words(d.regions),
      skinTypes: d.skinTypes,
      tags: words(d.tags),
      consent: d.consent === "" ? null : d.consent === "yes",
      birthdayMonth: d.birthdayMonth === "" ? null : Number(d.birthdayMonth),
      rfm: d.rfm,
    },
  };
}

/** A saved filter back into the boxes. */
export function toDraft(f: SegmentFilter): FilterDraft {
  const text = (v: number | null) => (v === null ? "" : String(v));
  const yuan = (v: number | null) => (v === null ? "" : fenToInput(v));
  return {
    tiers: f.tiers, lastVisitFrom: f.lastVisitFrom ?? "", lastVisitTo: f.lastVisitTo ?? "",
    spendMin: yuan(f.spendMin), spendMax: yuan(f.spendMax),
    visitsMin: text(f.visitsMin), visitsMax: text(f.visitsMax), ageMin: text(f.ageMin), ageMax: text(f.ageMax),
    genders: f.genders, regions: f.regions.join(", "), skinTypes: f.skinTypes, tags: f.tags.join(", "),
    consent: f.consent === null ? "" : f.consent ? "yes" : "no",
    birthdayMonth: f.birthdayMonth === null ? "" : String(f.birthdayMonth),
    rfm: f.rfm,
  };
}

/** Adds `v` to the list, or takes it out if there (a chip toggled). */
export function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}
