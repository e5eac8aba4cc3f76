// Back office → Import: bring members (with their balances), services or products from the
// store's old system. Choose what, choose the file (read here and staged by the backend), check
// the column mapping against the first rows, dry run (counts and refused rows, downloadable), then
// import with a progress bar. The core checks `ImportData` (owner); a refusal shows as a banner.
import { useState } from "preact/hooks";
import type {
  ApiError, ImportField, ImportKind, ImportPreviewView, ImportProgress, ImportReportView,
} from "../../lib/backend/bindings";
import {
  MAX_IMPORT_BYTES, importDryRun, importPreview, importRefusalsFile, importRun, stageImportFile,
} from "../../lib/backend/commands-import";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { ErrorBanner } from "../../components/error-banner";
import { ImportMapping, fieldName } from "./import-mapping";
import { ImportReport } from "./import-report";
import type { AdminProps } from "./props";
import { ProgressBar } from "../../components/progress-bar";

const KINDS: ImportKind[] = ["members", "services", "products"];
type Busy = null | "reading" | "checking" | "importing" | "saving";

export function ImportAdmin(_props: AdminProps) {
  const { t, count, locale } = useI18n();
  const [kind, setKind] = useState<ImportKind>("members");
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [mapping, setMapping] = useState<(ImportField | null)[]>([]);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [result, setResult] = useState<ImportReportView | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<ApiError | string | null>(null);

  const step = async <T,>(what: Busy, work: () => Promise<T>): Promise<T | null> => {
    setBusy(what);
    setError(null);
    try {
      return await work();
    } catch (reason) {
      setError(toApiError(reason));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const loadPreview = async (k: ImportKind) => {
    const p = await step("reading", () => importPreview(k));
    if (p) {
      setPreview(p);
      setMapping(p.mapping);
    }
  };

  const chooseKind = (k: ImportKind) => {
    setKind(k);
    setReport(null);
    setResult(null);
    if (preview) void loadPreview(k);
  };

  const chooseFile = async (file: File | undefined) => {
    setPreview(null);
    setReport(null);
    setResult(null);
    setSaved(null);
    setFileName(file?.name ?? null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setError(t("import.tooBig"));
      return;
    }
    const staged = await step("reading", () => stageImportFile(file));
    if (staged) await loadPreview(kind);
  };

  const changeMapping = (m: (ImportField | null)[]) => {
    setMapping(m);
    // A dry run is of one mapping: a new mapping needs a new one before importing.
    setReport(null);
  };

  const missing = preview ? preview.required.filter((f) => !mapping.includes(f)) : [];

  const dryRun = async () => {
    setResult(null);
    setSaved(null);
    const r = await step("checking", () => importDryRun(kind, mapping));
    if (r) setReport(r);
  };

  const run = async () => {
    setProgress({ done: 0, total: (report?.added ?? 0) + (report?.updated ?? 0) });
    const r = await step("importing", () => importRun(kind, mapping, setProgress));
    if (r) {
      setResult(r);
      setReport(null);
    }
  };

  const download = async () => {
    const v = await step("saving", () => importRefusalsFile(locale));
    if (v) setSaved(v.path);
  };

  const startOver = () => {
    setFileName(null);
    setPreview(null);
    setReport(null);
    setResult(null);
    setProgress(null);
    setSaved(null);
  };

  const shown = result ?? report;

  return (
    <section class="card records import-admin" data-testid="import-admin" data-busy={busy ?? ""}>
      <div class="admin-toolbar">
        <h2 class="section-title">{t("import.title")}</h2>
      </div>
      <p class="muted">{t("import.intro")}</p>

      <div class="records-filters">
        <div class="field">
          <span class="field-label">{t("import.kind")}</span>
          <div class="segmented" role="radiogroup" aria-label={t("import.kind")}>
            {KINDS.map((k) => (
              <button key={k} type="button" role="radio" aria-checked={kind === k} data-testid={`import-kind-${k}`}
                class={kind === k ? "segment active" : "segment"} disabled={busy !== null}
                onClick={() => chooseKind(k)}>
                {t(`import.kind.${k}`)}
              </button>
            ))}
          </div>
        </div>
        <label class="field import-file">
          <span class="field-label">{t("import.file")}</span>
          <input type="file" class="input" data-testid="import-file" accept=".xlsx,.xls,.ods,.csv,.txt"
            disabled={busy !== null} onChange={(e) => void chooseFile(e.currentTarget.files?.[0])} />
          <span class="field-hint">
            {preview && fileName ? t("import.staged", { name: fileName, rows: count(preview.totalRows) }) : t("import.fileHint")}
          </span>
        </label>
      </div>

      {error ? <ErrorBanner error={error} testId="import-error" /> : null}
      {busy === "reading" ? <p class="muted">{t("import.reading")}</p> : null}

      {preview && !result ? (
        <div class="import-step">
          <h3 class="section-title">{t("import.mapping")}</h3>
          <p class="muted">{t("import.mappingHint")}</p>
          <ImportMapping preview={preview} mapping={mapping} onChange={changeMapping} disabled={busy !== null} />
          {missing.map((f) => (
            <p key={f} class="field-error" data-testid="import-missing" data-field={f}>
              {t("import.required", { field: fieldName(t, f) })}
            </p>
          ))}
          <div class="admin-toolbar">
            <button type="button" class="btn btn-secondary" data-testid="import-dry-run"
              disabled={busy !== null || missing.length > 0} onClick={() => void dryRun()}>
              {busy === "checking" ? t("import.checking") : t("import.dryRun")}
            </button>
            {report ? (
              <button type="button" class="btn btn-primary" data-testid="import-run"
                disabled={busy !== null || report.added + report.updated === 0} onClick={() => void run()}>
                {busy === "importing" ? t("import.running") : t("import.run")}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {progress && (busy === "importing" || result) ? (
        <ProgressBar done={progress.done} total={progress.total} finished={result !== null} testId="import-progress" />
      ) : null}

      {shown ? <ImportReport report={shown} done={result !== null} /> : null}
      {shown && shown.refused.length > 0 ? (
        <div class="admin-toolbar">
          <button type="button" class="btn btn-secondary" data-testid="import-download" disabled={busy !== null}
            onClick={() => void download()}>
            {t("import.download")}
          </button>
        </div>
      ) : null}
      {saved ? (
        <div class="banner records-exported" role="status" data-testid="import-saved">
          <div>
            <div>{t("import.downloaded", { path: saved })}</div>
            <div class="banner-detail">{t("import.downloadWhere")}</div>
          </div>
        </div>
      ) : null}
      {result ? (
        <button type="button" class="btn btn-ghost" data-testid="import-again" onClick={startOver}>
          {t("import.again")}
        </button>
      ) : null}
    </section>
  );
}
