// A report table with its chart drawn from a chart option (the members, campaigns and stock
// tabs): the same section as every other tab's (report-section.tsx: title, export buttons, the
// chart beside or above the table). No table in the report: nothing.
import type { ReportName, ReportQuery, ReportTable } from "../../lib/backend/bindings";
import { Chart, type ChartOption } from "../../components/chart";
import { useI18n, type MessageKey } from "../../lib/i18n";
import { ReportSection } from "./report-section";

type Props = {
  name: ReportName; query: ReportQuery; table: ReportTable | undefined; chart?: ChartOption; height?: number;
};

export function ReportPair(props: Props) {
  const { t } = useI18n();
  const table = props.table;
  if (!table) return null;
  const chart = props.chart
    ? <Chart option={props.chart} testId={`chart-${table.id}`} label={t(`reports.table.${table.id}` as MessageKey)}
      height={props.height} />
    : undefined;
  return <ReportSection name={props.name} query={props.query} table={table} chart={chart} />;
}
