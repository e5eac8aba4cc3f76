// The Sales tab: revenue, sales and average ticket against the previous period and last year;
// revenue over time (line), by hour × weekday (heat map), by category and the top services and
// products (bars), by payment method (money received vs value consumed), and for the whole
// chain the stores side by side. Every chart has its table beside it; every table exports.
import { useMemo } from "preact/hooks";
import type { ReportTable } from "../../lib/backend/bindings";
import { Chart } from "../../components/chart";
import { ErrorBanner } from "../../components/error-banner";
import { useI18n, type MessageKey } from "../../lib/i18n";
import type { ReportTabProps } from "../reports";
import { barsOption, heatOption, lineOption, pieOption } from "./charts";
import { KpiCards } from "./kpi-cards";
import { ReportSection } from "./report-section";
import { withStoreNames } from "./store-names";
import { useReport } from "./use-report";

export function SalesReport(props: ReportTabProps) {
  const { t, date } = useI18n();
  const { data, error, loading } = useReport("sales", props.query);
  const table = (id: string) => data?.tables.find((x) => x.id === id) ?? null;
  const code = (key: string) => (v: string) => t(`reports.code.${key}.${v}` as MessageKey);
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => t(`reports.code.weekday.${d}` as MessageKey));
  const charts = useMemo(() => {
    if (!data) return null;
    const revenue = t("reports.col.revenue");
    const g = (id: string) => data.tables.find((x) => x.id === id) as ReportTable;
    return {
      by_period: lineOption(g("by_period"), "revenue", revenue, date),
      by_hour: heatOption(g("by_hour"), weekdays),
      by_category: barsOption(g("by_category"), "category", "revenue", revenue, (c) => c || t("reports.uncategorised")),
      top_services: barsOption(g("top_services"), "item", "revenue", revenue),
      top_products: barsOption(g("top_products"), "item", "revenue", revenue),
      by_payment: pieOption(g("by_payment"), code("method")),
      by_store: table("by_store") ? barsOption(withStoreNames(g("by_store"), t), "store", "revenue", revenue) : null,
    };
  }, [data]);
  if (error) return <ErrorBanner error={error} testId="sales-report-error" />;
  if (!data || !charts) return <p class="muted" data-testid="sales-report-loading">{loading ? t("reports.loading") : ""}</p>;
  const section = (id: keyof typeof charts, height?: number) => {
    const tb = table(id);
    const option = charts[id];
    if (!tb) return null;
    return (
      <ReportSection name="sales" query={props.query} table={tb}
        chart={option ? <Chart option={option} testId={`chart-${id}`} height={height}
          label={t(`reports.table.${id}` as MessageKey)} /> : undefined} />
    );
  };
  return (
    <div class="report-tab" data-testid="sales-report">
      <KpiCards kpis={data.kpis} testId="sales-kpis" />
      {section("by_period")}
      {section("by_store")}
      {section("by_hour", 300)}
      {section("by_payment")}
      {section("by_category")}
      {section("top_services")}
      {section("top_products")}
    </div>
  );
}
