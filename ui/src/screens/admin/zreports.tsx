// Back office: past day-end reports (日结) — the shifts closed in a period, newest first, with
// their totals and the cash counted against what was expected. Each opens the full report
// (the one shown at the close), printable on paper or on the receipt printer again.
import { useEffect, useState } from "preact/hooks";
import type { PageCursor, PeriodInput, ZReportView } from "../../lib/backend/bindings";
import { zReport } from "../../lib/backend/commands";
import { closedShifts } from "../../lib/backend/commands-records";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { Dialog } from "../../components/dialog";
import { ErrorBanner } from "../../components/error-banner";
import { usePagedList } from "../../lib/use-paged-list";
import { PeriodFilter } from "../../components/period-filter";
import { Difference, ZReport } from "../../components/z-report";
import type { AdminProps } from "./props";

const PAGE = 50;

export function ZReportsAdmin(_props: AdminProps) {
  const { t, money, dateTime, count } = useI18n();
  const [period, setPeriod] = useState<PeriodInput>({ from: null, to: null });
  const { rows: shifts, next, error, setError, busy, load } = usePagedList(
    (f: PeriodInput, after: PageCursor | null) => closedShifts(f, after, PAGE).then((p) => ({ rows: p.shifts, next: p.next })),
  );
  const [open, setOpen] = useState<ZReportView | null>(null);

  useEffect(() => void load(period, null), [period]);

  const view = async (id: string) => {
    try {
      setOpen(await zReport(id));
    } catch (reason) {
      setError(toApiError(reason));
    }
  };

  return (
    <section class="card records" data-testid="zreports-admin" data-busy={busy}>
      <div class="admin-toolbar">
        <h2 class="section-title">{t("records.z.title")}</h2>
      </div>
      <div class="records-filters">
        <PeriodFilter testId="zreports-period" value={period} onChange={setPeriod} />
      </div>
      {error ? <ErrorBanner error={error} testId="zreports-error" /> : null}
      {shifts === null ? <p class="muted">{t("common.loading")}</p> : null}
      {shifts?.length === 0 && !error ? <p class="muted empty-state" data-testid="zreports-empty">{t("records.z.empty")}</p> : null}
      {shifts && shifts.length > 0 ? (
        <div class="records-scroll">
          <table class="ledger-table records-table" data-testid="zreports-table">
            <thead>
              <tr>
                <th>{t("records.z.colClosed")}</th>
                <th>{t("records.z.colBy")}</th>
                <th class="num">{t("records.z.colSales")}</th>
                <th class="num">{t("records.z.colNet")}</th>
                <th class="num">{t("records.z.colCash")}</th>
                <th class="num">{t("records.z.colDifference")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shifts.map((s) => (
                <tr key={s.shiftId} data-testid="zreport-row" data-shift-id={s.shiftId}>
                  <td class="mono nowrap">{dateTime(s.closedAt)}</td>
                  <td><span class="nowrap">{s.openedBy} /</span> <span class="nowrap">{s.closedBy}</span></td>
                  <td class="num mono nowrap">{count(s.sales)}{s.refunds > 0 ? ` (−${count(s.refunds)})` : ""}</td>
                  <td class="num mono">{money(s.net)}</td>
                  <td class="num mono">
                    <span class="nowrap">{s.cashCounted === null ? t("common.none") : money(s.cashCounted)} /</span>{" "}
                    <span class="nowrap">{money(s.cashExpected)}</span>
                  </td>
                  <td class="num"><Difference fen={s.cashDifference} /></td>
                  <td>
                    <button type="button" class="btn btn-secondary btn-small" data-testid="zreport-view"
                      onClick={() => void view(s.shiftId)}>{t("records.z.view")}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? (
        <button type="button" class="btn btn-ghost records-more" data-testid="zreports-more" onClick={() => void load(period, next)}>
          {t("records.loadMore")}
        </button>
      ) : null}
      {open ? (
        <Dialog title={t("records.z.dialog")} wide testId="zreport-dialog" onClose={() => setOpen(null)}>
          <ZReport report={open} printable />
        </Dialog>
      ) : null}
    </section>
  );
}
