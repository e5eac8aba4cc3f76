// Back office: the audit log (操作日志) — refunds, voids, discounts, overrides, the drawer,
// rule and staff changes — filtered by period, staff and kind, newest first, a page at a time,
// and exported to CSV (written by the core into the data folder's exports/, shown here).
import { useEffect, useState } from "preact/hooks";
import type { AuditFilterInput, PageCursor, StaffBrief } from "../../lib/backend/bindings";
import { listStaff } from "../../lib/backend/commands";
import { auditActions, auditLog, exportAuditLog } from "../../lib/backend/commands-records";
import { toApiError } from "../../lib/backend/errors";
import { actionName, auditSummary } from "../../lib/audit-words";
import { useI18n } from "../../lib/i18n";
import { ErrorBanner } from "../../components/error-banner";
import { usePagedList } from "../../lib/use-paged-list";
import { PeriodFilter } from "../../components/period-filter";
import type { AdminProps } from "./props";

const PAGE = 50;

export function AuditAdmin(_props: AdminProps) {
  const { t, money, dateTime, locale } = useI18n();
  const [filter, setFilter] = useState<AuditFilterInput>({ period: { from: null, to: null }, staffId: null, action: null });
  const { rows: entries, next, error, setError, busy, load } = usePagedList(
    (f: AuditFilterInput, after: PageCursor | null) => auditLog(f, after, PAGE).then((p) => ({ rows: p.entries, next: p.next })),
  );
  const [staff, setStaff] = useState<StaffBrief[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);


  useEffect(() => {
    listStaff().then(setStaff, () => setStaff([]));
    auditActions().then(setActions, () => setActions([]));
  }, []);
  useEffect(() => {
    setExported(null);
    void load(filter, null);
  }, [filter]);

  const exportCsv = async () => {
    setExporting(true);
    setError(null);
    try {
      setExported((await exportAuditLog(filter, locale)).path);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section class="card records" data-testid="audit-admin" data-busy={busy}>
      <div class="admin-toolbar">
        <h2 class="section-title">{t("records.audit.title")}</h2>
        <button type="button" class="btn btn-secondary" data-testid="audit-export" disabled={exporting}
          onClick={() => void exportCsv()}>
          {exporting ? t("records.audit.exporting") : t("records.audit.export")}
        </button>
      </div>
      <div class="records-filters">
        <PeriodFilter testId="audit-period" value={filter.period} onChange={(period) => setFilter({ ...filter, period })} />
        <label class="field">
          <span class="field-label">{t("records.audit.staff")}</span>
          <select class="input" data-testid="audit-staff" value={filter.staffId ?? ""}
            onChange={(e) => setFilter({ ...filter, staffId: e.currentTarget.value || null })}>
            <option value="">{t("records.all")}</option>
            {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t("records.audit.kind")}</span>
          <select class="input" data-testid="audit-kind" value={filter.action ?? ""}
            onChange={(e) => setFilter({ ...filter, action: e.currentTarget.value || null })}>
            <option value="">{t("records.all")}</option>
            {actions.map((a) => <option key={a} value={a}>{actionName(t, a)}</option>)}
          </select>
        </label>
      </div>
      {exported ? (
        <div class="banner records-exported" role="status" data-testid="audit-exported">
          <div>
            <div>{t("records.audit.exported", { path: exported })}</div>
            <div class="banner-detail">{t("records.audit.exportWhere")}</div>
          </div>
        </div>
      ) : null}
      {error ? <ErrorBanner error={error} testId="audit-error" /> : null}
      {entries === null ? <p class="muted">{t("common.loading")}</p> : null}
      {entries?.length === 0 && !error ? <p class="muted empty-state" data-testid="audit-empty">{t("records.audit.empty")}</p> : null}
      {entries && entries.length > 0 ? (
        <div class="records-scroll">
          <table class="ledger-table records-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t("records.audit.colTime")}</th>
                <th>{t("records.audit.colAction")}</th>
                <th>{t("records.audit.colStaff")}</th>
                <th>{t("records.audit.colApprover")}</th>
                <th>{t("records.audit.colSubject")}</th>
                <th>{t("records.audit.colDetail")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td class="mono nowrap">{dateTime(e.at)}</td>
                  <td><span class="pill" data-testid="audit-action">{actionName(t, e.action)}</span></td>
                  <td class="nowrap" data-testid="audit-staff-name">{e.staffName}</td>
                  <td class="nowrap">{e.approverName ?? t("common.none")}</td>
                  <td class="mono nowrap">{e.receiptNo ?? e.subjectStaff ?? t("common.none")}</td>
                  <td class="records-detail">{auditSummary(t, money, e.detail).join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? (
        <button type="button" class="btn btn-ghost records-more" data-testid="audit-more" onClick={() => void load(filter, next)}>
          {t("records.loadMore")}
        </button>
      ) : null}
    </section>
  );
}
