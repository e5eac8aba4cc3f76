// Back office: top-up plans (储值方案: pay X, get a bonus) and package plans (次卡: N sessions of a
// service, valid for D days). Each table shows how often a plan sold; plans are ended, never
// deleted (sales and members' packages name them).
import { useEffect, useState } from "preact/hooks";
import type { PackagePlanView, ServiceView, TopUpPlanView } from "../../lib/backend/bindings";
import {
  adminPackagePlans, adminServices, adminTopUpPlans, setPackagePlanActive, setTopUpPlanActive,
} from "../../lib/backend/commands-catalog";
import { useI18n } from "../../lib/i18n";
import { RowActions, StatusPill, useAdminList } from "../../components/catalog-admin-bits";
import { ErrorBanner } from "../../components/error-banner";
import { PackagePlanDialog, TopUpPlanDialog } from "../../components/plan-dialogs";
import type { AdminProps } from "./props";

export function PlansAdmin(props: AdminProps) {
  const { t, money } = useI18n();
  const topUps = useAdminList(adminTopUpPlans);
  const packages = useAdminList(adminPackagePlans);
  const [services, setServices] = useState<ServiceView[]>([]);
  const [topUp, setTopUp] = useState<TopUpPlanView | "new" | null>(null);
  const [pkg, setPkg] = useState<PackagePlanView | "new" | null>(null);
  useEffect(() => {
    adminServices().then(setServices, () => setServices([]));
  }, []);
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? "";
  const saved = () => props.notify(t("catalog.saved"));

  return (
    <>
      <section class="card cat-section" data-testid="top-up-plans-admin">
        <div class="admin-toolbar">
          <h2 class="section-title">{t("catalog.topUp.title")}</h2>
          <button type="button" class="btn btn-primary" data-testid="top-up-add" onClick={() => setTopUp("new")}>
            {t("catalog.add")}
          </button>
        </div>
        {topUps.error ? <ErrorBanner error={topUps.error} testId="top-ups-error" /> : null}
        {topUps.list && topUps.list.length === 0 ? <p class="muted">{t("catalog.empty")}</p> : null}
        {topUps.list && topUps.list.length > 0 ? (
          <div class="cat-table-wrap"><table class="ledger-table cat-table">
            <thead><tr>
              <th>{t("catalog.col.name")}</th><th class="num">{t("catalog.topUp.pay")}</th>
              <th class="num">{t("catalog.topUp.bonus")}</th><th>{t("catalog.col.status")}</th>
              <th class="num">{t("catalog.col.used")}</th><th>{t("catalog.col.actions")}</th>
            </tr></thead>
            <tbody>
              {topUps.list.map((p) => (
                <tr key={p.id} data-testid="top-up-row" data-id={p.id} data-name={p.name} data-active={p.active}
                  class={p.active ? "" : "cat-row-off"}>
                  <td>{p.name}</td>
                  <td class="num mono">{money(p.pay)}</td>
                  <td class="num mono">{money(p.bonus)}</td>
                  <td><StatusPill active={p.active} ended /></td>
                  <td class="num" data-testid="top-up-used">{p.used}</td>
                  <RowActions testId="top-up" active={p.active} ends onEdit={() => setTopUp(p)}
                    onToggle={() => void topUps.run(() => setTopUpPlanActive(p.id, !p.active))} />
                </tr>
              ))}
            </tbody>
          </table></div>
        ) : null}
      </section>
      <section class="card cat-section" data-testid="package-plans-admin">
        <div class="admin-toolbar">
          <h2 class="section-title">{t("catalog.package.title")}</h2>
          <button type="button" class="btn btn-primary" data-testid="package-add" onClick={() => setPkg("new")}>
            {t("catalog.add")}
          </button>
        </div>
        {packages.error ? <ErrorBanner error={packages.error} testId="packages-error" /> : null}
        {packages.list && packages.list.length === 0 ? <p class="muted">{t("catalog.empty")}</p> : null}
        {packages.list && packages.list.length > 0 ? (
          <div class="cat-table-wrap"><table class="ledger-table cat-table">
            <thead><tr>
              <th>{t("catalog.col.name")}</th><th>{t("catalog.package.service")}</th>
              <th class="num">{t("catalog.package.sessions")}</th><th class="num">{t("catalog.package.validDays")}</th>
              <th class="num">{t("catalog.col.price")}</th><th>{t("catalog.col.status")}</th>
              <th class="num">{t("catalog.col.used")}</th><th>{t("catalog.col.actions")}</th>
            </tr></thead>
            <tbody>
              {packages.list.map((p) => (
                <tr key={p.id} data-testid="package-row" data-id={p.id} data-name={p.name} data-active={p.active}
                  class={p.active ? "" : "cat-row-off"}>
                  <td>{p.name}</td>
                  <td>{serviceName(p.serviceId)}</td>
                  <td class="num">{t("catalog.package.sessionsN", { n: p.sessions })}</td>
                  <td class="num">{t("catalog.package.daysN", { n: p.validDays })}</td>
                  <td class="num mono">{money(p.price)}</td>
                  <td><StatusPill active={p.active} ended /></td>
                  <td class="num" data-testid="package-used">{p.used}</td>
                  <RowActions testId="package" active={p.active} ends onEdit={() => setPkg(p)}
                    onToggle={() => void packages.run(() => setPackagePlanActive(p.id, !p.active))} />
                </tr>
              ))}
            </tbody>
          </table></div>
        ) : null}
      </section>
      {topUp !== null ? (
        <TopUpPlanDialog plan={topUp === "new" ? null : topUp} onClose={() => setTopUp(null)}
          onSaved={(next) => { topUps.setList(next); setTopUp(null); saved(); }} />
      ) : null}
      {pkg !== null ? (
        <PackagePlanDialog plan={pkg === "new" ? null : pkg} services={services} onClose={() => setPkg(null)}
          onSaved={(next) => { packages.setList(next); setPkg(null); saved(); }} />
      ) : null}
    </>
  );
}
