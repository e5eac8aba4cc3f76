// A member's sensitive notes (skin type, allergies, notes) when the core withheld them from the
// logged-in staff member (PIPL): a short note and "Show", which asks the reason (serving her now /
// allergy check before a service / other, with text). The core records the viewing in the audit
// log (the reason's code, never the notes) and answers the notes.
import { useState } from "preact/hooks";
import type { ApiError, RevealReason, SensitiveNotesView } from "../lib/backend/bindings";
import { revealMemberNotes } from "../lib/backend/commands-perms";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

const REASONS: RevealReason[] = ["serving_now", "allergy_check", "other"];

export function SensitiveReveal(props: { memberId: string; onRevealed: (n: SensitiveNotesView) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<RevealReason>("serving_now");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const show = async (e: Event) => {
    e.preventDefault();
    if (reason === "other" && text.trim() === "") {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onRevealed(await revealMemberNotes(props.memberId, { reason, text: text.trim() }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="sensitive-reveal" data-testid="sensitive-hidden" onSubmit={show} noValidate>
      <p class="muted small">{t("perms.sensitive.hidden")}</p>
      <div class="sensitive-reveal-row">
        <label class="field-label" for="f-reveal-reason">{t("perms.sensitive.reason")}</label>
        <select id="f-reveal-reason" class="input" data-testid="sensitive-reason" value={reason} disabled={busy}
          onChange={(e) => { setReason(e.currentTarget.value as RevealReason); setMissing(false); }}>
          {REASONS.map((r) => <option key={r} value={r}>{t(`perms.sensitive.reason.${r}`)}</option>)}
        </select>
        {reason === "other" ? (
          <input class={`input ${missing ? "input-error" : ""}`} data-testid="sensitive-reason-text" maxLength={100}
            placeholder={t("perms.sensitive.otherText")} aria-label={t("perms.sensitive.otherText")} value={text}
            disabled={busy} onInput={(e) => { setText(e.currentTarget.value); setMissing(false); }} />
        ) : null}
        <button type="submit" class="btn btn-secondary" data-testid="sensitive-show" disabled={busy}>
          {t("perms.sensitive.show")}
        </button>
      </div>
      {missing ? <p class="field-error" role="alert">{t("perms.sensitive.otherRequired")}</p> : null}
      <p class="muted small">{t("perms.sensitive.logged")}</p>
      {error ? <ErrorBanner error={error} /> : null}
    </form>
  );
}
