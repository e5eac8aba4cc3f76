// Back office → Member list (会员筛选): filters that combine, the count answered live as they
// change (the core counts from its per-member summary, fast enough to ask after a short pause in
// typing), the members a page at a time (phones masked as the role sees them, decided by the
// core), a click to her profile, saved segments for campaigns, the segment's export (Excel/CSV,
// masked and audited as every export) and, for who manages care, the RFM thresholds.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, ExportFormatInput, ExportProgress, ExportResultView, SegmentMemberView } from "../../lib/backend/bindings";
import { exportSegment, segmentCount, segmentPage } from "../../lib/backend/commands-segments";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { can } from "../../lib/route";
import { EMPTY_DRAFT, toDraft, toFilter, type FilterDraft } from "../../lib/segment-filter";
import { ErrorBanner } from "../../components/error-banner";
import { ProgressBar } from "../../components/progress-bar";
import { RfmChip } from "../../components/member-value";
import { RfmSettings } from "../../components/rfm-settings";
import { SavedSegments } from "../../components/segment-saved";
import { SegmentFilters } from "../../components/segment-filters";
import { TierBadge } from "../../components/tier-badge";
import type { AdminProps } from "./props";
import "../../styles/segments.css";

const PAGE = 50;
/** A short pause after the last keystroke before asking again. */
const PAUSE_MS = 150;

export function SegmentsAdmin(props: AdminProps) {
  const { t, money, date, count, locale } = useI18n();
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_DRAFT);
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<SegmentMemberView[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(true);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [exported, setExported] = useState<ExportResultView | null>(null);
  const asked = useRef(0);
  const parsed = toFilter(draft);
  const filter = parsed.ok ? parsed.filter : null;
  const key = JSON.stringify(filter);

  // The count and the first page for the filter shown; an answer to an older filter is dropped.
  useEffect(() => {
    if (!filter) return;
    const n = ++asked.current;
    setBusy(true);
    const timer = setTimeout(() => {
      Promise.all([segmentCount(filter), segmentPage(filter, null, PAGE)]).then(([c, page]) => {
        if (n !== asked.current) return;
        setTotal(c);
        setRows(page.members);
        setNext(page.next);
        setError(null);
        setBusy(false);
      }, (e) => {
        if (n !== asked.current) return;
        setError(toApiError(e));
        setBusy(false);
      });
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  const more = async () => {
    if (!filter || next === null) return;
    try {
      const page = await segmentPage(filter, next, PAGE);
      setRows((had) => [...(had ?? []), ...page.members]);
      setNext(page.next);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const runExport = async (format: ExportFormatInput) => {
    if (!filter) return;
    setError(null);
    setExported(null);
    setProgress({ done: 0, total: 0 });
    try {
      setExported(await exportSegment({ filter, format, lang: locale === "en" ? "en" : "zh-CN" }, setProgress));
    } catch (e) {
      setError(toApiError(e));
      setProgress(null);
    }
  };

  const invalid = parsed.ok ? (error?.code === "validation" ? error.field : null) : parsed.field;
  const exporting = progress !== null && exported === null && error === null;

  return (
    <div class="segments-admin" data-testid="segments-admin" data-busy={busy} data-count={total ?? ""}>
      <section class="card">
        <div class="admin-toolbar">
          <h2 class="section-title">{t("admin.section.segments")}</h2>
          <span class="segment-count" data-testid="segment-count" aria-live="polite">
            {total === null ? t("common.loading") : t("segments.count", { n: count(total) })}
          </span>
        </div>
        <SavedSegments filter={filter} notify={props.notify} onPick={(s) => setDraft(toDraft(s.filter))} />
        <SegmentFilters draft={draft} onDraft={setDraft} invalid={invalid}
          seesSkin={can(props.session, "see_sensitive_notes")} />
        <div class="admin-toolbar">
          <button type="button" class="btn btn-ghost" data-testid="segment-clear" onClick={() => setDraft(EMPTY_DRAFT)}>
            {t("segments.clear")}
          </button>
          {can(props.session, "export") ? (
            <>
              <button type="button" class="btn btn-secondary" data-testid="segment-export-xlsx" disabled={!filter || exporting}
                onClick={() => void runExport("xlsx")}>{t("segments.export.xlsx")}</button>
              <button type="button" class="btn btn-secondary" data-testid="segment-export-csv" disabled={!filter || exporting}
                onClick={() => void runExport("csv")}>{t("segments.export.csv")}</button>
            </>
          ) : null}
        </div>
        {!parsed.ok ? <p class="field-error" role="alert" data-testid="segment-unreadable">{t("segments.unreadable")}</p> : null}
        {error ? <ErrorBanner error={error} testId="segment-error" /> : null}
        {progress && (exporting || exported) ? (
          <ProgressBar done={progress.done} total={progress.total} finished={exported !== null} testId="segment-export-progress" />
        ) : null}
        {exported ? (
          <div class="banner export-result" role="status" data-testid="segment-exported" data-rows={exported.rows}
            data-masked={exported.masked}>
            <div>
              <div>{t("exports.done", { n: count(exported.rows) })}</div>
              <ul class="export-files">{exported.files.map((f) => <li key={f} class="mono">{f}</li>)}</ul>
              <div class="banner-detail">{exported.masked ? t("exports.masked") : t("exports.unmasked")}</div>
            </div>
          </div>
        ) : null}
      </section>

      <section class="card">
        {rows?.length === 0 && !error ? <p class="muted empty-state" data-testid="segment-empty">{t("segments.empty")}</p> : null}
        {rows && rows.length > 0 ? (
          <div class="records-scroll">
            <table class="ledger-table records-table segment-table" data-testid="segment-table">
              <thead>
                <tr>
                  <th>{t("segments.col.memberNo")}</th>
                  <th>{t("segments.col.name")}</th>
                  <th>{t("segments.col.phone")}</th>
                  <th>{t("segments.col.tier")}</th>
                  <th>{t("segments.col.lastVisit")}</th>
                  <th class="num">{t("segments.col.visits")}</th>
                  <th class="num">{t("segments.col.spend")}</th>
                  <th>{t("segments.col.value")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} class="clickable" data-testid="segment-row" data-member-id={m.id} tabIndex={0}
                    onClick={() => props.onNavigate({ name: "profile", id: m.id })}
                    onKeyDown={(e) => { if (e.key === "Enter") props.onNavigate({ name: "profile", id: m.id }); }}>
                    <td class="mono nowrap">{m.memberNo}</td>
                    <td class="nowrap" data-testid="segment-row-name">{m.name}</td>
                    <td class="mono nowrap" data-testid="segment-row-phone">{m.phone}</td>
                    <td><TierBadge tier={m.tier} /></td>
                    <td class="nowrap">{m.lastVisitAt ? date(m.lastVisitAt) : t("common.none")}</td>
                    <td class="num mono">{m.visits}</td>
                    <td class="num mono">{money(m.spend365)}</td>
                    <td>{m.rfm ? <RfmChip value={m.rfm} /> : t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {next !== null ? (
          <button type="button" class="btn btn-ghost records-more" data-testid="segment-more" onClick={() => void more()}>
            {t("records.loadMore")}
          </button>
        ) : null}
      </section>

      {can(props.session, "manage_care") ? <RfmSettings notify={props.notify} /> : null}
    </div>
  );
}
