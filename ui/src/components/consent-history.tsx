// A member's marketing consent (营销授权) on her profile: a short history (when, given or
// withdrawn, how, by whom) and, for whoever may edit her, a dialog to record a change saying
// how she gave or withdrew it. The core records every change, whichever screen made it.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ConsentHow, ConsentRecordView } from "../lib/backend/bindings";
import { consentHistory, setMarketingConsent } from "../lib/backend/commands-privacy";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";

/** The ways a person can record at the desk (merges and erasures record themselves). */
const HOWS: readonly ConsentHow[] = ["desk_form", "paper_form", "verbal", "message"];
/** How many lines the profile shows. */
const SHORT = 5;

type Props = {
  memberId: string;
  consent: boolean;
  mayEdit: boolean;
  onChanged: (consent: boolean) => void;
};

export function ConsentHistory(props: Props) {
  const { t, dateTime } = useI18n();
  const [history, setHistory] = useState<ConsentRecordView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState(false);
  const [consent, setConsent] = useState(props.consent);
  const [how, setHow] = useState<ConsentHow>("desk_form");
  const [busy, setBusy] = useState(false);

  // Another member: start empty. The same member's consent changed (by this dialog, which
  // already holds the new history, or by the edit form): keep showing the history until the
  // fresh one arrives, so the list never blinks empty; a late answer for an older ask is dropped.
  useEffect(() => setHistory(null), [props.memberId]);
  useEffect(() => {
    let live = true;
    consentHistory(props.memberId).then(
      (rows) => { if (live) setHistory(rows); },
      (reason: unknown) => { if (live) setError(toApiError(reason)); },
    );
    return () => { live = false; };
  }, [props.memberId, props.consent]);

  const howWords = (h: string) =>
    h.match(/^[a-z_]+$/) ? t(`privacy.how.${h}` as MessageKey) : h;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      setHistory(await setMarketingConsent(props.memberId, { consent, how }));
      setOpen(false);
      props.onChanged(consent);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="consent-history" data-testid="consent-history" data-state={history === null ? "loading" : "ready"}>
      <h3 class="field-label">{t("privacy.consent.title")}</h3>
      {error && !open ? <ErrorBanner error={error} testId="consent-error" /> : null}
      {history?.length === 0 ? <p class="muted small" data-testid="consent-empty">{t("privacy.consent.empty")}</p> : null}
      {history && history.length > 0 ? (
        <ul class="consent-list">
          {history.slice(0, SHORT).map((r) => (
            <li key={`${r.at}-${r.how}`} data-testid="consent-row" data-consent={r.consent}>
              <span class={`pill ${r.consent ? "pill-ok" : ""}`}>
                {r.consent ? t("privacy.consent.given") : t("privacy.consent.withdrawn")}
              </span>{" "}
              <span class="mono small">{dateTime(r.at)}</span>{" · "}
              <span>{howWords(r.how)}</span>
              {r.staffName ? <span class="muted small"> · {t("privacy.consent.by", { name: r.staffName })}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {props.mayEdit ? (
        <button type="button" class="btn btn-ghost" data-testid="consent-change"
          onClick={() => { setConsent(!props.consent); setError(null); setOpen(true); }}>
          {t("privacy.consent.change")}
        </button>
      ) : null}
      {open ? (
        <Dialog title={t("privacy.consent.dialogTitle")} onClose={() => setOpen(false)} testId="consent-dialog"
          actions={<>
            <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>{t("common.cancel")}</button>
            <button type="button" class="btn btn-primary" data-testid="consent-save" disabled={busy}
              onClick={() => void save()}>{t("privacy.consent.save")}</button>
          </>}>
          <fieldset class="field consent-choice">
            <legend class="field-label">{t("privacy.consent.state")}</legend>
            <label class="radio-row">
              <input type="radio" name="consent" checked={consent} data-testid="consent-give"
                onChange={() => setConsent(true)} /> {t("privacy.consent.gives")}
            </label>
            <label class="radio-row">
              <input type="radio" name="consent" checked={!consent} data-testid="consent-withdraw"
                onChange={() => setConsent(false)} /> {t("privacy.consent.withdraws")}
            </label>
          </fieldset>
          <label class="field">
            <span class="field-label">{t("privacy.consent.how")}</span>
            <select class="input" data-testid="consent-how" value={how}
              onChange={(e) => setHow(e.currentTarget.value as ConsentHow)}>
              {HOWS.map((h) => <option key={h} value={h}>{t(`privacy.how.${h}`)}</option>)}
            </select>
          </label>
          <p class="muted small">{t("privacy.consent.serviceNote")}</p>
          {error ? <ErrorBanner error={error} testId="consent-dialog-error" /> : null}
        </Dialog>
      ) : null}
    </div>
  );
}
