// One tier in the back office's tiers section: what earns it (spend, a run of months, both or
// either, in yuan and months) and its benefits (discount, points, booking window, birthday offer,
// free services per period). Everything is text as typed; lib/tier-rules.ts turns it into a rule.
import type { CatalogItem, Period, TierMode } from "../lib/backend/bindings";
import { useI18n, type MessageKey } from "../lib/i18n";
import { type DraftField, type RuleDraft, MODES, modeParts, PERIODS } from "../lib/tier-rules";
import { Field } from "./field";
import { TierBadge } from "./tier-badge";

type Props = {
  draft: RuleDraft;
  services: CatalogItem[];
  readOnly: boolean;
  /** The store's birthday multiplier in percent, for the hint of a blank tier offer. */
  storeBirthdayPct: number | null;
  /** The field of this card the last check found wrong. */
  invalid: DraftField | null;
  onChange: (next: RuleDraft) => void;
};

export function TierRuleCard(props: Props) {
  const { t } = useI18n();
  const { draft: d, readOnly } = props;
  const id = (key: string) => `${d.tier}-${key}`;
  const set = (patch: Partial<RuleDraft>) => props.onChange({ ...d, ...patch });
  const err = (field: DraftField) => (props.invalid === field ? { text: t("tiers.invalid") } : undefined);
  const text = (key: keyof RuleDraft, label: MessageKey, field: DraftField, hint?: string) => (
    <Field id={id(key)} label={t(label)} hint={hint} error={err(field)}>
      <input id={`f-${id(key)}`} class="input input-number" inputMode="decimal" disabled={readOnly}
        data-testid={`tier-${d.tier}-${key}`} value={d[key] as string}
        onInput={(e) => set({ [key]: (e.currentTarget as HTMLInputElement).value } as Partial<RuleDraft>)} />
    </Field>
  );
  const parts = modeParts(d.mode);
  const setFree = (i: number, patch: Partial<RuleDraft["free"][number]>) =>
    set({ free: d.free.map((f, j) => (j === i ? { ...f, ...patch } : f)) });

  return (
    <section class="card tier-card" data-testid={`tier-card-${d.tier}`} data-tier={d.tier}>
      <h3 class="tier-card-title"><TierBadge tier={d.tier} large /></h3>
      <h4 class="subsection-title">{t("tiers.rule")}</h4>
      {d.tier === "standard" ? <p class="muted small">{t("tiers.standardRule")}</p> : (
        <div class="tier-card-grid">
          <Field id={id("mode")} label={t("tiers.mode")} wide>
            <select id={`f-${id("mode")}`} class="input" disabled={readOnly} data-testid={`tier-${d.tier}-mode`} value={d.mode}
              onChange={(e) => set({ mode: (e.currentTarget as HTMLSelectElement).value as TierMode })}>
              {MODES.map((m) => <option key={m} value={m}>{t(`tiers.mode.${m}`)}</option>)}
            </select>
          </Field>
          {parts.spend ? text("cumulative", "tiers.cumulative", "spend") : null}
          {parts.run ? text("monthly", "tiers.monthly", "spend") : null}
          {parts.run ? text("months", "tiers.months", "months") : null}
        </div>
      )}
      <h4 class="subsection-title">{t("tiers.benefits")}</h4>
      <div class="tier-card-grid">
        {text("discount", "tiers.discount", "discountBp")}
        {text("multiplier", "tiers.multiplier", "pointsMultiplierPct")}
        {text("bookingDays", "tiers.bookingDays", "bookingDays")}
        {text("birthday", "tiers.birthday", "birthdayMultiplierPct",
          props.storeBirthdayPct === null ? undefined : t("tiers.birthdayHint", { n: props.storeBirthdayPct / 100 }))}
      </div>
      <div class="tier-free" data-testid={`tier-${d.tier}-free`}>
        <div class="tier-free-head">{t("tiers.free")}</div>
        {d.free.length === 0 ? <p class="muted small">{t("tiers.freeNone")}</p> : null}
        {d.free.map((f, i) => (
          <div class="tier-free-row" key={i} data-testid={`tier-${d.tier}-free-row`}>
            <select class="input" aria-label={t("tiers.freeService")} disabled={readOnly} value={f.serviceId}
              data-testid={`tier-${d.tier}-free-service`}
              onChange={(e) => setFree(i, { serviceId: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">—</option>
              {props.services.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
            <input class="input input-number" aria-label={t("tiers.freeCount")} inputMode="numeric" disabled={readOnly}
              value={f.count} data-testid={`tier-${d.tier}-free-count`}
              onInput={(e) => setFree(i, { count: (e.currentTarget as HTMLInputElement).value })} />
            <select class="input" aria-label={t("tiers.free")} disabled={readOnly} value={f.period}
              data-testid={`tier-${d.tier}-free-period`}
              onChange={(e) => setFree(i, { period: (e.currentTarget as HTMLSelectElement).value as Period })}>
              {PERIODS.map((p) => <option key={p} value={p}>{t(`tiers.period.${p}`)}</option>)}
            </select>
            {readOnly ? null : (
              <button type="button" class="btn btn-ghost" onClick={() => set({ free: d.free.filter((_, j) => j !== i) })}>
                {t("tiers.freeRemove")}
              </button>
            )}
          </div>
        ))}
        {props.invalid === "freeServices" ? <div class="field-error" role="alert">{t("tiers.invalid")}</div> : null}
        {readOnly ? null : (
          <button type="button" class="btn btn-secondary" data-testid={`tier-${d.tier}-free-add`}
            onClick={() => set({ free: [...d.free, { serviceId: "", count: "1", period: "quarter" }] })}>
            {t("tiers.freeAdd")}
          </button>
        )}
      </div>
    </section>
  );
}
