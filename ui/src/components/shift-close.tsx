// Closing the shift (交班): for each payment method of the running report, what is expected
// against what the cashier counted (cash) or read off the terminal's settlement slip (bank card,
// WeChat Pay, Alipay), with the difference shown as it is typed. Stored value and points are
// listed for reference only. Nothing typed is lost if the backend refuses.
import { useMemo, useState } from "preact/hooks";
import type { ApiError, ZReportView } from "../lib/backend/bindings";
import { closeShift } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { checkCount, countRows } from "../lib/shift-count";
import { tenderName } from "../lib/sale-words";
import { fenToInput } from "../lib/yuan";
import { ErrorBanner } from "./error-banner";
import { MoneyInput, yuanErrorKey } from "./money-input";
import { Difference } from "./z-report";
import { BackIcon, CheckIcon } from "./icons";

type Props = {
  report: ZReportView;
  onCancel: () => void;
  onClosed: (report: ZReportView) => void;
};

export function ShiftClose(props: Props) {
  const { t, money } = useI18n();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = useMemo(() => countRows(props.report.tenders, typed), [props.report, typed]);
  const check = checkCount(rows);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    setTried(true);
    if (!check.ok || busy) {
      const first = check.ok ? null : check.missing[0] ?? check.invalid[0];
      if (first) document.getElementById(`f-count-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onClosed(await closeShift(check.counted));
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const set = (kind: string, value: string) => setTyped((x) => ({ ...x, [kind]: value }));

  return (
    <form class="card shift-close" data-testid="shift-close-form" onSubmit={submit} noValidate>
      <header class="shift-close-head">
        <div>
          <h2 class="section-title">{t("shift.closeTitle")}</h2>
          <p class="muted small">{t("shift.closeBody")}</p>
        </div>
      </header>
      {error ? <ErrorBanner error={error} testId="shift-close-error"
        text={error.code === "conflict" ? t("shift.conflict") : undefined} /> : null}
      <table class="ledger-table count-table">
        <thead>
          <tr>
            <th>{t("shift.colTender")}</th>
            <th class="num">{t("shift.colExpected")}</th>
            <th class="count-col">{t("shift.colCounted")}</th>
            <th class="num">{t("shift.colDifference")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const bad = row.counted && tried && (row.parsed === null || !row.parsed.ok);
            const hint = row.kind === "cash"
              ? t("shift.cashHint", { float: money(props.report.float) })
              : row.counted ? t("shift.terminalHint") : t("shift.ledgerHint");
            const message = row.parsed && !row.parsed.ok ? t(yuanErrorKey(row.parsed.reason))
              : row.parsed === null && tried ? t("shift.amountRequired") : null;
            return (
              <tr key={row.kind} data-testid="count-row" data-kind={row.kind} class={row.counted ? "" : "count-info"}>
                <td>
                  <div class="count-tender">{tenderName(t, row.kind)}</div>
                  <div class="muted small">{hint}</div>
                </td>
                <td class="num mono count-expected" data-testid={`expected-${row.kind}`}>{money(row.expected)}</td>
                <td class="count-col">
                  {row.counted ? (
                    <div class="count-input">
                      <MoneyInput id={`count-${row.kind}`} testId={`count-${row.kind}`} value={typed[row.kind] ?? ""}
                        invalid={bad} disabled={busy} label={`${tenderName(t, row.kind)} ${t("shift.colCounted")}`}
                        describedBy={`e-count-${row.kind}`} onValue={(v) => set(row.kind, v)} />
                      {row.kind !== "cash" ? (
                        <button type="button" class="btn btn-ghost btn-small" data-testid={`count-match-${row.kind}`}
                          disabled={busy} title={t("shift.matchesLabel", { amount: money(row.expected) })}
                          onClick={() => set(row.kind, fenToInput(row.expected))}>
                          <CheckIcon size={16} /> {t("shift.matches")}
                        </button>
                      ) : null}
                      {bad && message ? <div class="field-error" id={`e-count-${row.kind}`} role="alert">{message}</div> : null}
                    </div>
                  ) : <span class="muted small">{t("shift.notCounted")}</span>}
                </td>
                <td class="num">{row.counted ? <Difference fen={row.difference} testId={`difference-${row.kind}`} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <footer class="shift-close-foot">
        <div class="shift-close-total">
          {check.ok ? (
            <>
              <span class="muted">{t("shift.totalDifference")}</span>
              <Difference fen={check.totalDifference} testId="count-total-difference" />
            </>
          ) : tried ? <span class="field-error" role="alert">{t("shift.countMissing")}</span> : null}
        </div>
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onCancel} disabled={busy}>
          <BackIcon /> {t("shift.back")}
        </button>
        <button type="submit" class="btn btn-primary btn-large" data-testid="shift-close-submit" disabled={busy}>
          {busy ? t("shift.closing") : t("shift.closeSubmit")}
        </button>
      </footer>
    </form>
  );
}
