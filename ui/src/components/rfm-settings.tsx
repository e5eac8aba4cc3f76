// The RFM thresholds (会员价值分级), under the member list for who may change care settings
// (`manage_care`): days without a visit for at risk and lost, and the visits and spend in the
// last 365 days for high and medium value. Saving re-classes every member at once and says how
// many moved. Amounts are typed in yuan; a refused box is marked with the core's field.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, RfmThresholds } from "../lib/backend/bindings";
import { rfmThresholds, saveRfmThresholds } from "../lib/backend/commands-segments";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { fenToInput, parseYuan } from "../lib/yuan";
import { ErrorBanner } from "./error-banner";
import { MoneyInput } from "./money-input";

type Draft = Record<keyof RfmThresholds, string>;
const DAYS: (keyof RfmThresholds)[] = ["atRiskDays", "lostDays", "highVisits", "mediumVisits"];
const MONEY: (keyof RfmThresholds)[] = ["highSpend", "mediumSpend"];

function read(d: Draft): { ok: true; t: RfmThresholds } | { ok: false; field: string } {
  const out: Partial<RfmThresholds> = {};
  for (const k of DAYS) {
    if (!/^\d{1,4}$/.test(d[k].trim())) return { ok: false, field: k };
    out[k] = Number(d[k].trim());
  }
  for (const k of MONEY) {
    const p = parseYuan(d[k]);
    if (!p.ok) return { ok: false, field: k };
    out[k] = p.fen;
  }
  return { ok: true, t: out as RfmThresholds };
}

export function RfmSettings(props: { notify: (text: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [bad, setBad] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    rfmThresholds().then((r) => setDraft({
      atRiskDays: String(r.atRiskDays), lostDays: String(r.lostDays), highVisits: String(r.highVisits),
      mediumVisits: String(r.mediumVisits), highSpend: fenToInput(r.highSpend), mediumSpend: fenToInput(r.mediumSpend),
    }), (e) => setError(toApiError(e)));
  }, []);

  const save = async () => {
    if (!draft) return;
    const r = read(draft);
    setError(null);
    if (!r.ok) return setBad(r.field);
    setBad(null);
    setBusy(true);
    try {
      const moved = await saveRfmThresholds(r.t);
      props.notify(t("segments.rfm.saved", { n: moved }));
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      setBad(err.field);
    } finally {
      setBusy(false);
    }
  };

  const label = (k: keyof RfmThresholds): MessageKey => `segments.rfm.t.${k}`;
  return (
    <section class="card rfm-settings" data-testid="rfm-settings">
      <h3 class="section-title">{t("segments.rfm.title")}</h3>
      <p class="muted">{t("segments.rfm.intro")}</p>
      {error ? <ErrorBanner error={error} testId="rfm-error" /> : null}
      {draft ? (
        <div class="segment-ranges">
          {DAYS.map((k) => (
            <label key={k} class={`field ${bad === k ? "field-invalid" : ""}`}>
              <span class="field-label">{t(label(k))}</span>
              <input class="input mono" inputMode="numeric" data-testid={`rfm-${k}`} value={draft[k]}
                aria-invalid={bad === k || undefined} onInput={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })} />
            </label>
          ))}
          {MONEY.map((k) => (
            <label key={k} class={`field ${bad === k ? "field-invalid" : ""}`}>
              <span class="field-label">{t(label(k))}</span>
              <MoneyInput id={`rfm-${k}`} testId={`rfm-${k}`} value={draft[k]} invalid={bad === k}
                onValue={(v) => setDraft({ ...draft, [k]: v })} />
            </label>
          ))}
        </div>
      ) : null}
      <div class="admin-toolbar">
        <button type="button" class="btn btn-primary" data-testid="rfm-save" disabled={!draft || busy}
          onClick={() => void save()}>{t("segments.rfm.save")}</button>
      </div>
    </section>
  );
}
