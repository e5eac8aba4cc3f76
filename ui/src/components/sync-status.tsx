// Sync on every screen: a compact indicator in the top bar (state with icon and word, operations
// waiting, last successful sync; a conflicts button for managers), a panel with the details and
// "Sync now", and the initial-sync progress strip above every screen while a new device catches up.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Session, SyncStatusView } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";
import type { Route } from "../lib/route";
import { can } from "../lib/route";
import { agoText, clockSkewText, initialPercent, lastSyncText, pendingText, relativeTime, syncState, type SyncState } from "../lib/sync-words";
import { runSyncNow, useNow, useSyncStatus } from "../lib/use-sync-status";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Kbd } from "./kbd";
import type { ApiError } from "../lib/backend/bindings";
import {
  CloudCheckIcon, CloudOffIcon, ConflictIcon, KeyAlertIcon, MonitorIcon, SyncArrowsIcon, UploadIcon,
} from "./sync-icons";
import { AlertIcon } from "./icons";
import "../styles/sync.css";

export function StateIcon(props: { state: SyncState; size?: number }) {
  const size = props.size ?? 18;
  switch (props.state) {
    case "online": return <CloudCheckIcon size={size} />;
    case "syncing": return <SyncArrowsIcon size={size} class="sync-spin" />;
    case "offline": return <CloudOffIcon size={size} />;
    case "refused": return <KeyAlertIcon size={size} />;
    case "error": return <AlertIcon size={size} />;
    default: return <MonitorIcon size={size} />;
  }
}

type Props = { session: Session; onNavigate: (route: Route) => void };

/** The top bar's indicator, its conflicts button (managers) and its panel. */
export function SyncIndicator(props: Props) {
  const { t, locale, count } = useI18n();
  const status = useSyncStatus();
  const now = useNow();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const state = syncState(status);
  const enrolled = status?.enrolment != null;
  const pending = status?.pendingOps ?? 0;
  const conflicts = can(props.session, "resolve_conflicts") && enrolled ? status?.conflictsOpen ?? 0 : 0;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    window.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("keydown", onKey, true);
    };
  }, [open]);

  const stateText = t(`sync.state.${state}`);
  const last = status && enrolled ? lastSyncText(status, now, locale) : "";
  const initial = enrolled ? status?.initialSync ?? null : null;
  const second = !enrolled ? null
    : initial ? `${initialPercent(initial)}% · ${t("sync.initialShort")}`
      : status?.lastSyncAt ? agoText(status.lastSyncAt, now, locale, "short") : t("sync.never");
  const label = (enrolled
    ? t("sync.indicatorLabel", { state: stateText, pending: pendingText(pending, locale), last })
    : stateText) + (conflicts > 0 ? ` ${t("sync.conflictsBadge", { n: count(conflicts) })}` : "");

  const go = (route: Route) => {
    setOpen(false);
    props.onNavigate(route);
  };

  return (
    <div class="sync-wrap" ref={wrap}>
      <button type="button" class={`sync-chip sync-${state}`} data-testid="sync-indicator" data-state={state}
        data-pending={pending} aria-haspopup="dialog" aria-expanded={open} aria-label={label} title={label}
        onClick={() => setOpen((o) => !o)}>
        <span class="sync-chip-icon"><StateIcon state={state} /></span>
        {conflicts > 0 ? (
          <span class="sync-chip-badge" data-testid="sync-conflicts-badge" data-count={conflicts}>{conflicts > 99 ? "99+" : count(conflicts)}</span>
        ) : null}
        <span class="sync-chip-text">
          <span class="sync-chip-state">{stateText}</span>
          {second ? (
            <span class="sync-chip-last">
              {pending > 0 ? (
                <span class="sync-chip-pending" data-testid="sync-pending"><UploadIcon size={12} />{count(pending)}</span>
              ) : null}
              <span data-testid="sync-last">{second}</span>
            </span>
          ) : null}
        </span>
      </button>
      {initial ? (
        // A thin bar along the top bar's lower edge: the initial sync's progress on every screen.
        <div class="sync-topline" role="progressbar" aria-label={t("sync.initialTitle")} aria-valuemin={0}
          aria-valuemax={initial.head} aria-valuenow={initial.cursor} data-testid="sync-initial-line">
          <div class="sync-topline-fill" style={{ width: `${initialPercent(initial)}%` }} />
        </div>
      ) : null}
      {open ? <SyncPanel status={status} state={state} now={now} manager={can(props.session, "resolve_conflicts")}
        onClose={() => setOpen(false)} onNavigate={go} /> : null}
    </div>
  );
}

type PanelProps = {
  status: SyncStatusView | null;
  state: SyncState;
  now: number;
  manager: boolean;
  onClose: () => void;
  onNavigate: (route: Route) => void;
};

