// The stock tab (库存分析): on hand and its value at cost, units sold in the period, the slow
// movers (bars: on hand beside sold) and the products low on stock (the back office's rule).
import { useMemo } from "preact/hooks";
import { ErrorBanner } from "../../components/error-banner";
import { useI18n } from "../../lib/i18n";
import type { ReportTabProps } from "../reports";
import { ReportPair } from "./report-pair";
import { KpiCards } from "./kpi-cards";
import { slowChart } from "./report-charts";
import { OwnStoreOnly } from "./own-store-only";
import { useReport } from "./use-report";
import "../../styles/report-members.css";

export function StockReport(props: ReportTabProps) {
  const { t, locale } = useI18n();
  const { data: report, error } = useReport("stock", props.query);
  const table = (id: string) => report?.tables.find((x) => x.id === id);
  const slow = useMemo(() => {
    const s = report?.tables.find((x) => x.id === "stock_slow_movers");
    return s ? slowChart(s, (k: string) => t(k as never)) : undefined;
  }, [report, locale]);
  if (error) return <ErrorBanner error={error} testId="stock-report-error" />;
  if (!report) return <p class="muted">{t("reportMembers.loading")}</p>;
  return (
    <div class="report-tab" data-testid="stock-report">
      <OwnStoreOnly what="stock" query={props.query} stores={props.stores} />
      <KpiCards kpis={report.kpis} testId="stock-kpis" />
      <ReportPair name="stock" query={props.query} table={table("stock_slow_movers")} chart={slow} height={300} />
      <ReportPair name="stock" query={props.query} table={table("stock_low")} />
      <ReportPair name="stock" query={props.query} table={table("stock_products")} />
    </div>
  );
}
