// A report's table, formatted for the locale by its columns' kinds (money in yuan, percentages,
// ratings, dates, codes and unnamed stores in words). Headers are `reports.col.<key>`; a code's words are
// `reports.code.<key>.<value>`. The same table is what the chart beside it draws and what the
// export writes.
import type { ColumnKind, ReportTable, ReportValue } from "../lib/backend/bindings";
import { useI18n, type MessageKey } from "../lib/i18n";
import { formatFigure } from "../screens/reports/format";
import { storeName } from "../screens/reports/store-names";

type Props = {
  table: ReportTable; testId: string; maxRows?: number;
  /** Columns not shown (an id the export keeps, the screen does not need). */
  hide?: string[];
};

/** More columns than this and the table is set tighter (it must fit 1024 px without scrolling). */
const DENSE_FROM_COLUMNS = 8;

export function ReportTableView(props: Props) {
  const { t, money, date, month, count } = useI18n();
  const hidden = new Set(props.hide ?? []);
  const shown = props.table.columns.map((c, i) => ({ c, i })).filter(({ c }) => !hidden.has(c.key));
  const { table } = props;
  const rows = props.maxRows ? table.rows.slice(0, props.maxRows) : table.rows;
  const cell = (kind: ColumnKind, key: string, v: ReportValue): string => {
    if (v === null) return "—";
    if (kind === "store") return storeName(v, t);
    if (typeof v === "string") {
      if (kind === "code") return t(`reports.code.${key}.${v}` as MessageKey);
      if (kind === "date") return date(v);
      if (kind === "month") return month(v);
      return v;
    }
    return formatFigure(kind, v, { money, count });
  };
  const numeric = (k: ColumnKind) => k === "money" || k === "count" || k === "percent" || k === "rating";
  return (
    <div class="report-table-wrap">
      <table class={`table report-table ${shown.length > DENSE_FROM_COLUMNS ? "report-table-dense" : ""}`} data-testid={props.testId}>
        <thead>
          <tr>
            {shown.map(({ c }) => (
              <th key={c.key} class={numeric(c.kind) ? "num" : ""}>{t(`reports.col.${c.key}` as MessageKey)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {shown.map(({ c, i: j }) => (
                <td key={c.key} class={numeric(c.kind) ? "num" : ""}>{cell(c.kind, c.key, r[j] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
