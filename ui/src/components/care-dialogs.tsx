// The dialogs of a care task: done with an outcome and a note (a booking is made in the booking
// dialog and linked), later (to a date), reassign (to a staff member or back to the store's list).
// Each keeps what was typed after an error and shows the error on its field or as a banner.
import { useState } from "preact/hooks";
import type { ApiError, CareOutcome, CareView, StaffBrief } from "../lib/backend/bindings";
import { completeCareTask, reassignCareTask, snoozeCareTask } from "../lib/backend/commands-care";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";

const OUTCOMES: CareOutcome[] = ["reached", "no_answer", "booked", "not_interested"];

function fieldError(error: ApiError | null, field: string, text: string) {
  return error?.code === "validation" && error.field === field ? { text, detail: error.message } : undefined;
}

type DoneProps = {
  task: CareView;
  onBook: (task: CareView, note: string) => void;
  /** Rate the visit she was called about (the feedback dialog), then back here. */
  onRate?: (task: CareView) => void;
  onDone: () => void;
  onClose: () => void;
};

export function CareDoneDialog(props: DoneProps) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<CareOutcome>("reached");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const save = async () => {
    if (outcome === "booked") {
      props.onBook(props.task, note);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await completeCareTask(props.task.id, outcome, note, null);
      props.onDone();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const noteError = fieldError(error, "note", t("error.validation"));
  return (
    <Dialog title={t("care.doneTitle", { name: props.task.memberName })} onClose={props.onClose} testId="care-done-dialog"
      actions={<>
        <button type="button" class="btn btn-ghost" onClick={props.onClose}>{t("care.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="care-done-save" disabled={busy} onClick={save}>
          {outcome === "booked" ? t("care.bookNow") : t("care.save")}
        </button>
      </>}>
      <p class="care-dialog-phone" data-testid="care-dialog-phone">{props.task.phone}</p>
      <fieldset class="consent-choice">
        <legend class="field-label">{t("care.outcome")}</legend>
        {OUTCOMES.map((o) => (
          <label key={o} class="radio-row">
            <input type="radio" name="care-outcome" value={o} checked={outcome === o} data-testid={`care-outcome-${o}`}
              onChange={() => setOutcome(o)} />
            {t(`care.outcome.${o}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <Field id="care-note" label={t("care.note")} error={noteError}>
        <textarea id="f-care-note" class="input" rows={3} maxLength={500} data-testid="care-note" value={note}
          placeholder={t("care.notePlaceholder")} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      {props.onRate && props.task.kind === "post_visit" ? (
        <button type="button" class="btn btn-secondary" data-testid="care-rate-visit"
          onClick={() => props.onRate?.(props.task)}>{t("care.rateVisit")}</button>
      ) : null}
      {error && !noteError ? <ErrorBanner error={error} testId="care-done-error" /> : null}
    </Dialog>
  );
}

type SnoozeProps = { task: CareView; initial: string; onDone: (until: string) => void; onClose: () => void };

export function CareSnoozeDialog(props: SnoozeProps) {
  const { t } = useI18n();
  const [until, setUntil] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await snoozeCareTask(props.task.id, until);
      props.onDone(until);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const untilError = fieldError(error, "until", t("error.validation"));
  return (
    <Dialog title={t("care.snoozeTitle")} onClose={props.onClose} testId="care-snooze-dialog"
      actions={<>
        <button type="button" class="btn btn-ghost" onClick={props.onClose}>{t("care.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="care-snooze-save" disabled={busy} onClick={save}>{t("care.save")}</button>
      </>}>
      <Field id="care-until" label={t("care.snoozeUntil")} error={untilError}>
        <input id="f-care-until" type="date" class="input" data-testid="care-until" value={until}
          onInput={(e) => setUntil(e.currentTarget.value)} />
      </Field>
      {error && !untilError ? <ErrorBanner error={error} testId="care-snooze-error" /> : null}
    </Dialog>
  );
}

type ReassignProps = { task: CareView; staff: StaffBrief[]; onDone: () => void; onClose: () => void };

export function CareReassignDialog(props: ReassignProps) {
  const { t } = useI18n();
  const [to, setTo] = useState(props.task.assignedStaffId ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await reassignCareTask(props.task.id, to || null);
      props.onDone();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("care.reassignTitle", { name: props.task.memberName })} onClose={props.onClose} testId="care-reassign-dialog"
      actions={<>
        <button type="button" class="btn btn-ghost" onClick={props.onClose}>{t("care.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="care-reassign-save" disabled={busy} onClick={save}>{t("care.save")}</button>
      </>}>
      <Field id="care-staff" label={t("care.reassignTo")} error={fieldError(error, "staffId", t("error.validation"))}>
        <select id="f-care-staff" class="input" data-testid="care-staff" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
          <option value="">{t("care.reassignNobody")}</option>
          {props.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </Field>
      {error && error.field !== "staffId" ? <ErrorBanner error={error} testId="care-reassign-error" /> : null}
    </Dialog>
  );
}
