// Back office → Care settings (回访设置, manage_care): each kind of follow-up on/off, its days and
// its message in both languages; win-back days per tier; the birthday benefit; quiet hours.
// Numbers are kept as typed (strings) until saved; an error lands on its field (`<kind>.days`,
// `<kind>.template`, `lapsedDays`, `birthdayPoints`, `birthdayCoupon`, `quietHours`).
import { useEffect, useState } from "preact/hooks";
import { ErrorBanner } from "../../components/error-banner";
import { Field } from "../../components/field";
import type { ApiError, BirthdayBenefitView, CareSettingsView } from "../../lib/backend/bindings";
import { careSettings, saveCareSettings } from "../../lib/backend/commands-care";
import { toApiError } from "../../lib/backend/errors";
import { hhmm, parseHhmm } from "../../lib/calendar";
import { useI18n, type MessageKey } from "../../lib/i18n";
import type { AdminProps } from "./props";

type Draft = { settings: CareSettingsView; days: string[]; tiers: string[]; points: string; code: string; from: string; until: string };

function draftOf(s: CareSettingsView): Draft {
  const b = s.birthdayBenefit;
  return {
    settings: s,
    days: s.kinds.map((k) => String(k.days)),
    tiers: s.lapsedDays.map((d) => String(d.days)),
    points: b.kind === "points" ? String(b.points) : "100",
    code: b.kind === "coupon" ? b.code : "",
    from: hhmm(s.quietFromMin),
    until: hhmm(s.quietUntilMin),
  };
}

