// Reports (报表, issue 18): the owner's view of the store (and, on a head-office device, of the
// chain). A period bar (day, week, month, year, custom; compared with the previous period and
// last year) over tabs, one report each; every chart has its table beside it and every table
// exports. Managers and the owner (`view_reports`); the chain console is the owner's
// (`manage_chain`), which has no period: the bar is not shown there.
import { useEffect, useState } from "preact/hooks";
import type { ChainStore, Granularity, ReportQuery, Session } from "../lib/backend/bindings";
import { reportStores } from "../lib/backend/commands-reports";
import { CHAIN, PeriodBar } from "./reports/period-bar";
import { granularityFor, moveAnchor, periodOf, type PeriodKind } from "./reports/period";
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

/** What every tab gets: the period asked for, who is asking, the stores it may pick from. */
export type ReportTabProps = {
  session: Session; query: ReportQuery; notify: (text: string) => void;
  /** The stores this device can report on (its own first; more on a head office). */
  stores: ChainStore[];
};

export function Reports(props: Props) {
  const { t } = useI18n();
  const offset = useStoreOffset();
  const tab = props.tab ?? "sales";
  const today = storeDay(offset);
  const [kind, setKind] = useState<PeriodKind>("month");
  const [anchor, setAnchor] = useState<string | null>(null);
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [granularity, setGranularity] = useState<Granularity>("day");
  const [store, setStore] = useState<string>("");
  const [stores, setStores] = useState<ChainStore[]>([]);
  useEffect(() => {
    reportStores().then(setStores, () => setStores([]));
  }, []);
  const at = anchor ?? today;
  const range = kind === "custom" ? custom ?? periodOf("month", today) : periodOf(kind, at);
  const query: ReportQuery = {
    from: range.from, to: range.to, granularity,
    storeId: store && store !== CHAIN ? store : null, chain: store === CHAIN,
  };
  const pick = (k: PeriodKind) => {
    if (k === "custom") setCustom(range);
    setKind(k);
    setGranularity(granularityFor(k));
  };
  const tabs = REPORT_TABS.filter((x) => x !== "chain" || can(props.session, "manage_chain"));
  const body = { session: props.session, query, notify: props.notify, stores };
  return (
    <main class="screen reports-screen" data-testid="reports-screen">
      <header class="reports-head">
        <h1 class="screen-title">{t("reports.title")}</h1>
        {tab === "chain" ? null : <PeriodBar kind={kind} range={range} granularity={granularity} onKind={pick}
          onMove={kind === "custom" ? null : (step) => setAnchor(moveAnchor(kind, at, step))}
          onCustom={(r) => setCustom(r)} onGranularity={setGranularity}
          stores={stores} store={store} onStore={setStore} />}
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
