// Settings and About: where the data lives, the language, demo data, logging out.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, AppInfo, DemoPinView, SeedProgress, Session } from "../lib/backend/bindings";
import { appInfo, hasTauriRuntime, seedDemo } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { LOCALES, useI18n } from "../lib/i18n";
import { can } from "../lib/route";
import { PermissionMatrix } from "../components/permission-matrix";
import { digitsOnly } from "../lib/input";
import { ErrorBanner } from "../components/error-banner";
import { LogoutIcon } from "../components/icons";
import { PrinterSettings } from "../components/printer-settings";
import { StoreSettings } from "../components/store-settings";
import { CryptSettings } from "../components/crypt-settings";
import { ReminderSettings } from "../components/reminder-settings";
import { SyncSettings } from "../components/sync-settings";
import { UpdateLine } from "../components/update-card";
import { BackupSettingsCard } from "../components/backup-status-line";
import { useSyncStatus } from "../lib/use-sync-status";
import type { Route } from "../lib/route";
import { ProgressBar } from "../components/progress-bar";

type Props = { session: Session; onLogout: () => void; onNavigate: (route: Route) => void };

export function Settings(props: Props) {
  const { t, locale, setLocale, count } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<ApiError | null>(null);
  const [seedCount, setSeedCount] = useState("1000");
  const [progress, setProgress] = useState<SeedProgress | null>(null);
  const [seeding, setSeeding] = useState(false);
  const [seedError, setSeedError] = useState<ApiError | string | null>(null);
  const [seeded, setSeeded] = useState<number | null>(null);
  // The demo staff's random PINs: shown once, here, and kept nowhere.
  const [pins, setPins] = useState<DemoPinView[]>([]);

  // The outbox count read with the app info goes stale as sync sends it; the live status does not.
  const sync = useSyncStatus();
  const pendingOps = sync?.pendingOps ?? info?.pendingOps;

  const refresh = () => appInfo().then(setInfo, (reason: unknown) => setInfoError(toApiError(reason)));
  useEffect(() => void refresh(), []);

  const startSeed = async () => {
    const n = Number(seedCount);
    if (!Number.isInteger(n) || n < 1 || n > 200_000) {
      setSeedError(t("settings.demoCountInvalid"));
      return;
    }
    setSeeding(true);
    setSeedError(null);
    setSeeded(null);
    setPins([]);
    setProgress({ done: 0, total: n });
    try {
      setPins(await seedDemo(n, setProgress));
      setProgress({ done: n, total: n });
      setSeeded(n);
      void refresh();
    } catch (reason) {
      // A refusal (enrolled till, sales made) loaded nothing: no empty "0 / n" bar beside it.
      setProgress(null);
      setSeedError(toApiError(reason));
    } finally {
      setSeeding(false);
    }
  };

  const { staff } = props.session;

  return (
    <main class="screen settings">
      <header class="screen-head"><h1>{t("settings.title")}</h1></header>
      <div class="settings-grid">
        <section class="card">
          <h2 class="section-title">{t("settings.about")}</h2>
          {infoError ? <ErrorBanner error={infoError} /> : null}
          <dl>
            <div class="kv"><dt>{t("settings.version")}</dt><dd data-testid="settings-version">{info?.version ?? "…"}</dd></div>
            <div class="kv"><dt>{t("settings.dbPath")}</dt><dd class="path" data-testid="settings-db-path">{info?.dbPath ?? "…"}</dd></div>
            <div class="kv"><dt>{t("settings.dataDir")}</dt><dd class="path" data-testid="settings-data-dir">{info?.dataDir ?? "…"}</dd></div>
            <div class="kv"><dt>{t("settings.deviceId")}</dt><dd class="path">{info?.deviceId ?? "…"}</dd></div>
            <div class="kv"><dt>{t("settings.memberCount")}</dt><dd>{info ? count(info.memberCount) : "…"}</dd></div>
            <div class="kv"><dt>{t("settings.pendingOps")}</dt><dd data-testid="settings-pending-ops">{pendingOps !== undefined ? count(pendingOps) : "…"}</dd></div>
            <div class="kv"><dt>{t("settings.backend")}</dt>
              <dd>{hasTauriRuntime() ? t("settings.backendDesktop") : t("settings.backendMock")}</dd></div>
          </dl>
          <UpdateLine />
        </section>

        <div class="settings-side">
          <section class="card">
            <h2 class="section-title">{t("settings.language")}</h2>
            <div class="segmented" role="radiogroup" aria-label={t("settings.language")}>
              {LOCALES.map((l) => (
                <button key={l} type="button" role="radio" aria-checked={locale === l} data-testid={`lang-${l}`}
                  class={`segment ${locale === l ? "active" : ""}`} onClick={() => setLocale(l)}>
                  {t(`lang.${l}`)}
                </button>
              ))}
            </div>
          </section>

          <section class="card">
            <h2 class="section-title">{t("settings.account")}</h2>
            <p>{t("settings.loggedInAs", { name: staff.name, role: t(`role.${staff.role}`) })}</p>
            <button type="button" class="btn btn-secondary" onClick={props.onLogout}>
              <LogoutIcon /> {t("top.logout")}
            </button>
          </section>
        </div>

        <SyncSettings session={props.session} onNavigate={props.onNavigate} />

        <BackupSettingsCard canManage={can(props.session, "manage_backups")}
          onOpen={() => props.onNavigate({ name: "admin", section: "backups" })} />
        <CryptSettings isOwner={staff.role === "owner"} />

        <PrinterSettings />

        <ReminderSettings canManage={can(props.session, "edit_store_settings")} />

        <PermissionMatrix />

        <section class="card settings-demo">
          <h2 class="section-title">{t("settings.demo")}</h2>
          <p class="muted">{t("settings.demoBody")}</p>
          {can(props.session, "load_demo_data") ? (
            <>
              <div class="demo-row">
                <label class="field-label" for="f-seed-count">{t("settings.demoCount")}</label>
                <input id="f-seed-count" class="input input-number" data-testid="seed-count" inputMode="numeric"
                  value={seedCount} disabled={seeding} onInput={digitsOnly(6, setSeedCount)} />
                <button type="button" class="btn btn-primary" data-testid="seed-start" disabled={seeding}
                  onClick={() => void startSeed()}>{t("settings.demoStart")}</button>
              </div>
              {progress ? (
                <ProgressBar done={progress.done} total={progress.total} finished={seeded !== null} testId="seed-progress" />
              ) : null}
              {seeded !== null ? <p class="success-text" role="status">{t("settings.demoDone", { n: count(seeded) })}</p> : null}
              {pins.length > 0 ? (
                <div class="demo-pins" data-testid="demo-pins">
                  <div class="banner banner-warn" role="status">{t("settings.demoPinsOnce")}</div>
                  <table class="table">
                    <tbody>
                      {pins.map((p) => (
                        <tr key={p.name} data-testid="demo-pin" data-name={p.name} data-role={p.role}>
                          <td>{p.name}</td><td>{t(`role.${p.role}`)}</td><td class="mono" data-testid="demo-pin-value">{p.pin}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {seedError ? (
                <ErrorBanner error={seedError} testId="seed-error"
                  text={typeof seedError !== "string" && seedError.code === "demo_refused"
                    ? t(seedError.reason === "enrolled" ? "settings.demoRefusedEnrolled" : "settings.demoRefusedSales")
                    : undefined} />
              ) : null}
            </>
          ) : <p class="muted">{t("settings.demoOwnerOnly")}</p>}
        </section>
        <StoreSettings isOwner={staff.role === "owner"} />
      </div>
    </main>
  );
}
