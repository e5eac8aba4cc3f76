// One complaint in the back office, handled step by step: taken in hand (its owner is the
// manager who takes it, or one she names), notes of what was done, then resolved (with the
// member's satisfaction with the handling) or closed. Only the moves its status allows are
// offered; the core refuses any other.
import { useEffect, useState } from "preact/hooks";
import type {
  ApiError, ComplaintDetailView, ComplaintStep, Session, StaffBrief,
} from "../lib/backend/bindings";
import { listStaff } from "../lib/backend/commands";
import { complaintDetail, handleComplaint } from "../lib/backend/commands-feedback";
import { toApiError } from "../lib/backend/errors";
import { handlingTime } from "../lib/feedback-words";
import { useI18n } from "../lib/i18n";
import { can } from "../lib/route";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { ScorePicker } from "./score-picker";

type Props = { id: string; session: Session; onClose: () => void; onChanged: () => void };

export function ComplaintDetailDialog(props: Props) {
  const { t, dateTime } = useI18n();
  const [detail, setDetail] = useState<ComplaintDetailView | null>(null);
  const [managers, setManagers] = useState<StaffBrief[]>([]);
  const [owner, setOwner] = useState("");
  const [note, setNote] = useState("");
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const mayHandle = can(props.session, "handle_complaints");

  useEffect(() => {
    complaintDetail(props.id).then(setDetail, (reason: unknown) => setError(toApiError(reason)));
    listStaff().then((s) => setManagers(s.filter((x) => x.role === "owner" || x.role === "manager")), () => setManagers([]));
  }, [props.id]);

  const step = async (s: ComplaintStep) => {
    setBusy(true);
    setError(null);
    try {
      setDetail(await handleComplaint(props.id, {
        step: s, ownerId: s === "take" && owner ? owner : null,
        satisfaction: s === "resolve" ? satisfaction : null, note,
      }));
      setNote("");
      props.onChanged();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const c = detail?.complaint;
  const open = c?.status === "open";
  const inHand = c?.status === "in_progress";
  return (
    <Dialog title={t("feedback.complaint.detailTitle")} onClose={props.onClose} testId="complaint-detail" wide>
      {error ? <ErrorBanner error={error} testId="complaint-detail-error" /> : null}
      {c ? (
        <div data-testid="complaint-detail-body" data-status={c.status}>
          <ul class="fb-list">
            <li><span class="field-label">{t("feedback.complaint.member")}</span> <b>{c.memberName}</b></li>
            <li><span class="field-label">{t("feedback.complaint.kind")}</span> {t(`feedback.complaint.kind.${c.kind}`)}</li>
            <li><span class="field-label">{t("feedback.complaint.statusLabel")}</span>
              <span class="pill" data-testid="complaint-status">{t(`feedback.complaint.status.${c.status}`)}</span></li>
            <li><span class="field-label">{t("feedback.complaint.received")}</span>
              {dateTime(c.receivedAt)}{c.receivedByName ? ` · ${c.receivedByName}` : ""}</li>
            {c.receiptNo ? <li><span class="field-label">{t("feedback.complaint.visit")}</span> <span class="mono">{c.receiptNo}</span></li> : null}
            {c.staffName ? <li><span class="field-label">{t("feedback.complaint.staff")}</span> {c.staffName}</li> : null}
            <li><span class="field-label">{t("feedback.complaint.owner")}</span> {c.ownerName ?? "—"}</li>
            <li><span class="field-label">{t("feedback.complaint.handling")}</span>
              <span data-testid="complaint-handling">{handlingTime(t, c.handlingMinutes)}</span></li>
            {c.satisfaction ? <li><span class="field-label">{t("feedback.complaint.satisfaction")}</span>
              <span data-testid="complaint-satisfaction">{c.satisfaction}</span></li> : null}
          </ul>
          <p class="fb-desc">{c.description}</p>
          <h3 class="field-label">{t("feedback.complaint.actions")}</h3>
          {detail.actions.length === 0 ? <p class="muted small">{t("feedback.complaint.noActions")}</p> : (
            <ul class="fb-list" data-testid="complaint-actions">
              {detail.actions.map((a) => (
                <li key={a.id} data-testid="complaint-action">
                  <span class="mono small muted">{dateTime(a.createdAt)}</span>
                  {a.staffName ? <b>{a.staffName}</b> : null}
                  {a.status ? <span class="pill">{t(`feedback.complaint.status.${a.status}`)}</span> : null}
                  <span class="fb-desc">{a.note}</span>
                </li>
              ))}
            </ul>
          )}
          {mayHandle && (open || inHand) ? (
            <div class="fb-rating">
              {open ? (
                <div class="fb-actions">
                  <select class="input" data-testid="complaint-owner" value={owner} aria-label={t("feedback.complaint.owner")}
                    onChange={(e) => setOwner(e.currentTarget.value)}>
                    <option value="">{t("feedback.complaint.ownerMe")}</option>
                    {managers.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
                  </select>
                  <button type="button" class="btn btn-primary" data-testid="complaint-take" disabled={busy}
                    onClick={() => void step("take")}>{t("feedback.complaint.take")}</button>
                </div>
              ) : (<>
                <label class="field">
                  <span class="field-label">{t("feedback.complaint.note")}</span>
                  <textarea class="input fb-textarea" data-testid="complaint-note" value={note} maxLength={2000}
                    onInput={(e) => setNote(e.currentTarget.value)} />
                </label>
                <div class="fb-rating-row">
                  <span class="field-label">{t("feedback.complaint.satisfaction")}</span>
                  <ScorePicker value={satisfaction} onChange={setSatisfaction} testId="complaint-satisfaction-pick"
                    label={t("feedback.complaint.satisfaction")} />
                </div>
                <div class="fb-actions">
                  <button type="button" class="btn btn-secondary" data-testid="complaint-add-note"
                    disabled={busy || !note.trim()} onClick={() => void step("note")}>{t("feedback.complaint.addNote")}</button>
                  <button type="button" class="btn btn-primary" data-testid="complaint-resolve"
                    disabled={busy || !note.trim() || satisfaction === null}
                    onClick={() => void step("resolve")}>{t("feedback.complaint.resolve")}</button>
                  <button type="button" class="btn btn-danger-outline" data-testid="complaint-close"
                    disabled={busy || !note.trim()} onClick={() => void step("close")}>{t("feedback.complaint.close")}</button>
                </div>
              </>)}
            </div>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
