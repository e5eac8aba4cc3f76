// What a dry run found (or an import did): the counts, then the refused rows — row number,
// reason in words, the column at fault — with the full list downloadable as a CSV file.
import type { ImportReportView } from "../../lib/backend/bindings";
import { useI18n, type MessageKey } from "../../lib/i18n";
import { fieldName } from "./import-mapping";

/** Refused rows shown on screen; the downloaded file has every one. */
const SHOWN = 200;

export function ImportReport(props: { report: ImportReportView; done: boolean }) {
  const { t, count } = useI18n();
  const { report, done } = props;
  const stats: [string, number, string][] = [
    ["rows", report.rows, t("import.count.rows")],
    ["added", report.added, done ? t("import.done.added") : t("import.count.added")],
    ["updated", report.updated, done ? t("import.done.updated") : t("import.count.updated")],
    ["unchanged", report.unchanged, t("import.count.unchanged")],
    ["refused", report.refused.length, t("import.count.refused")],
  ];
  return (
    <div class="import-report" data-testid={done ? "import-result" : "import-summary"}>
      <h3 class="section-title">{done ? t("import.result") : t("import.summary")}</h3>
      <dl class="stats import-stats">
        {stats.map(([key, n, label]) => (
          <div key={key} class={key === "refused" && n > 0 ? "import-stat-refused" : undefined}>
            <dt>{label}</dt>
            <dd class="mono" data-testid={`import-count-${key}`} data-value={n}>{count(n)}</dd>
          </div>
        ))}
      </dl>
      {report.refused.length > 0 ? (
        <div class="records-scroll">
          <h4 class="import-subtitle">{t("import.refusedTitle")}</h4>
          <table class="ledger-table records-table" data-testid="import-refused">
            <thead>
              <tr>
                <th>{t("import.col.row")}</th>
                <th>{t("import.col.reason")}</th>
                <th>{t("import.col.field")}</th>
              </tr>
            </thead>
            <tbody>
              {report.refused.slice(0, SHOWN).map((r) => (
                <tr key={`${r.row}-${r.field}`} data-testid="import-refused-row" data-row={r.row} data-reason={r.reason}>
                  <td class="mono">{r.row}</td>
                  <td>{t(`import.reason.${r.reason}` as MessageKey)}</td>
                  <td class="nowrap">{fieldName(t, r.field)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.refused.length > SHOWN ? (
            <p class="muted">{t("import.moreRefused", { n: count(report.refused.length - SHOWN) })}</p>
          ) : null}
        </div>
      ) : (
        <p class="muted" data-testid="import-refused-none">{t("import.refusedNone")}</p>
      )}
    </div>
  );
}
