// A member's complaints and ratings on her profile: her open complaints (a warning: the desk
// treats her with care until they are resolved), recording a new one, and rating a visit.
// `OpenComplaintsChip`: the same warning, small, beside the member in the cart.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ComplaintView } from "../lib/backend/bindings";
import { memberOpenComplaints } from "../lib/backend/commands-feedback";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ComplaintDialog } from "./complaint-dialog";
import { ErrorBanner } from "./error-banner";
import { FeedbackDialog } from "./feedback-dialog";
import { AlertIcon } from "./icons";
import "../styles/feedback.css";

function useOpenComplaints(memberId: string, tick: number) {
  const [rows, setRows] = useState<ComplaintView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    memberOpenComplaints(memberId).then(
      (r) => { if (live) { setRows(r); setError(null); } },
      (reason: unknown) => { if (live) setError(toApiError(reason)); },
    );
    return () => { live = false; };
  }, [memberId, tick]);
  return { rows, error };
}

export function MemberComplaints(props: { memberId: string; archived?: boolean; notify?: (text: string) => void }) {
  const { t, dateTime } = useI18n();
  const [tick, setTick] = useState(0);
  const [dialog, setDialog] = useState<"complaint" | "rating" | null>(null);
  const { rows, error } = useOpenComplaints(props.memberId, tick);

  return (
    <section class="card" data-testid="member-complaints" data-state={rows === null ? "loading" : "ready"}
      data-open={rows?.length ?? 0}>
      <h2 class="section-title">{t("feedback.complaint.cardTitle")}</h2>
      {error ? <ErrorBanner error={error} testId="member-complaints-error" /> : null}
      {rows && rows.length === 0 ? <p class="muted small" data-testid="member-complaints-none">{t("feedback.complaint.noneOpen")}</p> : null}
      {rows && rows.length > 0 ? (
        <ul class="fb-list">
          {rows.map((c) => (
            <li key={c.id} data-testid="member-complaint" data-status={c.status} data-kind={c.kind}>
              <span class="pill pill-warn">{t(`feedback.complaint.status.${c.status}`)}</span>
              <b>{t(`feedback.complaint.kind.${c.kind}`)}</b>
              <span class="mono small muted">{dateTime(c.receivedAt)}</span>
              <span class="fb-desc small">{c.description}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {props.archived ? null : (
        <div class="fb-actions">
          <button type="button" class="btn btn-secondary" data-testid="complaint-record" onClick={() => setDialog("complaint")}>
            {t("feedback.complaint.record")}
          </button>
          <button type="button" class="btn btn-ghost" data-testid="feedback-rate-visit" onClick={() => setDialog("rating")}>
            {t("feedback.rateVisit")}
          </button>
        </div>
      )}
      {dialog === "complaint" ? (
        <ComplaintDialog memberId={props.memberId} onClose={() => setDialog(null)}
          onSaved={() => { setDialog(null); setTick(tick + 1); props.notify?.(t("feedback.complaint.saved")); }} />
      ) : null}
      {dialog === "rating" ? (
        <FeedbackDialog memberId={props.memberId} onClose={() => setDialog(null)}
          onSaved={() => { setDialog(null); props.notify?.(t("feedback.saved")); }} />
      ) : null}
    </section>
  );
}

/** The cart's warning: she has complaints not yet resolved. Nothing when she has none. */
export function OpenComplaintsChip(props: { memberId: string }) {
  const { t } = useI18n();
  const { rows } = useOpenComplaints(props.memberId, 0);
  if (!rows || rows.length === 0) return null;
  return (
    <span class="chip fb-chip-warn" data-testid="cart-complaints-chip" data-count={rows.length}
      title={rows.map((c) => t(`feedback.complaint.kind.${c.kind}`)).join(" · ")}>
      <AlertIcon size={16} /> {t("feedback.complaint.chip", { n: rows.length })}
    </span>
  );
}
