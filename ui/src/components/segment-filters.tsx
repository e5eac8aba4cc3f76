// The member list's filters (Back office → Member list): chips for the lists (tier, gender, skin
// type, value class: any of those ticked), boxes for the ranges, selects for consent and birthday
// month. Every box keeps what was typed; the one the core or the parser refused is marked.
// Skin type shows only to roles that see sensitive notes (the core refuses it to others anyway).
import type { Gender, RfmClass, SkinType, Tier } from "../lib/backend/bindings";
import { useI18n, type MessageKey } from "../lib/i18n";
import { toggle, type FilterDraft } from "../lib/segment-filter";
import { MoneyInput } from "./money-input";

const TIERS: Tier[] = ["standard", "silver", "gold", "platinum"];
const GENDERS: Gender[] = ["female", "male", "other"];
const SKINS: SkinType[] = ["dry", "oily", "combination", "sensitive", "normal"];
export const RFM: RfmClass[] = ["high_value", "medium_value", "low_value", "at_risk", "lost"];
const MONTHS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

type Props = {
  draft: FilterDraft;
  onDraft: (d: FilterDraft) => void;
  /** The box to mark (a refused value), by the draft's key or the core's field name. */
  invalid: string | null;
  seesSkin: boolean;
};

function Chips<T extends string>(props: {
  id: string; label: string; all: T[]; on: T[]; word: (v: T) => string; onChange: (v: T[]) => void;
}) {
  return (
    <div class="field segment-chips">
      <span class="field-label" id={`l-${props.id}`}>{props.label}</span>
      <div class="chip-row" role="group" aria-labelledby={`l-${props.id}`} data-testid={`segment-${props.id}`}>
        {props.all.map((v) => (
          <button key={v} type="button" class={`chip chip-toggle ${props.on.includes(v) ? "active" : ""}`}
            aria-pressed={props.on.includes(v)} data-testid={`segment-${props.id}-${v}`}
            onClick={() => props.onChange(toggle(props.on, v))}>
            {props.word(v)}
          </button>
        ))}
      </div>
    </div>
  );
}

export function SegmentFilters(props: Props) {
  const { t } = useI18n();
  const { draft: d, onDraft } = props;
  const set = <K extends keyof FilterDraft>(k: K, v: FilterDraft[K]) => onDraft({ ...d, [k]: v });
  const bad = (k: string) => props.invalid === k;
  const box = (k: "visitsMin" | "visitsMax" | "ageMin" | "ageMax", label: MessageKey) => (
    <label class={`field ${bad(k) ? "field-invalid" : ""}`}>
      <span class="field-label">{t(label)}</span>
      <input class="input mono" inputMode="numeric" data-testid={`segment-${k}`} value={d[k]}
        aria-invalid={bad(k) || undefined} onInput={(e) => set(k, e.currentTarget.value)} />
    </label>
  );
  const money = (k: "spendMin" | "spendMax", label: MessageKey) => (
    <label class={`field ${bad(k) ? "field-invalid" : ""}`}>
      <span class="field-label">{t(label)}</span>
      <MoneyInput id={`segment-${k}`} testId={`segment-${k}`} value={d[k]} invalid={bad(k)} placeholder=""
        onValue={(v) => set(k, v)} />
    </label>
  );
  const date = (k: "lastVisitFrom" | "lastVisitTo", label: MessageKey) => (
    <label class={`field ${bad(k) ? "field-invalid" : ""}`}>
      <span class="field-label">{t(label)}</span>
      <input type="date" class="input" data-testid={`segment-${k}`} value={d[k]}
        aria-invalid={bad(k) || undefined} onInput={(e) => set(k, e.currentTarget.value)} />
    </label>
  );
  const text = (k: "regions" | "tags", label: MessageKey) => (
    <label class="field">
      <span class="field-label">{t(label)}</span>
      <input class="input" data-testid={`segment-${k}`} value={d[k]} placeholder={t("segments.filter.listHint")}
        onInput={(e) => set(k, e.currentTarget.value)} />
    </label>
  );

  return (
    <div class="segment-filters" data-testid="segment-filters">
      <Chips id="tiers" label={t("segments.filter.tier")} all={TIERS} on={d.tiers} word={(v) => t(`tier.${v}`)}
        onChange={(v) => set("tiers", v)} />
      <Chips id="rfm" label={t("segments.filter.rfm")} all={RFM} on={d.rfm} word={(v) => t(`segments.rfm.${v}`)}
        onChange={(v) => set("rfm", v)} />
      <div class="segment-ranges">
        {date("lastVisitFrom", "segments.filter.lastVisitFrom")}
        {date("lastVisitTo", "segments.filter.lastVisitTo")}
        {money("spendMin", "segments.filter.spendMin")}
        {money("spendMax", "segments.filter.spendMax")}
        {box("visitsMin", "segments.filter.visitsMin")}
        {box("visitsMax", "segments.filter.visitsMax")}
        {box("ageMin", "segments.filter.ageMin")}
        {box("ageMax", "segments.filter.ageMax")}
        <label class="field">
          <span class="field-label">{t("segments.filter.consent")}</span>
          <select class="input" data-testid="segment-consent" value={d.consent}
            onChange={(e) => set("consent", e.currentTarget.value as FilterDraft["consent"])}>
            <option value="">{t("segments.filter.any")}</option>
            <option value="yes">{t("segments.filter.consentYes")}</option>
            <option value="no">{t("segments.filter.consentNo")}</option>
          </select>
        </label>
        <label class={`field ${bad("birthdayMonth") ? "field-invalid" : ""}`}>
          <span class="field-label">{t("segments.filter.birthdayMonth")}</span>
          <select class="input" data-testid="segment-birthdayMonth" value={d.birthdayMonth}
            onChange={(e) => set("birthdayMonth", e.currentTarget.value)}>
            <option value="">{t("segments.filter.any")}</option>
            {MONTHS.map((m) => <option key={m} value={m}>{t("segments.filter.month", { m })}</option>)}
          </select>
        </label>
        {text("regions", "segments.filter.regions")}
        {text("tags", "segments.filter.tags")}
      </div>
      <Chips id="genders" label={t("segments.filter.gender")} all={GENDERS} on={d.genders}
        word={(v) => t(`gender.${v}`)} onChange={(v) => set("genders", v)} />
      {props.seesSkin ? (
        <Chips id="skinTypes" label={t("segments.filter.skin")} all={SKINS} on={d.skinTypes}
          word={(v) => t(`skin.${v}`)} onChange={(v) => set("skinTypes", v)} />
      ) : null}
    </div>
  );
}
