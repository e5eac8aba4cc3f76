// 同步 Sync on the settings screen. Not enrolled: what sync is for, and (owner, manager) the server
// address and enrolment code that connect this device. Enrolled: the store, server and device
// codes, the status, "Sync now", and the operations set aside (refused by the server, or failing
// every push), which a manager sends again or discards. A refused credential
// brings the form back to enrol again. Errors show at their field; what was typed stays.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, RejectedOpView, Session, SyncStatusView } from "../lib/backend/bindings";
import { discardSetAside, enrolDevice, rejectedOps, retrySetAside } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { can, type Route } from "../lib/route";
import { agoText, entityName, pendingText, setAsideReason, syncState } from "../lib/sync-words";
import { runSyncNow, setSyncStatus, useNow, useSyncStatus } from "../lib/use-sync-status";
import { ErrorBanner } from "./error-banner";
import { Field, type FieldError } from "./field";
import { ConflictIcon, SyncArrowsIcon } from "./sync-icons";
import { InitialSyncProgress, StateIcon } from "./sync-status";

type Props = { session: Session; onNavigate: (route: Route) => void };

export function SyncSettings(props: Props) {
  const { t, locale, count, dateTime } = useI18n();
  const status = useSyncStatus();
  const now = useNow();
  const manager = can(props.session, "resolve_conflicts");
  const mayEnrol = can(props.session, "enrol_till");
  const enrolment = status?.enrolment ?? null;
  const state = syncState(status);
  const [rejected, setRejected] = useState<RejectedOpView[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The form goes away once enrolled: the confirmation is said here instead.
  const [justEnrolled, setJustEnrolled] = useState(false);

  const rejectedCount = status?.rejectedOps ?? 0;
  const reloadRejected = () => rejectedOps().then(setRejected, (r: unknown) => setError(toApiError(r)));
  useEffect(() => {
    if (!enrolment) return;
    void reloadRejected();
  }, [enrolment?.serverUrl, rejectedCount]);

  const runNow = async () => {
    setBusy(true);
    setError(null);
    setError(await runSyncNow());
    setBusy(false);
  };

  return (
    <section class="card settings-sync" data-testid="sync-settings" data-enrolled={enrolment !== null}>
      <h2 class="section-title"><SyncArrowsIcon size={18} /> {t("sync.title")}</h2>
      {!enrolment ? (
        <div class="sync-settings-grid">
          <p class="muted">{t("syncSettings.intro")}</p>
          {mayEnrol ? <EnrolForm onDone={() => setJustEnrolled(true)} /> : <p class="muted small">{t("syncSettings.managersOnly")}</p>}
        </div>
      ) : (
        <div class="sync-settings-grid">
          <div class="sync-enrol-form">
            {justEnrolled ? <p class="success-text sync-enrolled-note" role="status" data-testid="sync-enrolled">{t("syncSettings.enrolled")}</p> : null}
            <div class="sync-status-row">
              <span class={`sync-pill sync-${state}`} data-testid="sync-settings-state"><StateIcon state={state} size={16} /> {t(`sync.state.${state}`)}</span>
              <span class="small">{pendingText(status?.pendingOps ?? 0, locale)}</span>
            </div>
            {status?.lastError ? (
              <div class={`banner ${state === "offline" ? "banner-warn" : "banner-error"}`} role="status">
                <div>
                  <div>{t(`sync.problem.${status.lastError.problem}`)}</div>
                  <div class="banner-detail">{t("common.detail", { message: status.lastError.message })}</div>
                </div>
              </div>
            ) : null}
            {status?.initialSync ? <InitialSyncProgress progress={status.initialSync} /> : null}
            <dl>
              <div class="kv"><dt>{t("sync.store")}</dt><dd data-testid="sync-store-name">{enrolment.storeName}</dd></div>
              <div class="kv"><dt>{t("syncSettings.storeCode")}</dt><dd class="mono">{enrolment.storeCode}</dd></div>
              <div class="kv"><dt>{t("syncSettings.deviceCode")}</dt><dd class="mono" data-testid="sync-device-code">{enrolment.deviceCode}</dd></div>
              <div class="kv"><dt>{t("sync.server")}</dt><dd class="path" data-testid="sync-server-url">{enrolment.serverUrl}</dd></div>
              <div class="kv"><dt>{t("syncSettings.enrolledAt")}</dt><dd>{dateTime(enrolment.enrolledAt)}</dd></div>
              <div class="kv"><dt>{t("sync.lastSyncLabel")}</dt>
                <dd>{status?.lastSyncAt ? `${agoText(status.lastSyncAt, now, locale)} · ${dateTime(status.lastSyncAt)}` : t("sync.never")}</dd></div>
            </dl>
            <div class="sync-enrol-actions">
              <button type="button" class="btn btn-primary" data-testid="sync-settings-now" disabled={busy} onClick={() => void runNow()}>
                <SyncArrowsIcon size={18} class={busy ? "sync-spin" : ""} /> {busy ? t("sync.nowBusy") : t("sync.now")}
              </button>
              {manager && status && status.conflictsOpen > 0 ? (
                <button type="button" class="btn btn-secondary" data-testid="sync-settings-conflicts"
                  onClick={() => props.onNavigate({ name: "conflicts" })}>
                  <ConflictIcon size={18} /> {t("sync.conflictsBadge", { n: count(status.conflictsOpen) })}
                </button>
              ) : null}
            </div>
            {error ? <ErrorBanner error={error} /> : null}
            {status?.credentialRefused ? (
              mayEnrol ? (
                <>
                  <h3 class="section-title">{t("syncSettings.reenrolTitle")}</h3>
                  <EnrolForm serverUrl={enrolment.serverUrl} onDone={() => setJustEnrolled(true)} />
                </>
              ) : <p class="muted small">{t("syncSettings.managersOnly")}</p>
            ) : null}
          </div>

          <SetAsideList rejected={rejected} manager={manager} onChanged={reloadRejected} onError={setError} />
        </div>
      )}
    </section>
  );
}

/** Operations set aside: why, of what, when; a manager sends one again or (confirmed) discards it. */
function SetAsideList(props: {
  rejected: RejectedOpView[]; manager: boolean; onChanged: () => Promise<unknown>; onError: (e: ApiError | null) => void;
}) {
  const { t, locale, dateTime } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const act = async (opId: string, action: (id: string) => Promise<SyncStatusView>) => {
    setBusy(opId);
    props.onError(null);
    try {
      setSyncStatus(await action(opId));
      setConfirming(null);
      await props.onChanged();
    } catch (reason) {
      props.onError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="sync-rejected-section">
      <h3 class="section-title">{t("syncSettings.rejectedTitle")}</h3>
      {props.rejected.length === 0 ? <p class="muted small">{t("syncSettings.rejectedNone")}</p> : (
        <>
          <p class="muted small">{t("syncSettings.rejectedHint")}</p>
          {props.manager ? null : <p class="muted small">{t("syncSettings.managersSettle")}</p>}
          <ul class="sync-rejected-list" data-testid="sync-rejected-list">
            {props.rejected.map((r) => (
              <li key={r.opId} class="sync-rejected-item" data-testid="sync-rejected-item" data-code={r.code}>
                <span class="chip">{entityName(r.entity, locale)}</span>
                <span class="sync-rejected-why" data-testid="sync-rejected-reason">{setAsideReason(r.code, locale)}</span>
                <span class="small muted">{t("syncSettings.rejectedAt", { when: dateTime(r.createdAt) })} · <span class="mono">{r.code}</span></span>
                {r.message ? <span class="small muted banner-detail">{t("common.detail", { message: r.message })}</span> : null}
                {props.manager ? (
                  confirming === r.opId ? (
                    <span class="sync-rejected-actions" role="group">
                      <span class="small">{t("syncSettings.discardConfirm")}</span>
                      <button type="button" class="btn btn-danger" data-testid="sync-rejected-discard-yes" disabled={busy !== null}
                        onClick={() => void act(r.opId, discardSetAside)}>{t("syncSettings.discardYes")}</button>
                      <button type="button" class="btn btn-secondary" disabled={busy !== null}
                        onClick={() => setConfirming(null)}>{t("syncSettings.discardNo")}</button>
                    </span>
                  ) : (
                    <span class="sync-rejected-actions">
                      <button type="button" class="btn btn-secondary" data-testid="sync-rejected-retry" disabled={busy !== null}
                        onClick={() => void act(r.opId, retrySetAside)}>{t("syncSettings.retry")}</button>
                      <button type="button" class="btn btn-secondary" data-testid="sync-rejected-discard" disabled={busy !== null}
                        onClick={() => setConfirming(r.opId)}>{t("syncSettings.discard")}</button>
                    </span>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type Draft = { serverUrl: string; code: string; deviceName: string };

/** Server address, enrolment code and device name; connects this device. */
function EnrolForm(props: { serverUrl?: string; onDone: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>({ serverUrl: props.serverUrl ?? "", code: "", deviceName: t("syncSettings.defaultDeviceName") });
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, FieldError>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[key as keyof Draft];
      return next;
    });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const status = await enrolDevice(draft.serverUrl.trim(), draft.code.trim(), draft.deviceName.trim());
      setErrors({});
      setDone(true);
      props.onDone();
      setSyncStatus(status);
    } catch (reason) {
      const err = toApiError(reason);
      // A till that holds demo data may not join: nothing about the code is wrong.
      const demoData = err.code === "enrolment_refused" && err.reason === "demo_data";
      const field = (demoData ? null : (err.field ?? (err.code === "sync_unreachable" ? "serverUrl" : err.code === "enrolment_refused" ? "code" : null))) as keyof Draft | null;
      if (field && (field === "serverUrl" || field === "code" || field === "deviceName")) {
        // Our own words say it all for the enrolment codes; a validation message says which rule.
        const validation = err.code === "validation";
        setErrors({ [field]: { text: validation ? t("error.validation") : t(`error.${err.code}`), detail: validation ? err.message : null } });
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="sync-enrol-form" onSubmit={submit} noValidate data-testid="sync-enrol-form">
      <Field id="sync-server-url" label={t("syncSettings.serverUrl")} hint={t("syncSettings.serverUrlHint")} error={errors.serverUrl}>
        <input id="f-sync-server-url" class="input mono" data-testid="sync-server-url-input" value={draft.serverUrl} autocomplete="off"
          spellcheck={false} placeholder="https://" inputMode="url" disabled={busy} onInput={(e) => change({ serverUrl: e.currentTarget.value })} />
      </Field>
      <Field id="sync-code" label={t("syncSettings.code")} hint={t("syncSettings.codeHint")} error={errors.code}>
        <input id="f-sync-code" class="input mono" data-testid="sync-code-input" value={draft.code} autocomplete="off" spellcheck={false}
          autocapitalize="characters" disabled={busy} onInput={(e) => change({ code: e.currentTarget.value })} />
      </Field>
      <Field id="sync-device-name" label={t("syncSettings.deviceName")} hint={t("syncSettings.deviceNameHint")} error={errors.deviceName}>
        <input id="f-sync-device-name" class="input" data-testid="sync-device-name-input" value={draft.deviceName} maxLength={40}
          disabled={busy} onInput={(e) => change({ deviceName: e.currentTarget.value })} />
      </Field>
      {error ? (
        <ErrorBanner error={error} testId="sync-enrol-error"
          text={error.reason === "demo_data" ? t("syncSettings.demoDataRefused") : undefined} />
      ) : null}
      <div class="sync-enrol-actions">
        <button type="submit" class="btn btn-primary" data-testid="sync-enrol" disabled={busy}>
          {busy ? t("syncSettings.enrolling") : t("syncSettings.enrol")}
        </button>
        {done ? <span class="success-text" role="status">{t("syncSettings.enrolled")}</span> : null}
      </div>
    </form>
  );
}
