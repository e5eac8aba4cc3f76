// The members tab (会员分析): new, active, returning and churned members with their rates and
// changes, tiers (bars) and the moves between them, retention cohorts (a heat map), value
// classes (RFM) and how members moved between them, and what the chain owes its members.
// Each chart has its table beside it. Rules: crates/salondesk-core/src/reports/members*.rs.
import { useMemo } from "preact/hooks";
import { ErrorBanner } from "../../components/error-banner";
import { useI18n } from "../../lib/i18n";
import type { ReportTabProps } from "../reports";
import { ReportPair } from "./report-pair";
import { KpiCards } from "./kpi-cards";
import { cohortChart, rfmChart, rfmMovesChart, tierChart } from "./report-charts";
import { useReport } from "./use-report";
import "../../styles/report-members.css";

export function MembersReport(props: ReportTabProps) {
  const { t, money, count, locale } = useI18n();
  const { data: report, error } = useReport("members", props.query);
  const words = (k: string) => t(k as never);
  const table = (id: string) => report?.tables.find((x) => x.id === id);
  const charts = useMemo(() => {
    if (!report) return null;
    const get = (id: string) => report.tables.find((x) => x.id === id);
    const tiers = get("members_tiers");
    const cohorts = get("members_cohorts");
    const rfm = get("members_rfm");
    const moves = get("members_rfm_moves");
    return {
      tiers: tiers ? tierChart(tiers, words) : undefined,
      cohorts: cohorts ? cohortChart(cohorts, words) : undefined,
      rfm: rfm ? rfmChart(rfm, words) : undefined,
      moves: moves ? rfmMovesChart(moves, words) : undefined,
    };
  }, [report, locale]);
  if (error) return <ErrorBanner error={error} testId="members-report-error" />;
  if (!report || !charts) return <p class="muted" data-testid="members-report-loading">{t("reportMembers.loading")}</p>;
  const owed = table("members_liability")?.rows[0] ?? [];
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  return (
    <div class="report-tab" data-testid="members-report">
      <KpiCards kpis={report.kpis} testId="members-kpis" />
      <p class="muted rm-note">{t("reportMembers.rules")}</p>
      <ReportPair name="members" query={props.query} table={table("members_tiers")} chart={charts.tiers} height={240} />
      <ReportPair name="members" query={props.query} table={table("members_cohorts")} chart={charts.cohorts} height={380} />
      <ReportPair name="members" query={props.query} table={table("members_rfm")} chart={charts.rfm} height={240} />
      <ReportPair name="members" query={props.query} table={table("members_rfm_moves")} chart={charts.moves} height={260} />
      <ReportPair name="members" query={props.query} table={table("members_tier_moves")} />
      <section class="card report-section" data-testid="report-section-members_liability">
        <h2 class="report-section-title">{t("reports.table.members_liability")}</h2>
        <dl class="rm-figures">
          <div><dt>{t("reports.col.members_sv_principal")}</dt><dd data-testid="liability-principal">{money(n(owed[0]))}</dd></div>
          <div><dt>{t("reports.col.members_sv_bonus")}</dt><dd data-testid="liability-bonus">{money(n(owed[1]))}</dd></div>
          <div><dt>{t("reports.col.members_sv_total")}</dt><dd data-testid="liability-total">{money(n(owed[2]))}</dd></div>
          <div><dt>{t("reports.col.members_points")}</dt><dd data-testid="liability-points">{count(n(owed[3]))}</dd></div>
          <div><dt>{t("reports.col.members_points_value")}</dt><dd data-testid="liability-points-value">{money(n(owed[4]))}</dd></div>
        </dl>
        <p class="muted rm-note">{t("reportMembers.liabilityNote")}</p>
      </section>
    </div>
  );
}
