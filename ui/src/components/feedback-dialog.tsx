// A visit's rating in a dialog: from the follow-up call (the care screen opens it with the
// visit), the member's profile or a sale's detail. Without `saleId` she picks one of the
// member's recent visits first.
import { useEffect, useState } from "preact/hooks";
import type {
  ApiError, FeedbackFormView, FeedbackSource, SaleSummaryView, VisitFeedbackView,
} from "../lib/backend/bindings";
import { recentSales } from "../lib/backend/commands";
import { feedbackForm } from "../lib/backend/commands-feedback";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { FeedbackForm } from "./feedback-form";

type Props = {
  memberId: string;
  saleId?: string;
  /** Where it is entered (default: the follow-up call with a visit given, else later). */
  source?: FeedbackSource;
  onClose: () => void;
  onSaved: (f: VisitFeedbackView) => void;
};

export function FeedbackDialog(props: Props) {
  const { t, dateTime, money } = useI18n();
  const [saleId, setSaleId] = useState<string | null>(props.saleId ?? null);
  const [visits, setVisits] = useState<SaleSummaryView[] | null>(null);
  const [form, setForm] = useState<FeedbackFormView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (props.saleId) return;
    recentSales(props.memberId, 20).then(
      (rows) => setVisits(rows.filter((r) => r.kind === "sale" && !r.fullyRefunded)),
      (reason: unknown) => setError(toApiError(reason)),
    );
  }, [props.memberId, props.saleId]);

  useEffect(() => {
    setForm(null);
    setError(null);
    if (!saleId) return;
    let live = true;
    feedbackForm(saleId).then(
      (f) => { if (live) setForm(f); },
      (reason: unknown) => { if (live) setError(toApiError(reason)); },
    );
    return () => { live = false; };
  }, [saleId]);

  const source = props.source ?? (props.saleId ? "follow_up" : "later");
  return (
    <Dialog title={t("feedback.dialogTitle")} onClose={props.onClose} testId="feedback-dialog">
      {props.saleId ? null : (
        <label class="field">
          <span class="field-label">{t("feedback.pickVisit")}</span>
          <select class="input" data-testid="feedback-visit" value={saleId ?? ""}
            onChange={(e) => setSaleId(e.currentTarget.value || null)}>
            <option value="">{visits === null ? "…" : visits.length === 0 ? t("feedback.noVisits") : "—"}</option>
            {(visits ?? []).map((v) => (
              <option key={v.id} value={v.id}>{`${dateTime(v.createdAt)} · ${v.receiptNo} · ${money(v.total)}`}</option>
            ))}
          </select>
        </label>
      )}
      {error ? (
        <ErrorBanner error={error} testId="feedback-dialog-error"
          text={error.field === "saleId" ? t("feedback.notAVisit") : undefined} />
      ) : null}
      {form ? (
        <FeedbackForm key={form.saleId} form={form} source={source} onSaved={props.onSaved}
          extra={<button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>} />
      ) : null}
    </Dialog>
  );
}

/** "Rate" on a sale's detail: opens the rating of that visit (entered later). */
export function RateVisitButton(props: { saleId: string; memberId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <button type="button" class="btn btn-secondary btn-small" data-testid="sale-rate" onClick={() => setOpen(true)}>
        {saved ? t("feedback.saved") : t("feedback.rateVisit")}
      </button>
      {open ? (
        <FeedbackDialog memberId={props.memberId} saleId={props.saleId} source="later" onClose={() => setOpen(false)}
          onSaved={() => { setOpen(false); setSaved(true); }} />
      ) : null}
    </>
  );
}
