// The shell of the UI: starts up (first run → owner setup; no session → login), keeps the
// session and the current screen, and draws the top bar around every screen.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, Session } from "./lib/backend/bindings";
import { appInfo, currentSession, logout, onSessionLost } from "./lib/backend/commands";
import { bootInfo } from "./lib/backend/commands-desk";
import { toApiError } from "./lib/backend/errors";
import { useI18n } from "./lib/i18n";
import type { Route } from "./lib/route";
import { TopBar } from "./components/top-bar";
import { Toast } from "./components/toast";
import { ErrorBanner } from "./components/error-banner";
import { SetupOwner } from "./screens/setup-owner";
import { Unlock } from "./screens/unlock";
import { StoreSetup } from "./screens/store-setup";
import { Login, forgetPreloadedLoginStaff, preloadLoginStaff } from "./screens/login";
import { useDeskScreens } from "./lib/desk-screens";
import { UnsentLogoutDialog } from "./components/sync-status";
import { refreshSyncStatus } from "./lib/use-sync-status";
import type { SyncStatusView } from "./lib/backend/bindings";

type Boot = { state: "loading" } | { state: "failed"; error: ApiError } | { state: "ready"; hasOwner: boolean };

/** Where a signed-in staff member starts: cashiers at the till, everyone else at the members. */
const homeRoute = (s: Session): Route => (s.staff.role === "cashier" ? { name: "checkout" } : { name: "lookup" });

