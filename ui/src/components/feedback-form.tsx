// A visit's rating: the visit 1–5, each beautician who served 1–5, a comment. Shared by the
// done panel's "How was it?" and the FeedbackDialog (follow-up call, profile, sale detail).
// What was typed stays when the save is refused; the error sits on its field.
import { useState } from "preact/hooks";
import type { ApiError, FeedbackFormView, FeedbackSource, VisitFeedbackView } from "../lib/backend/bindings";
import { recordFeedback } from "../lib/backend/commands-feedback";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import { ScorePicker } from "./score-picker";

type Props = {
  form: FeedbackFormView;
  source: FeedbackSource;
  onSaved: (f: VisitFeedbackView) => void;
  /** Extra buttons beside Save (a dialog's Cancel). */
  extra?: preact.ComponentChildren;
};

export function FeedbackForm(props: Props) {
  const { t } = useI18n();
  const { form } = props;
  const [score, setScore] = useState<number | null>(form.existing?.score ?? null);
  const [staff, setStaff] = useState<Record<string, number>>(() =>
    Object.fromEntries(form.staff.filter((s) => s.score !== null).map((s) => [s.staffId, s.score as number])));
  const [comment, setComment] = useState(form.existing?.comment ?? "");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (score === null) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await recordFeedback({
        saleId: form.saleId,
        score,
        staffScores: Object.entries(staff).map(([staffId, s]) => ({ staffId, score: s })),
        comment,
        source: props.source,
      });
      props.onSaved(saved);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error?.field === field ? error : null);

  return (
    <div class="fb-rating" data-testid="feedback-form" data-sale-id={form.saleId}>
      <div class="fb-rating-row">
        <span class="fb-rating-name field-label">{t("feedback.visit")}</span>
        <ScorePicker value={score} onChange={setScore} testId="feedback-score" label={t("feedback.visit")} />
      </div>
      {form.staff.map((s) => (
        <div class="fb-rating-row" key={s.staffId} data-testid="feedback-staff" data-name={s.name}>
          <span class="fb-rating-name">{s.name}</span>
          <ScorePicker value={staff[s.staffId] ?? null} testId={`feedback-staff-score-${s.name}`}
            label={t("feedback.staffScore", { name: s.name })}
            onChange={(n) => setStaff({ ...staff, [s.staffId]: n })} />
        </div>
      ))}
      {fieldError("staffScores") ? <ErrorBanner error={error as ApiError} testId="feedback-staff-error" /> : null}
      <label class="field">
        <span class="field-label">{t("feedback.comment")}</span>
        <input class="input" data-testid="feedback-comment" value={comment} maxLength={500}
          placeholder={t("feedback.commentHint")} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      {error && !fieldError("staffScores") ? <ErrorBanner error={error} testId="feedback-error" /> : null}
      <div class="fb-actions">
        {props.extra}
        <button type="button" class="btn btn-primary" data-testid="feedback-save" disabled={busy || score === null}
          onClick={() => void save()}>{t("feedback.save")}</button>
      </div>
    </div>
  );
}
