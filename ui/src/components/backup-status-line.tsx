// The last backup in one line: when, how old, and a warning when there is reason to worry (no
// folder, never backed up, the last one failed and why, over two days old). Shown in Settings and
// on Back office → Backups.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, BackupStatusView } from "../lib/backend/bindings";
import { backupStatus } from "../lib/backend/commands-backups";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

export function BackupStatusLine(props: { status: BackupStatusView; action?: preact.ComponentChildren }) {
  const { t, dateTime } = useI18n();
  const s = props.status;
  const warning = s.warning
    ? s.warning === "failed"
      ? t("backups.warn.failed", { reason: t(`backups.reason.${s.failedReason ?? "io"}` as "backups.reason.io") })
      : t(`backups.warn.${s.warning}` as "backups.warn.old")
    : null;
  return (
    <div class="backup-status" data-testid="backup-status" data-warning={s.warning ?? ""}>
      <p>
        <span class="field-label">{t("backups.last")}: </span>
        <span data-testid="backup-last">
          {s.lastGoodAt
            ? t("backups.lastAge", { when: dateTime(s.lastGoodAt), hours: String(s.ageHours ?? 0) })
            : t("backups.lastNever")}
        </span>
      </p>
      {warning ? (
        <div class="banner banner-warn" role="status" data-testid="backup-warning">
          <div>
            <div>{warning}</div>
            {s.warning === "failed" && s.failedDetail ? <div class="banner-detail">{s.failedDetail}</div> : null}
          </div>
          {props.action}
        </div>
      ) : props.action ? <div>{props.action}</div> : null}
    </div>
  );
}

/** Settings' card: the last backup's line, loaded here, with a way to the Backups section. */
export function BackupSettingsCard(props: { canManage: boolean; onOpen: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    backupStatus().then(setStatus, (e) => setError(toApiError(e)));
  }, []);
  const open = props.canManage ? (
    <button type="button" class="btn btn-secondary" data-testid="backup-open" onClick={props.onOpen}>
      {t("backups.openBackOffice")}
    </button>
  ) : undefined;
  return (
    <section class="card" data-testid="settings-backups">
      <h2 class="section-title">{t("backups.title")}</h2>
      {status ? <BackupStatusLine status={status} action={open} /> : null}
      {error ? <ErrorBanner error={error} testId="settings-backups-error" /> : null}
    </section>
  );
}
