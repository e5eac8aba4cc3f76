// Settings → About: the app's updates from the chain's server (README "Updates"). A version the
// shell downloaded and verified is offered as "Version X is ready — install at closing?"; the
// cashier installs it when the desk is quiet (the core refuses while a sale is open: the
// banner says so). The status follows the shell's `update-status` events.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, UpdateStatusView } from "../lib/backend/bindings";
import { installUpdate, onUpdateStatus, updateStatus } from "../lib/backend/commands-updates";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

const PROBLEMS = ["not_enrolled", "not_https", "sale_open", "offline", "bad_signature", "failed"] as const;
type Problem = (typeof PROBLEMS)[number];
/** The shell's word for why no check happened; an unknown one reads as a failed check. */
const problemKey = (word: string): `updates.problem.${Problem}` =>
  `updates.problem.${(PROBLEMS as readonly string[]).includes(word) ? (word as Problem) : "failed"}`;

export function UpdateLine() {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<UpdateStatusView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [later, setLater] = useState(false);
  const [installing, setInstalling] = useState(false);

  useEffect(() => {
    let gone = false;
    let unlisten: (() => void) | null = null;
    updateStatus().then((s) => { if (!gone) setStatus(s); }, (reason: unknown) => { if (!gone) setError(toApiError(reason)); });
    void onUpdateStatus((s) => { if (!gone) setStatus(s); }).then((u) => { if (gone) u(); else unlisten = u; });
    return () => { gone = true; unlisten?.(); };
  }, []);

  const install = async () => {
    setInstalling(true);
    setError(null);
    try {
      await installUpdate(); // on Windows the app closes here, the installer takes over
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setInstalling(false);
    }
  };

  const line = status === null ? null
    : status.problem ? t(problemKey(status.problem))
    : status.checkedAt ? t("updates.upToDate", { when: dateTime(status.checkedAt) })
    : t("updates.notChecked");

  return (
    <>
      <dl><div class="kv"><dt>{t("updates.status")}</dt><dd data-testid="update-status">{line ?? "…"}</dd></div></dl>
      {status?.ready && !later ? (
        <div class="banner banner-info" role="status" data-testid="update-ready">
          <div>
            <div><strong>{t("updates.ready", { version: status.ready.version })}</strong></div>
            <div class="banner-detail">{t("updates.readyBody")}</div>
            {status.ready.notes ? <div class="banner-detail">{status.ready.notes}</div> : null}
            <div class="demo-row">
              <button type="button" class="btn btn-primary" data-testid="update-install" disabled={installing}
                onClick={() => void install()}>{t("updates.install")}</button>
              <button type="button" class="btn btn-secondary" data-testid="update-later"
                onClick={() => setLater(true)}>{t("updates.later")}</button>
            </div>
          </div>
        </div>
      ) : null}
      {error ? <ErrorBanner error={error} testId="update-error" /> : null}
    </>
  );
}