export function App() {
  const { t } = useI18n();
  const [boot, setBoot] = useState<Boot>({ state: "loading" });
  const [session, setSession] = useState<Session | null>(null);
  const [route, setRoute] = useState<Route>({ name: "lookup" });
  const [query, setQuery] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [unsent, setUnsent] = useState<SyncStatusView | null>(null);
  // First run: the owner was just created; the store's own setup comes next.
  const [storeSetup, setStoreSetup] = useState<Session | null>(null);

  const start = async () => {
    setBoot({ state: "loading" });
    try {
      // Asked at once (no round trip waits for another before the first screen): whether there
      // is an owner (boot_info, not app_info: that one counts a million members), the session
      // (counts only when there is an owner), and the login's staff tiles.
      const asking = currentSession();
      asking.catch(() => {});
      preloadLoginStaff();
      // (The browser preview's mock has no boot_info: it answers app_info's.)
      const info = await bootInfo().catch(() => appInfo());
      const s = info.hasOwner ? await asking : null;
      // The tiles asked at boot are for a login screen shown now; with no owner yet (first run)
      // or a session still open, the next login screen comes later and asks afresh.
      if (!info.hasOwner || s) forgetPreloadedLoginStaff();
      setSession(s);
      if (s) setRoute(homeRoute(s));
      setBoot({ state: "ready", hasOwner: info.hasOwner });
    } catch (reason) {
      setBoot({ state: "failed", error: toApiError(reason) });
    }
  };

  useEffect(() => {
    void start();
    return onSessionLost(() => setSession(null));
  }, []);

  // The signed-in screens are a second chunk: asked for at once for a restored session, else a
  // moment after the login screen is up (so it does not compete with the login screen's start).
  const [prefetch, setPrefetch] = useState(false);
  useEffect(() => {
    if (boot.state !== "ready") return;
    const timer = setTimeout(() => setPrefetch(true), 400);
    return () => clearTimeout(timer);
  }, [boot.state]);
  const desk = useDeskScreens(session !== null || prefetch);

  const enter = (s: Session) => {
    setSession(s);
    setBoot({ state: "ready", hasOwner: true });
    setRoute(homeRoute(s));
    setQuery("");
  };

  // Operations not yet sent stay safe on this device, but whoever logs out should know.
  const requestLogout = async () => {
    const status = await refreshSyncStatus();
    if (status?.enrolment && status.pendingOps > 0) setUnsent(status);
    else void doLogout();
  };

  const doLogout = async () => {
    setUnsent(null);
    try {
      await logout();
    } catch {
      // Already logged out (or the session was lost): the login screen is right either way.
    }
    setSession(null);
    setRoute({ name: "lookup" });
    setQuery("");
    setNotice(null);
  };

  // F2 goes to the checkout (which takes F2 itself for a new sale); F6 opens a new member form
  // from any signed-in screen except the form itself.
  const latest = useRef({ route, session });
  latest.current = { route, session };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const name = latest.current.route.name;
      const signedIn = latest.current.session !== null;
      if (!signedIn || document.querySelector("[role=dialog]")) return;
      if (e.key === "F2" && name !== "checkout") {
        e.preventDefault();
        setRoute({ name: "checkout" });
      } else if (e.key === "F6" && name !== "new" && name !== "edit") {
        e.preventDefault();
        setRoute({ name: "new" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const S = desk.screens;
  let screen;
  if (boot.state === "loading") {
    screen = <main class="center-screen"><p class="muted">{t("boot.loading")}</p></main>;
  } else if (boot.state === "failed" && boot.error.code === "database_locked") {
    // Encrypted and its key not at hand: the owner's passphrase, or the encryption of an old file.
    screen = <Unlock error={boot.error} onDone={() => void start()} />;
  } else if (boot.state === "failed") {
    screen = (
      <main class="center-screen">
        <div class="card auth-card">
          <h1>{t("boot.failed")}</h1>
          <ErrorBanner error={boot.error} testId="boot-error" />
          {boot.error.code === "database_newer" || boot.error.code === "database_in_use" ? null : (
            <button type="button" class="btn btn-primary" onClick={() => void start()}>{t("common.retry")}</button>
          )}
        </div>
      </main>
    );
  } else if (storeSetup) {
    screen = (
      <StoreSetup onDone={(saved) => {
        enter(storeSetup);
        setStoreSetup(null);
        // Saved: on to staff and the menu, the back office's "Getting started".
        if (saved) setRoute({ name: "admin", section: "staff" });
      }} />
    );
  } else if (!boot.hasOwner) {
    screen = <SetupOwner onDone={(s) => {
      setStoreSetup(s);
      setBoot({ state: "ready", hasOwner: true });
    }} onRestored={() => void start()} />;
  } else if (!session) {
    screen = <Login onDone={enter} />;
  } else if (!S) {
    screen = desk.failed ? (
      <main class="center-screen"><ErrorBanner error={toApiError(desk.failed)} testId="boot-error" /></main>
    ) : <main class="center-screen"><p class="muted">{t("boot.loading")}</p></main>;
  } else if (route.name === "lookup") {
    screen = <S.MemberLookup query={query} onQuery={setQuery} onNavigate={setRoute} />;
  } else if (route.name === "profile") {
    screen = <S.MemberProfile key={route.id} session={session} id={route.id} onNavigate={setRoute} notify={setNotice} />;
  } else if (route.name === "sales") {
    screen = <S.Sales key={route.saleId ?? ""} saleId={route.saleId} session={session} onNavigate={setRoute} />;
  } else if (route.name === "appointments") {
    screen = <S.Appointments session={session} date={route.date} onNavigate={setRoute} notify={setNotice} />;
  } else if (route.name === "conflicts") {
    screen = <S.Conflicts session={session} onNavigate={setRoute} notify={setNotice} />;
  } else if (route.name === "reports") {
    screen = <S.Reports session={session} tab={route.tab} onNavigate={setRoute} notify={setNotice} />;
  } else if (route.name === "care") {
    screen = <S.Care session={session} onNavigate={setRoute} notify={setNotice} />;
  } else if (route.name === "admin") {
    screen = <S.Admin session={session} section={route.section} onNavigate={setRoute} notify={setNotice} />;
  } else if (route.name === "checkout") {
    screen = <S.Checkout key={route.appointmentId ?? ""} session={session} memberId={route.memberId}
      appointmentId={route.appointmentId} onNavigate={setRoute} />;
  } else if (route.name === "shift") {
    screen = <S.Shift session={session} notify={setNotice} />;
  } else if (route.name === "new" || route.name === "edit") {
    screen = (
      <S.MemberForm key={route.name === "edit" ? route.id : "new"} session={session}
        id={route.name === "edit" ? route.id : undefined} prefill={route.name === "new" ? route.prefill : undefined}
        onNavigate={setRoute}
        onSaved={(m) => {
          setNotice(t("profile.saved"));
          setRoute({ name: "profile", id: m.id });
        }} />
    );
  } else {
    screen = <S.Settings session={session} onLogout={() => void requestLogout()} onNavigate={setRoute} />;
  }

  return (
    <div class="app">
      <TopBar session={storeSetup ? null : session} route={session ? route.name : null} onNavigate={setRoute} onLogout={() => void requestLogout()} />
      <div class="app-body">{screen}</div>
      {unsent ? <UnsentLogoutDialog status={unsent} onConfirm={() => void doLogout()} onCancel={() => setUnsent(null)} /> : null}
      {notice ? <Toast text={notice} onDone={() => setNotice(null)} /> : null}
    </div>
  );
}
