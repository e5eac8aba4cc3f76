// The staff list's confirmations: deactivating or reactivating someone, and resetting her PIN
// (the temporary PIN the core makes is shown here once, then forgotten).
import { useState } from "preact/hooks";
import type { ApiError, StaffRecordView } from "../lib/backend/bindings";
import { resetStaffPin, setStaffActive } from "../lib/backend/commands-staff-admin";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { staffRefusedText } from "./staff-dialog";

export function ActiveDialog(props: {
  row: StaffRecordView; onClose: () => void; onDone: (r: StaffRecordView) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const deactivating = props.row.active;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onDone(await setStaffActive(props.row.id, !deactivating));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={deactivating ? t("staffAdmin.deactivateTitle", { name: props.row.name })
      : t("staffAdmin.reactivateTitle", { name: props.row.name })}
      onClose={props.onClose} testId="staff-active-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="button" class={`btn ${deactivating ? "btn-danger" : "btn-primary"}`} data-testid="staff-active-confirm"
          disabled={busy} onClick={() => void confirm()}>
          {deactivating ? t("staffAdmin.deactivate") : t("staffAdmin.reactivate")}
        </button>
      </>}>
      <p>{deactivating ? t("staffAdmin.deactivateWhy") : t("staffAdmin.reactivateWhy")}</p>
      {error ? <ErrorBanner error={error} testId="staff-active-error" text={staffRefusedText(t, error)} /> : null}
    </Dialog>
  );
}

export function ResetPinDialog(props: { row: StaffRecordView; onClose: () => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      setPin(await resetStaffPin(props.row.id));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  // Closing forgets the PIN: it is in this dialog's state only.
  return (
    <Dialog title={t("staffAdmin.resetTitle", { name: props.row.name })} onClose={props.onClose}
      testId="staff-reset-dialog"
      actions={pin === null ? <>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="staff-reset-confirm" disabled={busy}
          onClick={() => void reset()}>{t("staffAdmin.resetPin")}</button>
      </> : (
        <button type="button" class="btn btn-primary" data-testid="staff-reset-done" onClick={props.onClose}>
          {t("staffAdmin.resetDone")}
        </button>
      )}>
      {pin === null ? <p>{t("staffAdmin.resetWhy")}</p> : (
        <div class="temp-pin-box">
          <p>{t("staffAdmin.resetShown", { name: props.row.name })}</p>
          <div class="temp-pin" data-testid="staff-temp-pin" aria-live="polite">{pin}</div>
          <p class="muted small">{t("staffAdmin.resetOnce")}</p>
        </div>
      )}
      {error ? <ErrorBanner error={error} testId="staff-reset-error" text={staffRefusedText(t, error)} /> : null}
    </Dialog>
  );
}
