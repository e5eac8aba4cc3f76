// The bar on every screen: product, navigation, who is logged in, language and logout.
import type { Session } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";
import { can, canOpenBackOffice, type Route } from "../lib/route";
import { CareIcon, ChartIcon, GlobeIcon, LogoutIcon, SettingsIcon, StoreIcon, UsersIcon } from "./icons";
import { CartIcon } from "./checkout-icons";
import { Kbd } from "./kbd";
import { ReceiptIcon, ShiftIcon } from "./sales-icons";
import { CalendarIcon } from "./appointment-icons";
import { SyncIndicator } from "./sync-status";
import { useLowStockCount } from "../lib/use-low-stock";
import { useCareCount } from "../lib/use-care-count";

type Props = {
  session: Session | null;
  route: Route["name"] | null;
  onNavigate: (route: Route) => void;
  onLogout: () => void;
};

export function TopBar(props: Props) {
  const { t, toggleLocale } = useI18n();
  const { session, route } = props;
  const onMembers = route === "lookup" || route === "profile" || route === "new" || route === "edit";
  const lowStock = useLowStockCount(session !== null && can(session, "manage_stock"), route);
  const mayCare = session !== null && can(session, "work_care_tasks");
  const careOpen = useCareCount(mayCare, session?.staff.role === "beautician", route);

  return (
    <header class="topbar">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">S</span>
        <span class="brand-text">
          <span class="brand-name">{t("app.name")}</span>
          <span class="brand-tagline">{t("app.tagline")}</span>
        </span>
      </div>

      {session ? (
        <nav class="nav">
          <button type="button" class={`nav-item ${route === "checkout" ? "active" : ""}`} data-testid="nav-checkout"
            aria-current={route === "checkout" ? "page" : undefined} onClick={() => props.onNavigate({ name: "checkout" })}>
            <CartIcon /> <span class="nav-label">{t("nav.checkout")}</span> <Kbd keys="F2" class="kbd-on-primary nav-kbd" />
          </button>
          <button type="button" class={`nav-item ${onMembers ? "active" : ""}`} data-testid="nav-members"
            aria-current={onMembers ? "page" : undefined} onClick={() => props.onNavigate({ name: "lookup" })}>
            <UsersIcon /> <span class="nav-label">{t("nav.members")}</span>
          </button>
          <button type="button" class={`nav-item ${route === "appointments" ? "active" : ""}`} data-testid="nav-appointments"
            aria-current={route === "appointments" ? "page" : undefined} onClick={() => props.onNavigate({ name: "appointments" })}>
            <CalendarIcon /> <span class="nav-label">{t("nav.appointments")}</span>
          </button>
          {mayCare ? (
            <button type="button" class={`nav-item ${route === "care" ? "active" : ""}`} data-testid="nav-care"
              aria-current={route === "care" ? "page" : undefined} onClick={() => props.onNavigate({ name: "care" })}>
              <CareIcon /> <span class="nav-label">{t("care.nav")}</span>
              {careOpen > 0 ? (
                <span class="nav-badge" data-testid="care-badge" title={t("care.badgeTitle", { n: careOpen })}
                  aria-label={t("care.badgeTitle", { n: careOpen })}>{careOpen}</span>
              ) : null}
            </button>
          ) : null}
          <button type="button" class={`nav-item ${route === "sales" ? "active" : ""}`} data-testid="nav-sales"
            aria-current={route === "sales" ? "page" : undefined} onClick={() => props.onNavigate({ name: "sales" })}>
            <ReceiptIcon /> <span class="nav-label">{t("nav.sales")}</span>
          </button>
          <button type="button" class={`nav-item ${route === "shift" ? "active" : ""}`} data-testid="nav-shift"
            aria-current={route === "shift" ? "page" : undefined} onClick={() => props.onNavigate({ name: "shift" })}>
            <ShiftIcon /> <span class="nav-label">{t("nav.shift")}</span>
          </button>
          {session !== null && can(session, "view_reports") ? (
            <button type="button" class={`nav-item ${route === "reports" ? "active" : ""}`} data-testid="nav-reports"
              aria-current={route === "reports" ? "page" : undefined} onClick={() => props.onNavigate({ name: "reports" })}>
              <ChartIcon /> <span class="nav-label">{t("reports.nav")}</span>
            </button>
          ) : null}
          {canOpenBackOffice(session) ? (
            <button type="button" class={`nav-item ${route === "admin" ? "active" : ""}`} data-testid="nav-admin"
              aria-current={route === "admin" ? "page" : undefined} onClick={() => props.onNavigate({ name: "admin" })}>
              <StoreIcon /> <span class="nav-label">{t("nav.admin")}</span>
              {lowStock > 0 ? (
                <span class="nav-badge" data-testid="low-stock-badge" title={t("stock.badgeTitle", { n: lowStock })}
                  aria-label={t("stock.badgeTitle", { n: lowStock })}>{lowStock}</span>
              ) : null}
            </button>
          ) : null}
          <button type="button" class={`nav-item ${route === "settings" ? "active" : ""}`} data-testid="nav-settings"
            aria-current={route === "settings" ? "page" : undefined} onClick={() => props.onNavigate({ name: "settings" })}>
            <SettingsIcon /> <span class="nav-label">{t("nav.settings")}</span>
          </button>
        </nav>
      ) : <div class="nav" />}

      <div class="topbar-end">
        {session ? <SyncIndicator session={session} onNavigate={props.onNavigate} /> : null}
        {session ? (
          <div class="current-staff" data-testid="current-staff" data-staff-id={session.staff.id} data-role={session.staff.role}>
            <span class="avatar avatar-small" aria-hidden="true">{[...session.staff.name][0]}</span>
            <span class="current-staff-text">
              <span class="current-staff-name">{session.staff.name}</span>
              <span class="current-staff-role">{t(`role.${session.staff.role}`)}</span>
            </span>
          </div>
        ) : null}
        <button type="button" class="btn btn-ghost topbar-btn" data-testid="lang-toggle" onClick={toggleLocale}
          aria-label={t("top.langToggleLabel")} title={t("top.langToggleLabel")}>
          <GlobeIcon /> <span>{t("top.langToggle")}</span>
        </button>
        {session ? (
          <button type="button" class="btn btn-ghost topbar-btn" data-testid="logout" onClick={props.onLogout}
            aria-label={t("top.logout")} title={t("top.logout")}>
            <LogoutIcon /> <span>{t("top.logout")}</span>
          </button>
        ) : null}
      </div>
    </header>
  );
}
