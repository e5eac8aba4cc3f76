// Back office: backups. The folder (checked writable when saved; a USB drive or a synced folder
// is best), the schedule, Back up now with its progress, the backups in the folder, and
// Restore… (owner only) with the backup's preview and a typed confirmation. The restore itself
// is in restore-dialog.tsx.
import { useEffect, useState } from "preact/hooks";
import type {
  ApiError, BackupFileView, BackupProgressView, BackupSettingsView, BackupStatusView,
} from "../../lib/backend/bindings";
import { backUpNow, backupStatus, listBackups, saveBackupSettings } from "../../lib/backend/commands-backups";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { ErrorBanner } from "../../components/error-banner";
import { Field } from "../../components/field";
import { BackupStatusLine } from "../../components/backup-status-line";
import { RestoreDialog } from "./restore-dialog";
import type { AdminProps } from "./props";
import { ProgressBar } from "../../components/progress-bar";

/** Bytes as MB with one decimal (backups are megabytes to gigabytes). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function BackupsAdmin(props: AdminProps) {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const [form, setForm] = useState<BackupSettingsView | null>(null);
  const [files, setFiles] = useState<BackupFileView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<BackupProgressView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupFileView | null>(null);
  const isOwner = props.session.staff.role === "owner";

  const reload = async () => {
    try {
      const s = await backupStatus();
      setStatus(s);
      setForm((f) => f ?? s.settings);
      setFiles(await listBackups());
    } catch (e) {
      setError(toApiError(e));
    }
  };
  useEffect(() => void reload(), []);

  const save = async () => {
    if (!form) return;
    setBusy(true);
    setError(null);
    try {
      const s = await saveBackupSettings({ ...form, folder: form.folder.trim() });
      setStatus(s);
      setForm(s.settings);
      props.notify(t("backups.saved"));
      setFiles(await listBackups());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const now = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    setProgress({ done: 0, total: 0 });
    try {
      const file = await backUpNow(setProgress);
      setDone(t("backups.done", { name: file.name }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
      setProgress(null);
      await reload();
    }
  };

  const folderError = error?.field === "folder"
    ? { text: t(`backups.reason.${error.reason ?? "io"}` as "backups.reason.io"), detail: error.message }
    : undefined;
  const savedFolder = status?.settings.folder ?? "";

  return (
    <section class="card backups-admin" data-testid="backups-admin" data-busy={busy}>
      <h2 class="section-title">{t("backups.title")}</h2>
      <p class="muted">{t("backups.intro")}</p>
      {status ? <BackupStatusLine status={status} /> : null}
      {form ? (
        <div class="store-settings-grid">
          <Field id="folder" label={t("backups.folder")} hint={t("backups.folderHint")} error={folderError} wide>
            <input id="f-folder" class="input" data-testid="backup-folder" value={form.folder} spellcheck={false}
              onInput={(e) => setForm({ ...form, folder: (e.currentTarget as HTMLInputElement).value })} />
          </Field>
          <Field id="dailyAt" label={t("backups.dailyAt")} hint={t("backups.dailyAtHint")}
            error={error?.field === "dailyAt" ? { text: error.message } : undefined}>
            <input id="f-dailyAt" class="input input-number" type="time" data-testid="backup-daily-at" value={form.dailyAt}
              onInput={(e) => setForm({ ...form, dailyAt: (e.currentTarget as HTMLInputElement).value })} />
          </Field>
          <label class="checkbox field-wide">
            <input type="checkbox" data-testid="backup-enabled" checked={form.enabled}
              onChange={(e) => setForm({ ...form, enabled: (e.currentTarget as HTMLInputElement).checked })} />
            <span>{t("backups.enabled")}</span>
          </label>
        </div>
      ) : null}
      <div class="settings-actions">
        <button type="button" class="btn btn-primary btn-large" data-testid="backup-settings-save" disabled={busy || !form}
          onClick={() => void save()}>{t("backups.save")}</button>
        <button type="button" class="btn btn-secondary btn-large" data-testid="backup-now" disabled={busy || !savedFolder}
          onClick={() => void now()}>{t("backups.now")}</button>
      </div>
      {progress ? (
        <ProgressBar done={progress.done} total={progress.total} testId="backup-progress" label={t("backups.running")} />
      ) : null}
      {done ? <p class="success-text" role="status" data-testid="backup-done">{done}</p> : null}
      {error && error.field !== "folder" && error.field !== "dailyAt"
        ? <ErrorBanner error={error} testId="backups-error"
            text={error.code === "backup_failed" && error.reason
              ? t(`backups.reason.${error.reason}` as "backups.reason.io") : undefined} />
        : null}

      <h3 class="subsection-title">{t("backups.listTitle")}</h3>
      {!savedFolder ? <p class="muted" data-testid="backups-no-folder">{t("backups.noFolder")}</p> : null}
      {savedFolder && files?.length === 0 ? <p class="muted empty-state" data-testid="backups-empty">{t("backups.empty")}</p> : null}
      {files && files.length > 0 ? (
        <div class="records-scroll">
          <table class="ledger-table records-table" data-testid="backups-table">
            <thead>
              <tr>
                <th>{t("backups.colTaken")}</th>
                <th class="num">{t("backups.colSize")}</th>
                <th>{t("backups.colChecked")}</th>
                <th>{t("backups.colTill")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.name} data-testid="backup-row" data-name={f.name}>
                  <td class="mono nowrap" title={f.name}>{dateTime(f.takenAt)}</td>
                  <td class="num mono nowrap">{megabytes(f.size)}</td>
                  <td class="nowrap">{t("backups.checked")}</td>
                  <td class="nowrap">{f.own ? t("backups.thisTill") : `${t("backups.otherTill")} ${f.name.split("-").slice(1, 3).join("-")}`}</td>
                  <td>
                    {isOwner ? (
                      <button type="button" class="btn btn-secondary btn-small" data-testid="backup-restore"
                        disabled={busy} onClick={() => setRestoring(f)}>{t("backups.restore")}</button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {!isOwner && files && files.length > 0 ? <p class="muted">{t("backups.restoreOwnerOnly")}</p> : null}
      {restoring ? <RestoreDialog file={restoring} onClose={() => setRestoring(null)} /> : null}
    </section>
  );
}
