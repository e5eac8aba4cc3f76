// One section of a report: its title, the chart and the table the chart draws, with the table's
// export buttons (CSV, Excel) and the path of the file written. Chart and table sit side by side
// only where both fit (a wide screen and a table of few columns); otherwise the table goes under
// the chart, at full width, so no report table scrolls sideways at 1280 or 1024 px.
import { useState } from "preact/hooks";
import type { ComponentChildren } from "preact";
import type { ApiError, ReportName, ReportQuery, ReportTable } from "../../lib/backend/bindings";
import { exportReport } from "../../lib/backend/commands-reports";
import { ErrorBanner } from "../../components/error-banner";
import { ReportTableView } from "../../components/report-table";
import { useI18n, type MessageKey } from "../../lib/i18n";

type Props = {
  name: ReportName;
  query: ReportQuery;
  table: ReportTable;
  /** The chart; none: the table alone. */
  chart?: ComponentChildren;
  /** The export's table id when it differs from the table's (one staff member's statement). */
  exportId?: string;
  hide?: string[];
  /** Extra controls in the header (a staff picker, a print button). */
  actions?: ComponentChildren;
};

export function ExportButtons(props: { name: ReportName; query: ReportQuery; tableId: string }) {
  const { t, locale } = useI18n();
  const [file, setFile] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (format: "csv" | "xlsx") => {
    setBusy(true);
    setError(null);
    exportReport({ name: props.name, query: props.query, tableId: props.tableId, format, lang: locale }).then(
      (done) => { setFile(done.files.join(", ")); setBusy(false); },
      (e: ApiError) => { setError(e); setBusy(false); },
    );
  };
  const id = props.tableId.split("@")[0];
  return (
    <div class="report-export">
      <button type="button" class="btn btn-ghost btn-small" disabled={busy} data-testid={`export-csv-${id}`}
        onClick={() => run("csv")}>{t("reports.export.csv")}</button>
      <button type="button" class="btn btn-ghost btn-small" disabled={busy} data-testid={`export-xlsx-${id}`}
        onClick={() => run("xlsx")}>{t("reports.export.xlsx")}</button>
      {file ? <div class="report-export-file muted" data-testid={`export-file-${id}`}>{t("reports.export.saved", { file })}</div> : null}
      {error ? <ErrorBanner error={error} testId={`export-error-${id}`} /> : null}
    </div>
  );
}

/** The most columns a table may have to sit beside its chart (in two fifths of a 1280 screen). */
export const BESIDE_MAX_COLUMNS = 3;

export function ReportSection(props: Props) {
  const { t } = useI18n();
  const id = props.table.id;
  const hidden = new Set(props.hide ?? []);
  const columns = props.table.columns.filter((c) => !hidden.has(c.key)).length;
  const beside = columns <= BESIDE_MAX_COLUMNS;
  return (
    <section class="card report-section" data-testid={`report-section-${id}`}>
      <header class="report-section-head">
        <h2 class="report-section-title">{t(`reports.table.${id}` as MessageKey)}</h2>
        <div class="report-section-actions">
          {props.actions}
          {props.table.rows.length > 0
            ? <ExportButtons name={props.name} query={props.query} tableId={props.exportId ?? id} /> : null}
        </div>
      </header>
      {props.table.rows.length === 0 ? (
        <p class="muted" data-testid={`report-empty-${id}`}>{t("reports.empty")}</p>
      ) : (
        <div class={props.chart ? `report-pair ${beside ? "report-pair-beside" : ""}` : ""}>
          {props.chart ? <div class="report-chart">{props.chart}</div> : null}
          <ReportTableView table={props.table} testId={`report-table-${id}`} hide={props.hide} />
        </div>
      )}
    </section>
  );
}