function SyncPanel(props: PanelProps) {
  const { t, locale, count, dateTime } = useI18n();
  const { status, state, now } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const enrolment = status?.enrolment ?? null;
  const clockSkew = clockSkewText(status?.clockSkewMinutes ?? null, locale);

  const run = async () => {
    setBusy(true);
    setError(null);
    setError(await runSyncNow());
    setBusy(false);
  };

  return (
    <div class="sync-panel" role="dialog" aria-labelledby="sync-panel-title" data-testid="sync-panel">
      <header class="sync-panel-head">
        <h2 id="sync-panel-title">{t("sync.title")}</h2>
        <span class={`sync-pill sync-${state}`}><StateIcon state={state} size={16} /> {t(`sync.state.${state}`)}</span>
        <button type="button" class="btn btn-ghost btn-small" onClick={props.onClose} aria-label={t("common.close")}>
          <Kbd keys="Esc" />
        </button>
      </header>

      {!enrolment ? (
        <div class="sync-panel-body">
          <p class="muted">{t("sync.localBody")}</p>
          <button type="button" class="btn btn-secondary" data-testid="sync-open-settings"
            onClick={() => props.onNavigate({ name: "settings" })}>{t("sync.openSettings")}</button>
        </div>
      ) : (
        <div class="sync-panel-body">
          {status?.lastError ? (
            <div class={`banner ${state === "offline" ? "banner-warn" : "banner-error"}`} role="status" data-testid="sync-problem">
              <AlertIcon size={20} />
              <div>
                <div>{t(`sync.problem.${status.lastError.problem}`)}</div>
                {status.nextRetryAt && !status.credentialRefused ? (
                  <div class="banner-detail">{t("sync.nextRetry", { when: relativeTime(status.nextRetryAt, now, locale) })}</div>
                ) : null}
              </div>
            </div>
          ) : null}
          {clockSkew ? (
            <div class="banner banner-warn" role="status" data-testid="sync-clock-skew">
              <AlertIcon size={20} />
              <div>{clockSkew}</div>
            </div>
          ) : null}
          {status?.initialSync ? <InitialSyncProgress progress={status.initialSync} /> : null}
          <dl>
            <div class="kv"><dt>{t("settings.pendingOps")}</dt>
              <dd data-testid="sync-panel-pending">
                {(status?.pendingOps ?? 0) > 0 ? <strong class="mono">{count(status?.pendingOps ?? 0)}</strong> : t("sync.pendingNone")}</dd></div>
            <div class="kv"><dt>{t("sync.lastSyncLabel")}</dt>
              <dd>{status?.lastSyncAt ? `${agoText(status.lastSyncAt, now, locale)} · ${dateTime(status.lastSyncAt)}` : t("sync.never")}</dd></div>
            <div class="kv"><dt>{t("sync.store")}</dt><dd>{enrolment.storeName} <span class="muted mono">{enrolment.storeCode}</span></dd></div>
            <div class="kv"><dt>{t("sync.device")}</dt><dd class="mono">{enrolment.deviceCode}</dd></div>
            <div class="kv"><dt>{t("sync.server")}</dt><dd class="path">{enrolment.serverUrl}</dd></div>
          </dl>
          {status && status.rejectedOps > 0 ? (
            <p class="sync-panel-note small" data-testid="sync-rejected">{t("sync.rejected", { n: count(status.rejectedOps) })}</p>
          ) : null}
          {error ? <ErrorBanner error={error} /> : null}
          <div class="sync-panel-actions">
            {props.manager && status && status.conflictsOpen > 0 ? (
              <button type="button" class="btn btn-secondary" data-testid="sync-open-conflicts"
                onClick={() => props.onNavigate({ name: "conflicts" })}>
                <ConflictIcon size={18} /> {t("sync.conflictsBadge", { n: count(status.conflictsOpen) })}
              </button>
            ) : null}
            <button type="button" class="btn btn-primary" data-testid="sync-now" disabled={busy} data-autofocus
              onClick={() => void run()}>
              <SyncArrowsIcon size={18} class={busy ? "sync-spin" : ""} /> {busy ? t("sync.nowBusy") : t("sync.now")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The bar of an initial sync: `cursor` of `head`, in whole percent. */
export function InitialSyncProgress(props: { progress: { cursor: number; head: number } }) {
  const { t, count } = useI18n();
  const { cursor, head } = props.progress;
  const pct = initialPercent(props.progress);
  return (
    <div class="sync-initial" data-testid="sync-initial">
      <div class="sync-initial-text">
        <strong>{t("sync.initialTitle")}</strong>
        <span class="mono">{pct}%</span>
      </div>
      <div class="progress" role="progressbar" aria-label={t("sync.initialTitle")} aria-valuemin={0} aria-valuemax={head}
        aria-valuenow={cursor} data-cursor={cursor} data-head={head}>
        <div class="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span class="small muted">{t("sync.initialProgress", { done: count(cursor), total: count(head) })}</span>
      <span class="small muted">{t("sync.initialBody")}</span>
    </div>
  );
}

/** Before logging out with operations not yet sent: says so and asks. */
export function UnsentLogoutDialog(props: { status: SyncStatusView; onConfirm: () => void; onCancel: () => void }) {
  const { t, count } = useI18n();
  const offline = syncState(props.status) === "offline";
  return (
    <Dialog title={t("logoutWarn.title")} onClose={props.onCancel} testId="logout-unsent"
      actions={(
        <>
          <button type="button" class="btn btn-secondary" data-testid="logout-unsent-stay" data-autofocus onClick={props.onCancel}>
            {t("logoutWarn.stay")}
          </button>
          <button type="button" class="btn btn-danger" data-testid="logout-unsent-confirm" onClick={props.onConfirm}>
            {t("logoutWarn.confirm")}
          </button>
        </>
      )}>
      <p>{t("logoutWarn.body", { n: count(props.status.pendingOps) })}</p>
      {offline ? <p class="banner banner-warn"><CloudOffIcon size={20} /> {t("logoutWarn.offline")}</p> : null}
    </Dialog>
  );
}
