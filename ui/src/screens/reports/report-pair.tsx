// One report table with its chart beside it (side by side on a wide screen, stacked at 1024 px):
// the table's title is `reports.table.<id>`. No chart: the table alone.
import type { ReportTable } from "../../lib/backend/bindings";
import { Chart, type ChartOption } from "../../components/chart";
import { ReportTableView } from "../../components/report-table";
import { useI18n, type MessageKey } from "../../lib/i18n";

type Props = { table: ReportTable | undefined; chart?: ChartOption; height?: number; maxRows?: number };

export function ReportPair(props: Props) {
  const { t } = useI18n();
  const table = props.table;
  if (!table) return null;
  const title = t(`reports.table.${table.id}` as MessageKey);
  return (
    <section class="card rm-pair" data-testid={`report-${table.id}`}>
      <h2 class="section-title">{title}</h2>
      {table.rows.length === 0 ? <p class="muted" data-testid={`report-${table.id}-empty`}>{t("reportMembers.empty")}</p> : (
        <div class={props.chart ? "rm-pair-body" : ""}>
          {props.chart ? <Chart option={props.chart} testId={`chart-${table.id}`} label={title} height={props.height} /> : null}
          <ReportTableView table={table} testId={`table-${table.id}`} maxRows={props.maxRows} />
        </div>
      )}
    </section>
  );
}
