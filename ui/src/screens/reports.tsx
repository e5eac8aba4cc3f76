// Reports (报表, issue 18): the owner's view of the store (and, on a head-office device, of the
// chain). A period bar (day, week, month, year, custom; compared with the previous period and
// last year) over tabs, one report each; every chart has its table beside it and every table
// exports. Managers and the owner (`view_reports`); the chain console is the owner's
// (`manage_chain`).
import { useState } from "preact/hooks";
import type { ReportQuery, Session } from "../lib/backend/bindings";
import { storeDay, useStoreOffset } from "../components/period-filter";
import { useI18n, type MessageKey } from "../lib/i18n";
import { can, REPORT_TABS, type ReportTab, type Route } from "../lib/route";
import { CampaignsReport } from "./reports/campaigns";
import { ChainConsole } from "./reports/chain";
import { MembersReport } from "./reports/members";
import { SalesReport } from "./reports/sales";
import { StaffReport } from "./reports/staff";
import { StockReport } from "./reports/stock";

type Props = { session: Session; tab?: ReportTab; onNavigate: (route: Route) => void; notify: (text: string) => void };

/** What every tab gets: the period asked for, who is asking. */
export type ReportTabProps = { session: Session; query: ReportQuery; notify: (text: string) => void };

export function Reports(props: Props) {
  const { t } = useI18n();
  const offset = useStoreOffset();
  const tab = props.tab ?? "sales";
  const today = storeDay(offset);
  // SKELETON: the reports-sales part replaces this with the period bar (day, week, month, year,
  // custom, compared with the previous period and last year).
  const [query] = useState<ReportQuery>({
    from: `${today.slice(0, 8)}01`, to: today, storeId: null, chain: false, granularity: "day",
  });
  const tabs = REPORT_TABS.filter((x) => x !== "chain" || can(props.session, "manage_chain"));
  const body = { session: props.session, query, notify: props.notify };
  return (
    <main class="screen reports-screen" data-testid="reports-screen">
      <header class="reports-head">
        <h1 class="screen-title">{t("reports.title")}</h1>
      </header>
      <nav class="reports-tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={x === tab} data-testid={`reports-tab-${x}`}
            class={`reports-tab ${x === tab ? "active" : ""}`} onClick={() => props.onNavigate({ name: "reports", tab: x })}>
            {t(`reports.tab.${x}` as MessageKey)}
          </button>
        ))}
      </nav>
      <section class="reports-body">
        {tab === "sales" ? <SalesReport {...body} /> : null}
        {tab === "staff" ? <StaffReport {...body} /> : null}
        {tab === "members" ? <MembersReport {...body} /> : null}
        {tab === "campaigns" ? <CampaignsReport {...body} /> : null}
        {tab === "stock" ? <StockReport {...body} /> : null}
        {tab === "chain" ? <ChainConsole {...body} /> : null}
      </section>
    </main>
  );
}
