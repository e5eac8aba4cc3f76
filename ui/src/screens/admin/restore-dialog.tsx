// Restore… (owner): the backup's preview read from the file (taken at, store, members, sales,
// last receipt number, its check), a typed confirmation, then the restore with its steps. After
// it everyone logs in again: the staff and their PINs are the backup's now.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, BackupFileView, BackupPreviewView, RestoreDoneView } from "../../lib/backend/bindings";
import { backupStatus, restoreBackup, restorePreview } from "../../lib/backend/commands-backups";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { Dialog } from "../../components/dialog";
import { ErrorBanner } from "../../components/error-banner";
import { megabytes } from "./backups";

export function RestoreDialog(props: { file: BackupFileView; onClose: () => void }) {
  const { t, dateTime, count } = useI18n();
  const [preview, setPreview] = useState<BackupPreviewView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [typed, setTyped] = useState("");
  const [step, setStep] = useState<string | null>(null);
  const [done, setDone] = useState<RestoreDoneView | null>(null);

  useEffect(() => {
    restorePreview(props.file.path).then(setPreview, (e) => setError(toApiError(e)));
  }, [props.file.path]);

  const restore = async () => {
    setError(null);
    setStep("checking");
    try {
      setDone(await restoreBackup(props.file.path, (p) => setStep(p.step)));
    } catch (e) {
      setError(toApiError(e));
      setStep(null);
    }
  };

  // The session ended with the restore: any call now answers not_logged_in, which takes the
  // app back to the login screen (app.tsx's onSessionLost).
  const loginAgain = () => void backupStatus().catch(() => undefined);

  if (done) {
    return (
      <Dialog title={t("backups.restoredTitle")} onClose={loginAgain} testId="restore-done"
        actions={<button type="button" class="btn btn-primary btn-large" data-testid="restore-login-again"
          onClick={loginAgain}>{t("backups.loginAgain")}</button>}>
        <p>{t("backups.restoredBody", { file: done.replacedAside ?? "—" })}</p>
        {done.catchUp ? <p class="muted">{t("backups.previewResync")}</p> : null}
      </Dialog>
    );
  }

  const word = t("backups.confirmWord");
  const running = step !== null;
  return (
    <Dialog title={t("backups.previewTitle")} onClose={running ? () => undefined : props.onClose} testId="restore-dialog" wide
      actions={
        <>
          <button type="button" class="btn btn-secondary btn-large" data-testid="restore-cancel" disabled={running}
            onClick={props.onClose}>{t("backups.cancel")}</button>
          <button type="button" class="btn btn-danger btn-large" data-testid="restore-confirm"
            disabled={running || !preview?.integrityOk || typed.trim() !== word}
            onClick={() => void restore()}>{t("backups.restoreConfirm")}</button>
        </>
      }>
      {preview ? (
        <table class="table" data-testid="restore-preview">
          <tbody>
            <tr><th>{t("backups.previewTaken")}</th><td class="mono" data-testid="restore-taken">{preview.takenAt ? dateTime(preview.takenAt) : "—"}</td></tr>
            <tr><th>{t("backups.previewStore")}</th><td>{preview.storeName || "—"} ({preview.storeCode}-{preview.deviceCode}) · {megabytes(preview.size)}</td></tr>
            <tr><th>{t("backups.previewMembers")}</th><td class="mono" data-testid="restore-members">{count(preview.members)}</td></tr>
            <tr><th>{t("backups.previewSales")}</th><td class="mono" data-testid="restore-sales">{count(preview.sales)}</td></tr>
            <tr><th>{t("backups.previewLastReceipt")}</th><td class="mono" data-testid="restore-last-receipt">{preview.lastReceiptNo ?? "—"}</td></tr>
            <tr><th>{t("backups.previewIntegrity")}</th>
              <td data-testid="restore-integrity" data-ok={preview.integrityOk}>
                {preview.integrityOk ? t("backups.integrityOk") : t("backups.integrityBad")}</td></tr>
          </tbody>
        </table>
      ) : error ? null : <p class="muted">{t("common.loading")}</p>}
      {preview?.integrityOk ? (
        <>
          <div class="banner banner-warn" role="status">{t("backups.previewWarn")}</div>
          {preview.enrolled ? <p class="muted">{t("backups.previewResync")}</p> : null}
          {preview.otherDevice ? (
            <div class="banner banner-warn" role="status" data-testid="restore-other-device">
              {t("backups.previewOtherDevice", { till: `${preview.storeCode}-${preview.deviceCode}` })}
            </div>
          ) : null}
          <div class="field">
            <label class="field-label" for="f-restore-confirm">{t("backups.confirmLabel")}</label>
            <input id="f-restore-confirm" class="input" data-testid="restore-typed" value={typed} disabled={running}
              autocomplete="off" onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
          </div>
        </>
      ) : null}
      {step ? <p role="status" data-testid="restore-step" data-step={step}>{t(`backups.step.${step}` as "backups.step.done")}</p> : null}
      {error ? <ErrorBanner error={error} testId="restore-error" /> : null}
    </Dialog>
  );
}
