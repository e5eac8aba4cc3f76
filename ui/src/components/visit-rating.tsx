// "How was it?" on the done panel: a compact rating of the visit just paid, while she is still
// at the desk. A sale without a service is no visit: nothing is shown for it.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, FeedbackFormView, VisitFeedbackView } from "../lib/backend/bindings";
import { feedbackForm } from "../lib/backend/commands-feedback";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import { FeedbackForm } from "./feedback-form";

export function VisitRating(props: { saleId: string }) {
  const { t } = useI18n();
  const [form, setForm] = useState<FeedbackFormView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<VisitFeedbackView | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let live = true;
    setForm(null);
    setSaved(null);
    setError(null);
    setOpen(false);
    feedbackForm(props.saleId).then(
      (f) => { if (live) setForm(f); },
      (reason: unknown) => { if (live) setError(toApiError(reason)); },
    );
    return () => { live = false; };
  }, [props.saleId]);

  // Not a visit (a product, a top-up): no rating to ask for.
  if (error?.field === "saleId") return null;
  return (
    <div class="fb-done-rating" data-testid="visit-rating">
      {error ? <ErrorBanner error={error} testId="visit-rating-error" /> : null}
      {saved ? (
        <p data-testid="rating-saved" data-score={saved.score}>
          {t("feedback.thanks", { grade: t(`feedback.grade.${saved.grade}`) })}
        </p>
      ) : form && !open ? (
        <button type="button" class="btn btn-secondary" data-testid="visit-rating-open" onClick={() => setOpen(true)}>
          {t("feedback.howWasIt")}
        </button>
      ) : form ? (
        <>
          <h3 class="field-label">{t("feedback.howWasIt")}</h3>
          <FeedbackForm form={form} source="checkout" onSaved={setSaved} />
        </>
      ) : null}
    </div>
  );
}
