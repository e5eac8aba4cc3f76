// The campaigns tab (营销效果): each campaign that ran in the period with its results (the same
// figures as its results panel in the back office), spend per reached member against per
// held-out member as bars, and the coupons used with the discount they gave.
import { useMemo } from "preact/hooks";
import { ErrorBanner } from "../../components/error-banner";
import { useI18n } from "../../lib/i18n";
import type { ReportTabProps } from "../reports";
import { ReportPair } from "./report-pair";
import { KpiCards } from "./kpi-cards";
import { campaignChart, couponChart } from "./report-charts";
import { OwnStoreOnly } from "./own-store-only";
import { useReport } from "./use-report";
import "../../styles/report-members.css";

export function CampaignsReport(props: ReportTabProps) {
  const { t, locale } = useI18n();
  const { data: report, error } = useReport("campaigns", props.query);
  const table = (id: string) => report?.tables.find((x) => x.id === id);
  const charts = useMemo(() => {
    const words = (k: string) => t(k as never);
    const results = report?.tables.find((x) => x.id === "campaigns_results");
    const coupons = report?.tables.find((x) => x.id === "campaigns_coupons");
    return {
      results: results ? campaignChart(results, words) : undefined,
      coupons: coupons ? couponChart(coupons, words) : undefined,
    };
  }, [report, locale]);
  if (error) return <ErrorBanner error={error} testId="campaigns-report-error" />;
  if (!report) return <p class="muted">{t("reportMembers.loading")}</p>;
  return (
    <div class="report-tab" data-testid="campaigns-report">
      <OwnStoreOnly what="campaigns" query={props.query} stores={props.stores} />
      <KpiCards kpis={report.kpis} testId="campaigns-kpis" />
      <ReportPair name="campaigns" query={props.query} table={table("campaigns_results")} chart={charts.results} height={260} />
      <ReportPair name="campaigns" query={props.query} table={table("campaigns_coupons")} chart={charts.coupons} height={240} />
    </div>
  );
}