export function CareAdmin(props: AdminProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    careSettings().then((s) => setDraft(draftOf(s)), (e) => setError(toApiError(e)));
  }, []);

  if (!draft) {
    return <div data-testid="care-admin">{error ? <ErrorBanner error={error} testId="care-settings-error" /> : null}</div>;
  }
  const s = draft.settings;
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const setKind = (i: number, change: Partial<CareSettingsView["kinds"][number]>) =>
    set({ settings: { ...s, kinds: s.kinds.map((k, j) => (j === i ? { ...k, ...change } : k)) } });
  const fieldError = (field: string) =>
    error?.code === "validation" && error.field === field ? { text: t("error.validation"), detail: error.message } : undefined;
  const invalid = (field: string) => setError({ code: "validation", message: t("care.settings.invalid"), field, memberId: null });

  const save = async () => {
    setError(null);
    const whole = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : null);
    const kinds = [];
    for (const [i, k] of s.kinds.entries()) {
      const days = whole(draft.days[i] ?? "");
      if (days === null) return invalid(`${k.kind}.days`);
      kinds.push({ ...k, days });
    }
    const lapsedDays = [];
    for (const [i, d] of s.lapsedDays.entries()) {
      const days = whole(draft.tiers[i] ?? "");
      if (days === null) return invalid("lapsedDays");
      lapsedDays.push({ ...d, days });
    }
    let birthdayBenefit: BirthdayBenefitView = { kind: "none" };
    if (s.birthdayBenefit.kind === "points") {
      const points = whole(draft.points);
      if (points === null) return invalid("birthdayPoints");
      birthdayBenefit = { kind: "points", points };
    } else if (s.birthdayBenefit.kind === "coupon") {
      birthdayBenefit = { kind: "coupon", code: draft.code.trim() };
    }
    const from = parseHhmm(draft.from);
    const until = parseHhmm(draft.until);
    if (from === null || until === null) return invalid("quietHours");
    const next: CareSettingsView = { kinds, lapsedDays, birthdayBenefit, quietFromMin: from, quietUntilMin: until };
    setBusy(true);
    try {
      await saveCareSettings(next);
      setDraft(draftOf(next));
      props.notify(t("care.settings.saved"));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const fieldOwned = error?.code === "validation" && error.field !== null &&
    (/\.(days|template)$/.test(error.field) || ["lapsedDays", "birthdayPoints", "birthdayCoupon", "quietHours"].includes(error.field));
  return (
    <div class="care-settings" data-testid="care-admin">
      <p class="muted">{t("care.settings.intro")}</p>
      <p class="muted">{t("care.settings.serviceNote")}</p>
      {s.kinds.map((k, i) => (
        <section key={k.kind} class="card care-kind-card" data-testid={`care-kind-${k.kind}`}>
          <div class="care-kind-head">
            <h3>{t(`care.kind.${k.kind}` as MessageKey)}</h3>
            <label class="radio-row">
              <input type="checkbox" checked={k.enabled} data-testid={`care-enabled-${k.kind}`}
                onChange={(e) => setKind(i, { enabled: e.currentTarget.checked })} />
              {t("care.settings.enabled")}
            </label>
          </div>
          <div class="form-grid">
            <Field id={`${k.kind}.days`} label={t(`care.settings.days.${k.kind}` as MessageKey)} error={fieldError(`${k.kind}.days`)}>
              <input id={`f-${k.kind}.days`} class="input" inputMode="numeric" data-testid={`care-days-${k.kind}`}
                value={draft.days[i]} onInput={(e) => set({ days: draft.days.map((d, j) => (j === i ? e.currentTarget.value : d)) })} />
            </Field>
            <div />
            <Field id={`${k.kind}.template`} label={t("care.settings.templateZh")} hint={t("care.settings.templateHint")}
              error={fieldError(`${k.kind}.template`)}>
              <textarea id={`f-${k.kind}.template`} class="input" rows={3} maxLength={300} value={k.templateZh}
                data-testid={`care-template-zh-${k.kind}`} onInput={(e) => setKind(i, { templateZh: e.currentTarget.value })} />
            </Field>
            <Field id={`${k.kind}.templateEn`} label={t("care.settings.templateEn")}>
              <textarea id={`f-${k.kind}.templateEn`} class="input" rows={3} maxLength={300} value={k.templateEn}
                data-testid={`care-template-en-${k.kind}`} onInput={(e) => setKind(i, { templateEn: e.currentTarget.value })} />
            </Field>
          </div>
          {k.kind === "lapsed" ? (
            <Field id="lapsedDays" label={t("care.settings.lapsedTiers")} error={fieldError("lapsedDays")}>
              <div class="care-tiers">
                {s.lapsedDays.map((d, j) => (
                  <label key={d.tier} class="field">
                    <span class="field-label">{t(`tier.${d.tier}` as MessageKey)}</span>
                    <input class="input" inputMode="numeric" data-testid={`care-lapsed-${d.tier}`} value={draft.tiers[j]}
                      onInput={(e) => set({ tiers: draft.tiers.map((x, n) => (n === j ? e.currentTarget.value : x)) })} />
                  </label>
                ))}
              </div>
            </Field>
          ) : null}
          {k.kind === "birthday" ? (
            <div class="care-inline">
              <Field id="birthdayBenefit" label={t("care.settings.benefit")}>
                <select id="f-birthdayBenefit" class="input" data-testid="care-benefit" value={s.birthdayBenefit.kind}
                  onChange={(e) => {
                    const kind = e.currentTarget.value;
                    const b: BirthdayBenefitView = kind === "points" ? { kind: "points", points: Number(draft.points) || 100 }
                      : kind === "coupon" ? { kind: "coupon", code: draft.code } : { kind: "none" };
                    set({ settings: { ...s, birthdayBenefit: b } });
                  }}>
                  {(["none", "points", "coupon"] as const).map((b) => (
                    <option key={b} value={b}>{t(`care.settings.benefit.${b}` as MessageKey)}</option>
                  ))}
                </select>
              </Field>
              {s.birthdayBenefit.kind === "points" ? (
                <Field id="birthdayPoints" label={t("care.settings.benefitPoints")} error={fieldError("birthdayPoints")}>
                  <input id="f-birthdayPoints" class="input" inputMode="numeric" data-testid="care-benefit-points" value={draft.points}
                    onInput={(e) => set({ points: e.currentTarget.value })} />
                </Field>
              ) : null}
              {s.birthdayBenefit.kind === "coupon" ? (
                <Field id="birthdayCoupon" label={t("care.settings.benefitCoupon")} error={fieldError("birthdayCoupon")}>
                  <input id="f-birthdayCoupon" class="input" data-testid="care-benefit-coupon" value={draft.code}
                    onInput={(e) => set({ code: e.currentTarget.value })} />
                </Field>
              ) : null}
            </div>
          ) : null}
        </section>
      ))}
      <section class="card care-kind-card">
        <h3>{t("care.settings.quiet")}</h3>
        <div class="care-inline">
          <Field id="quietHours" label={t("care.settings.quietFrom")} error={fieldError("quietHours")}>
            <input id="f-quietHours" type="time" class="input" data-testid="care-quiet-from" value={draft.from}
              onInput={(e) => set({ from: e.currentTarget.value })} />
          </Field>
          <Field id="quietUntil" label={t("care.settings.quietUntil")}>
            <input id="f-quietUntil" type="time" class="input" data-testid="care-quiet-until" value={draft.until}
              onInput={(e) => set({ until: e.currentTarget.value })} />
          </Field>
        </div>
      </section>
      {error && !fieldOwned ? <ErrorBanner error={error} testId="care-settings-error" /> : null}
      <div>
        <button type="button" class="btn btn-primary" data-testid="care-settings-save" disabled={busy} onClick={save}>
          {t("care.settings.save")}
        </button>
      </div>
    </div>
  );
}
