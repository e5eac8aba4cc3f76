// One appointment (预约详情): who, what, when, the actions its status allows (confirm, arrived,
// start service, complete, cancel with a reason, no-show), its history, and 收银 Check out,
// which opens the checkout with the appointment's cart.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, AppointmentStatus, AppointmentView, HistoryEntryView } from "../lib/backend/bindings";
import { appointmentHistory, getAppointment, setAppointmentStatus } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { hhmm } from "../lib/calendar";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { TierBadge } from "./tier-badge";

type Props = {
  id: string;
  onClose: () => void;
  onChanged: (a: AppointmentView) => void;
  onCheckout: (a: AppointmentView) => void;
  onProfile: (memberId: string) => void;
};

type Action = { to: AppointmentStatus; label: string; testId: string; primary?: boolean; danger?: boolean };

export function AppointmentDetail(props: Props) {
  const { t, dateTime, date } = useI18n();
  const [appt, setAppt] = useState<AppointmentView | null>(null);
  const [history, setHistory] = useState<HistoryEntryView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);

  const load = async () => {
    try {
      const [a, h] = await Promise.all([getAppointment(props.id), appointmentHistory(props.id)]);
      setAppt(a);
      setHistory(h);
    } catch (reason) {
      setError(toApiError(reason));
    }
  };
  useEffect(() => void load(), [props.id]);

  const change = async (to: AppointmentStatus, why: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const a = await setAppointmentStatus(props.id, to, why);
      setAppt(a);
      setCancelling(false);
      props.onChanged(a);
      setHistory(await appointmentHistory(props.id));
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const actions = (s: AppointmentStatus): Action[] => {
    const confirm: Action = { to: "confirmed", label: t("detail.confirm"), testId: "appt-confirm" };
    const arrive: Action = { to: "arrived", label: t("detail.arrive"), testId: "appt-arrive", primary: true };
    const noShow: Action = { to: "no_show", label: t("detail.noShow"), testId: "appt-no-show", danger: true };
    switch (s) {
      case "booked": return [arrive, confirm, noShow];
      case "confirmed": return [arrive, noShow];
      case "arrived": return [{ to: "in_service", label: t("detail.start"), testId: "appt-start" }];
      case "in_service": return [{ to: "completed", label: t("detail.complete"), testId: "appt-complete" }];
      default: return [];
    }
  };

  const canCancel = appt && (appt.status === "booked" || appt.status === "confirmed" || appt.status === "arrived");
  const canCheckout = appt && !appt.saleId && (appt.status === "arrived" || appt.status === "in_service");

  const submitCancel = () => {
    if (reason.trim() === "") {
      setReasonError(t("detail.reasonRequired"));
      return;
    }
    void change("cancelled", reason.trim());
  };

  const historyText = (h: HistoryEntryView) => {
    if (h.action === "status") {
      return t("detail.h.status", { from: h.fromStatus ? t(`appt.status.${h.fromStatus}`) : "", to: t(`appt.status.${h.toStatus}`) });
    }
    return t(`detail.h.${h.action}`);
  };

  return (
    <Dialog title={t("detail.title")} onClose={props.onClose} testId="appt-detail" wide
      actions={appt ? (cancelling ? (
        <>
          <button type="button" class="btn btn-secondary" onClick={() => setCancelling(false)}>{t("detail.back")}</button>
          <button type="button" class="btn btn-danger" data-testid="appt-cancel-submit" disabled={busy} onClick={submitCancel}>
            {t("detail.doCancel")}
          </button>
        </>
      ) : (
        <>
          {canCancel ? (
            <button type="button" class="btn btn-danger-outline detail-cancel" data-testid="appt-cancel" disabled={busy}
              onClick={() => { setCancelling(true); setReasonError(null); }}>{t("detail.cancel")}</button>
          ) : null}
          {actions(appt.status).map((a) => (
            <button key={a.to} type="button" data-testid={a.testId} disabled={busy}
              class={`btn ${a.danger ? "btn-danger-outline" : a.primary && !canCheckout ? "btn-primary" : "btn-secondary"}`}
              onClick={() => void change(a.to, null)}>{a.label}</button>
          ))}
          {canCheckout ? (
            <button type="button" class="btn btn-primary" data-testid="appt-checkout" onClick={() => props.onCheckout(appt)}>
              {t("detail.checkout")}
            </button>
          ) : null}
        </>
      )) : null}>
      {error ? <ErrorBanner error={error} testId="appt-detail-error" text={error.code === "validation" ? error.message : undefined} /> : null}
      {!appt ? (error ? null : <p class="muted">{t("common.loading")}</p>) : (
        <div class="appt-detail" data-id={appt.id} data-status={appt.status}>
          <div class="appt-detail-head">
            <span class="avatar" aria-hidden="true">{[...appt.clientName][0]}</span>
            <div class="appt-detail-who">
              <div class="appt-detail-name">
                <span>{appt.clientName}</span>
                {appt.memberTier ? <TierBadge tier={appt.memberTier} /> : <span class="chip">{t("appt.walkIn")}</span>}
              </div>
              {appt.memberId ? (
                <button type="button" class="link-button small" onClick={() => props.onProfile(appt.memberId!)}>{t("detail.profile")}</button>
              ) : null}
            </div>
            <span class={`status-pill status-${appt.status}`} data-testid="appt-detail-status">{t(`appt.status.${appt.status}`)}</span>
          </div>
          <dl class="kv appt-kv">
            <dt>{t("detail.time")}</dt>
            <dd class="mono">{date(appt.start)} {hhmm(appt.startMin)}–{hhmm(appt.endMin)}</dd>
            <dt>{t("detail.service")}</dt><dd>{appt.serviceName}</dd>
            <dt>{t("detail.staff")}</dt><dd>{appt.staffName}</dd>
            {appt.roomName ? <><dt>{t("detail.room")}</dt><dd>{appt.roomName}</dd></> : null}
            {appt.phone ? <><dt>{t("detail.phone")}</dt><dd class="mono">{appt.phone}</dd></> : null}
            {appt.notes ? <><dt>{t("detail.notes")}</dt><dd>{appt.notes}</dd></> : null}
            {appt.cancelReason ? <><dt>{t("detail.cancelReason")}</dt><dd>{appt.cancelReason}</dd></> : null}
            {appt.saleId ? <><dt>{t("detail.checkout")}</dt><dd>{t("detail.paid", { no: appt.saleId.slice(0, 8) })}</dd></> : null}
          </dl>
          {cancelling ? (
            <Field id="appt-cancel-reason" label={t("detail.reason")} hint={t("detail.reasonHint")}
              error={reasonError ? { text: reasonError } : undefined}>
              <input class="input" id="f-appt-cancel-reason" data-testid="appt-cancel-reason" value={reason} data-autofocus
                onInput={(e) => { setReason(e.currentTarget.value); setReasonError(null); }}
                onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); submitCancel(); } }} />
            </Field>
          ) : null}
          <section class="appt-history">
            <h3 class="section-title">{t("detail.history")}</h3>
            {history && history.length === 0 ? <p class="muted small">{t("detail.noHistory")}</p> : null}
            <ol class="appt-history-list" data-testid="appt-history">
              {(history ?? []).map((h, i) => (
                <li key={i} class="appt-history-item">
                  <span class="appt-history-what">{historyText(h)}</span>
                  {h.detail ? <span class="muted small">{h.detail}</span> : null}
                  {h.reason ? <span class="small">“{h.reason}”</span> : null}
                  <span class="muted small mono">{dateTime(h.at)} · {h.staffName}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </Dialog>
  );
}
