// The Staff tab: per staff member the revenue credited (her share of shared lines), services
// done, products sold, commission earned, average rating and complaints (bars beside the table);
// and one staff member's commission statement for the month (date, receipt, item, share, base,
// rate, commission), printable (only the statement prints) and exportable.
import { useMemo, useState } from "preact/hooks";
import type { ReportTable } from "../../lib/backend/bindings";
import { Chart } from "../../components/chart";
import { ErrorBanner } from "../../components/error-banner";
import { useI18n } from "../../lib/i18n";
import type { ReportTabProps } from "../reports";
import { barsOption } from "./charts";
import { KpiCards } from "./kpi-cards";
import { ReportSection } from "./report-section";
import { useReport } from "./use-report";

/** The statement lists a month at most (the core leaves it empty past 31 days). */
const STATEMENT_MAX_DAYS = 31;

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function StaffReport(props: ReportTabProps) {
  const { t, money } = useI18n();
  const { data, error, loading } = useReport("staff", props.query);
  const [chosen, setChosen] = useState<string>("");
  const byStaff = data?.tables.find((x) => x.id === "by_staff") ?? null;
  const lines = data?.tables.find((x) => x.id === "commission_lines") ?? null;
  const staffList = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of [...(byStaff?.rows ?? []), ...(lines?.rows ?? [])]) seen.set(String(r[0]), String(r[1]));
    return [...seen.entries()];
  }, [data]);
  const who = chosen && staffList.some(([id]) => id === chosen) ? chosen : staffList[0]?.[0] ?? "";
  const statement: ReportTable | null = lines ? { ...lines, rows: lines.rows.filter((r) => r[0] === who) } : null;
  const total = statement?.rows.reduce((s, r) => s + (typeof r[8] === "number" ? r[8] : 0), 0) ?? 0;
  const chart = useMemo(
    () => (byStaff ? barsOption(byStaff, "staff", "revenue", t("reports.col.revenue")) : null),
    [data],
  );
  if (error) return <ErrorBanner error={error} testId="staff-report-error" />;
  if (!data || !byStaff || !statement) {
    return <p class="muted" data-testid="staff-report-loading">{loading ? t("reports.loading") : ""}</p>;
  }
  const tooLong = days(props.query.from, props.query.to) > STATEMENT_MAX_DAYS || props.query.chain;
  const whoName = staffList.find(([id]) => id === who)?.[1] ?? "";
  return (
    <div class="report-tab" data-testid="staff-report">
      <KpiCards kpis={data.kpis} testId="staff-kpis" />
      <ReportSection name="staff" query={props.query} table={byStaff} hide={["staff_id"]}
        chart={chart ? <Chart option={chart} testId="chart-by_staff" label={t("reports.table.by_staff")} /> : undefined} />
      <div class="commission-statement">
        {tooLong ? (
          <section class="card report-section">
            <h2 class="report-section-title">{t("reports.table.commission_lines")}</h2>
            <p class="muted" data-testid="statement-pick-month">{t("reports.statement.pickMonth")}</p>
          </section>
        ) : (
          <ReportSection name="staff" query={props.query} table={statement} hide={["staff_id", "staff"]}
            exportId={`commission_lines@${who}`}
            actions={
              <>
                <select class="input statement-staff" value={who} data-testid="statement-staff"
                  aria-label={t("reports.col.staff")} onChange={(e) => setChosen(e.currentTarget.value)}>
                  {staffList.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
                </select>
                <button type="button" class="btn btn-ghost" data-testid="statement-print"
                  onClick={() => window.print()}>{t("reports.statement.print")}</button>
              </>
            } />
        )}
        {!tooLong && who ? (
          <p class="statement-total" data-testid="statement-total">
            {t("reports.statement.total", { name: whoName, amount: money(total) })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
