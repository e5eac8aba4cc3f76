// Back office → Export data: members, sales (lines and payments), ledgers or stock, to Excel or
// CSV, written by the core into the data folder's exports/ (the app has no save dialog), with a
// progress bar for big stores and the result: where the files are, how many rows, and whether
// phones and sensitive notes were masked for this role (decided by the core, not here).
import { useEffect, useRef, useState } from "preact/hooks";
import type {
  ApiError, ExportDatasetInput, ExportFormatInput, ExportProgress, ExportResultView, PeriodInput,
} from "../../lib/backend/bindings";
import { exportData } from "../../lib/backend/commands-exports";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { ErrorBanner } from "../../components/error-banner";
import { PeriodFilter, storeDay, useStoreOffset } from "../../components/period-filter";
import type { AdminProps } from "./props";
import { ProgressBar } from "../../components/progress-bar";

const DATASETS: ExportDatasetInput[] = ["members", "sales", "ledgers", "stock"];
const FORMATS: ExportFormatInput[] = ["xlsx", "csv"];

export function ExportsAdmin(_props: AdminProps) {
  const { t, count, locale } = useI18n();
  const offset = useStoreOffset();
  const [dataset, setDataset] = useState<ExportDatasetInput>("members");
  const [format, setFormat] = useState<ExportFormatInput>("xlsx");
  const [period, setPeriod] = useState<PeriodInput | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResultView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const outcome = useRef<HTMLDivElement>(null);

  // The result (or the error) is below the form: bring it into view when it arrives.
  useEffect(() => {
    if (result || error) outcome.current?.scrollIntoView({ block: "nearest" });
  }, [result, error]);

  // This month so far, in the store's days, until she picks another period.
  const shown: PeriodInput = period ?? { from: `${storeDay(offset).slice(0, 8)}01`, to: storeDay(offset) };
  const needsPeriod = dataset !== "members";

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: 0 });
    try {
      const lang = locale === "en" ? "en" : "zh-CN";
      setResult(await exportData({ dataset, format, period: needsPeriod ? shown : { from: null, to: null }, lang }, setProgress));
    } catch (reason) {
      setError(toApiError(reason));
      setProgress(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card export-admin" data-testid="exports-admin" data-busy={busy}>
      <h2 class="section-title">{t("admin.section.exports")}</h2>
      <p class="muted">{t("exports.intro")}</p>

      <div class="field">
        <span class="field-label" id="export-dataset-label">{t("exports.dataset")}</span>
        <div class="export-choices" role="radiogroup" aria-labelledby="export-dataset-label" data-testid="export-dataset">
          {DATASETS.map((d) => (
            <button key={d} type="button" role="radio" aria-checked={dataset === d} data-testid={`export-dataset-${d}`}
              class={`export-choice ${dataset === d ? "active" : ""}`} disabled={busy}
              onClick={() => { setDataset(d); setResult(null); }}>
              <span class="export-choice-name">{t(`exports.dataset.${d}`)}</span>
              <span class="export-choice-hint">{t(`exports.dataset.${d}.hint`)}</span>
            </button>
          ))}
        </div>
      </div>

      {needsPeriod ? (
        <PeriodFilter testId="export-period" value={shown} onChange={(p) => { setPeriod(p); setResult(null); }} />
      ) : (
        <p class="muted" data-testid="export-as-of-now">{t("exports.asOfNow")}</p>
      )}

      <div class="field">
        <span class="field-label" id="export-format-label">{t("exports.format")}</span>
        <div class="segmented export-format" role="radiogroup" aria-labelledby="export-format-label" data-testid="export-format">
          {FORMATS.map((f) => (
            <button key={f} type="button" role="radio" aria-checked={format === f} data-testid={`export-format-${f}`}
              class={`segment ${format === f ? "active" : ""}`} disabled={busy} onClick={() => setFormat(f)}>
              {t(`exports.format.${f}`)}
            </button>
          ))}
        </div>
        <span class="field-hint">{t(`exports.format.${format}.hint`)}</span>
      </div>

      <div class="admin-toolbar">
        <button type="button" class="btn btn-primary" data-testid="export-run" disabled={busy} onClick={() => void run()}>
          {busy ? t("exports.running") : t("exports.run")}
        </button>
      </div>

      {progress && (busy || result) ? (
        <ProgressBar done={progress.done} total={progress.total} finished={result !== null} testId="export-progress" />
      ) : null}

      <div ref={outcome} class="export-outcome">
        {error ? <ErrorBanner error={error} testId="export-error" /> : null}

        {result ? (
          <div class="banner export-result" role="status" data-testid="export-result" data-rows={result.rows}
            data-masked={result.masked}>
            <div>
              <div>{t("exports.done", { n: count(result.rows) })}</div>
              <ul class="export-files">
                {result.files.map((f) => <li key={f} class="mono" data-testid="export-file">{f}</li>)}
              </ul>
              <div class="banner-detail">{t("exports.where", { folder: result.folder })}</div>
              <div class="banner-detail" data-testid="export-masked">
                {result.masked ? t("exports.masked") : t("exports.unmasked")}
              </div>
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
