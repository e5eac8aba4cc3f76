// First run → "Restore from a backup" (a new PC after a dead disk, or the store moved): the backup
// file (its key file salondesk-<store>.key must be in the same folder, as every backup leaves it),
// the owner's database passphrase, the backup's preview (taken at, members, sales, last receipt
// number), then the restore. The backend allows it only while the till has no staff yet. After it
// the backup's owner logs in with her PIN (the app boots again).
import { useState } from "preact/hooks";
import type { ApiError, BackupPreviewView, RestoreDoneView } from "../lib/backend/bindings";
import { newPcRestore, newPcRestorePreview } from "../lib/backend/commands-new-pc";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { ErrorBanner } from "../components/error-banner";
import { Field, type FieldError } from "../components/field";

type Errors = Partial<Record<"file" | "passphrase", FieldError>>;

/** The refusals that are about the chosen file, said on its field. */
const FILE_REASONS = ["not_a_backup", "no_key_file", "newer", "integrity"];

export function RestoreNewPc(props: { onBack: () => void; onRestored: () => void }) {
  const { t, dateTime, count } = useI18n();
  const [file, setFile] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<BackupPreviewView | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<string | null>(null);
  const [done, setDone] = useState<RestoreDoneView | null>(null);

  const show = (cause: unknown) => {
    const error = toApiError(cause);
    if (error.code === "wrong_passphrase") setErrors({ passphrase: { text: t("error.wrong_passphrase") } });
    else if (error.code === "restore_refused" && FILE_REASONS.includes(error.reason ?? "")) {
      setErrors({ file: { text: t(`newPc.reason.${error.reason}` as MessageKey), detail: error.message } });
    } else setFailure(error);
  };

  const look = async (ev: Event) => {
    ev.preventDefault();
    setErrors({});
    setFailure(null);
    setPreview(null);
    if (file.trim() === "") {
      setErrors({ file: { text: t("newPc.fileRequired") } });
      return;
    }
    setBusy(true);
    try {
      setPreview(await newPcRestorePreview(file.trim(), passphrase));
    } catch (cause) {
      show(cause);
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    setFailure(null);
    setBusy(true);
    setStep("checking");
    try {
      setDone(await newPcRestore(file.trim(), passphrase, (p) => setStep(p.step)));
    } catch (cause) {
      show(cause);
      setStep(null);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <main class="center-screen">
        <div class="card auth-card" data-testid="new-pc-done">
          <h1>{t("backups.restoredTitle")}</h1>
          <p>{t("newPc.doneBody")}</p>
          {done.catchUp ? <p class="muted">{t("backups.previewResync")}</p> : null}
          <button type="button" class="btn btn-primary btn-large btn-block" data-testid="new-pc-login" onClick={props.onRestored}>
            {t("newPc.login")}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main class="center-screen">
      <form class="card auth-card" onSubmit={look} noValidate data-testid="new-pc-restore">
        <h1>{t("newPc.title")}</h1>
        <p class="muted">{t("newPc.intro")}</p>
        <Field id="new-pc-file" label={t("newPc.file")} hint={t("newPc.fileHint")} error={errors.file}>
          <input id="f-new-pc-file" class="input" data-testid="new-pc-file" value={file} spellcheck={false} autoFocus
            autocomplete="off" disabled={busy} onInput={(e) => { setFile(e.currentTarget.value); setPreview(null); }} />
        </Field>
        <Field id="new-pc-passphrase" label={t("crypt.passphrase")} hint={t("newPc.passphraseHint")} error={errors.passphrase}>
          <input id="f-new-pc-passphrase" class="input" type="password" data-testid="new-pc-passphrase" value={passphrase}
            autocomplete="current-password" disabled={busy}
            onInput={(e) => { setPassphrase(e.currentTarget.value); setPreview(null); }} />
        </Field>
        {preview ? (
          <table class="table" data-testid="new-pc-preview">
            <tbody>
              <tr><th>{t("backups.previewTaken")}</th><td class="mono" data-testid="new-pc-taken">{preview.takenAt ? dateTime(preview.takenAt) : "—"}</td></tr>
              <tr><th>{t("backups.previewStore")}</th><td>{preview.storeName || "—"} ({preview.storeCode}-{preview.deviceCode})</td></tr>
              <tr><th>{t("backups.previewMembers")}</th><td class="mono" data-testid="new-pc-members">{count(preview.members)}</td></tr>
              <tr><th>{t("backups.previewSales")}</th><td class="mono" data-testid="new-pc-sales">{count(preview.sales)}</td></tr>
              <tr><th>{t("backups.previewLastReceipt")}</th><td class="mono" data-testid="new-pc-last-receipt">{preview.lastReceiptNo ?? "—"}</td></tr>
              <tr><th>{t("backups.previewIntegrity")}</th>
                <td data-testid="new-pc-integrity" data-ok={preview.integrityOk}>
                  {preview.integrityOk ? t("backups.integrityOk") : t("backups.integrityBad")}</td></tr>
            </tbody>
          </table>
        ) : null}
        {preview?.enrolled ? <p class="muted">{t("backups.previewResync")}</p> : null}
        {step ? <p role="status" data-testid="new-pc-step" data-step={step}>{t(`backups.step.${step}` as "backups.step.done")}</p> : null}
        {failure ? <ErrorBanner error={failure} testId="new-pc-error" /> : null}
        {preview?.integrityOk ? (
          <button type="button" class="btn btn-primary btn-large btn-block" data-testid="new-pc-confirm" disabled={busy}
            onClick={() => void restore()}>{t("newPc.restore")}</button>
        ) : (
          <button type="submit" class="btn btn-primary btn-large btn-block" data-testid="new-pc-look" disabled={busy}>
            {t("newPc.look")}
          </button>
        )}
        <button type="button" class="btn btn-ghost btn-block" data-testid="new-pc-back" disabled={busy} onClick={props.onBack}>
          {t("newPc.back")}
        </button>
      </form>
    </main>
  );
}
