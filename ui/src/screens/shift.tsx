// The shift (班次) on this device: open it with the float counted into the drawer; while it is
// open, its running figures, cash paid in and out, the drawer opened with a reason; close it by
// counting each payment method; then the day-end report (日结报表), on screen and printed.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, Session, ZReportView } from "../lib/backend/bindings";
import { appInfo, checkoutSettings, currentShift, openShift } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { sortTenders } from "../lib/shift-count";
import { tenderName } from "../lib/sale-words";
import { parseYuan } from "../lib/yuan";
import { ErrorBanner } from "../components/error-banner";
import { Field, type FieldError } from "../components/field";
import { MoneyInput, yuanErrorKey } from "../components/money-input";
import { DrawerDialog, PayInOutDialog } from "../components/shift-dialogs";
import { ShiftClose } from "../components/shift-close";
import { useDuration, ZReport } from "../components/z-report";
import { CheckIcon } from "../components/icons";
import { DrawerIcon, PayInIcon, PayOutIcon, RefreshIcon, ShiftIcon } from "../components/sales-icons";

type Props = { session: Session; notify: (text: string) => void };

type State =
  | { kind: "loading" }
  | { kind: "failed"; error: ApiError }
  | { kind: "none"; lastClosed: ZReportView | null }
  | { kind: "open"; report: ZReportView };

export function Shift(props: Props) {
  const { t, money } = useI18n();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [closing, setClosing] = useState(false);
  const [dialog, setDialog] = useState<"in" | "out" | "drawer" | null>(null);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [storeName, setStoreName] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<ApiError | null>(null);

  const load = async (quiet = false) => {
    if (!quiet) setState({ kind: "loading" });
    setRefreshing(true);
    setRefreshError(null);
    try {
      const report = await currentShift();
      setState((s) => (report ? { kind: "open", report } : { kind: "none", lastClosed: s.kind === "none" ? s.lastClosed : null }));
    } catch (reason) {
      if (quiet) setRefreshError(toApiError(reason));
      else setState({ kind: "failed", error: toApiError(reason) });
    } finally {
      setRefreshing(false);
    }
  };

  useEffect(() => {
    void load();
    appInfo().then((info) => setDeviceId(info.deviceId), () => undefined);
    checkoutSettings().then((s) => setStoreName(s.storeName), () => undefined);
  }, []);

  let body;
  if (state.kind === "loading") {
    body = <p class="muted">{t("common.loading")}</p>;
  } else if (state.kind === "failed") {
    body = (
      <div class="stack">
        <ErrorBanner error={state.error} testId="shift-error" />
        <div><button type="button" class="btn btn-secondary" onClick={() => void load()}>{t("common.retry")}</button></div>
      </div>
    );
  } else if (state.kind === "none") {
    body = (
      <>
        {state.lastClosed ? (
          <>
            <div class="banner banner-success" role="status" data-testid="shift-closed-notice">
              <CheckIcon size={20} /> <span>{t("shift.closedNotice")}</span>
            </div>
            <ZReport report={state.lastClosed} deviceId={deviceId} storeName={storeName} printable />
          </>
        ) : null}
        <OpenShiftCard onOpened={(report) => { setState({ kind: "open", report }); setClosing(false); }}
          onConflict={() => void load(true)} autoFocus={!state.lastClosed} />
      </>
    );
  } else {
    const report = state.report;
    body = (
      <>
        <ShiftHeader report={report} refreshing={refreshing} onRefresh={() => void load(true)} />
        {refreshError ? <ErrorBanner error={refreshError} /> : null}
        {closing ? (
          <ShiftClose report={report} onCancel={() => setClosing(false)}
            onClosed={(z) => {
              setClosing(false);
              setState({ kind: "none", lastClosed: z });
              document.querySelector(".app-body")?.scrollTo({ top: 0 });
            }} />
        ) : (
          <>
            <div class="shift-actions">
              <button type="button" class="btn btn-secondary btn-large" data-testid="shift-pay-in" onClick={() => setDialog("in")}>
                <PayInIcon /> {t("shift.payIn")}
              </button>
              <button type="button" class="btn btn-secondary btn-large" data-testid="shift-pay-out" onClick={() => setDialog("out")}>
                <PayOutIcon /> {t("shift.payOut")}
              </button>
              <button type="button" class="btn btn-secondary btn-large" data-testid="shift-open-drawer" onClick={() => setDialog("drawer")}>
                <DrawerIcon /> {t("shift.openDrawer")}
              </button>
              <span class="spacer" />
              <button type="button" class="btn btn-primary btn-large" data-testid="shift-close" onClick={() => setClosing(true)}>
                <ShiftIcon /> {t("shift.close")}
              </button>
            </div>
            <ShiftFigures report={report} />
          </>
        )}
      </>
    );
  }

  return (
    <main class="screen shift-screen" data-testid="shift-screen" data-state={state.kind}>
      <header class="screen-head"><h1>{t("shift.title")}</h1></header>
      {body}
      {dialog === "in" || dialog === "out" ? (
        <PayInOutDialog direction={dialog} onClose={() => setDialog(null)}
          onDone={(fen) => {
            setDialog(null);
            props.notify(t(fen < 0 ? "shift.payOutDone" : "shift.payInDone", { amount: money(Math.abs(fen)) }));
            void load(true);
          }} />
      ) : null}
      {dialog === "drawer" ? (
        <DrawerDialog onClose={() => setDialog(null)}
          onDone={() => { setDialog(null); props.notify(t("shift.drawerDone")); }} />
      ) : null}
    </main>
  );
}

function OpenShiftCard(props: { onOpened: (report: ZReportView) => void; onConflict: () => void; autoFocus: boolean }) {
  const { t } = useI18n();
  const [float, setFloat] = useState("");
  const [fieldError, setFieldError] = useState<FieldError | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (props.autoFocus) document.getElementById("f-shift-float")?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const parsed = parseYuan(float);
    if (!parsed.ok) {
      setFieldError({ text: t(yuanErrorKey(parsed.reason)) });
      document.getElementById("f-shift-float")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onOpened(await openShift(parsed.fen));
    } catch (reason) {
      const err = toApiError(reason);
      if (err.code === "validation" && err.field === "float") setFieldError({ text: t("shift.amountFormat"), detail: err.message });
      else setError(err);
      if (err.code === "conflict") props.onConflict();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card shift-open-card" data-testid="shift-open-form" onSubmit={submit} noValidate>
      <div class="shift-open-icon" aria-hidden="true"><ShiftIcon size={32} /></div>
      <h2>{t("shift.noneTitle")}</h2>
      <p class="muted">{t("shift.noneBody")}</p>
      {error ? <ErrorBanner error={error} testId="shift-open-error"
        text={error.code === "conflict" ? t("shift.conflict") : undefined} /> : null}
      <Field id="shift-float" label={t("shift.float")} hint={t("shift.floatHint")} error={fieldError}>
        <MoneyInput id="shift-float" testId="shift-float" value={float} large invalid={!!fieldError} disabled={busy}
          onValue={(v) => { setFloat(v); setFieldError(undefined); }} />
      </Field>
      <button type="submit" class="btn btn-primary btn-large btn-block" data-testid="shift-open" disabled={busy}>
        {busy ? t("shift.opening") : t("shift.open")} <kbd class="kbd kbd-on-primary">Enter</kbd>
      </button>
    </form>
  );
}

function ShiftHeader(props: { report: ZReportView; refreshing: boolean; onRefresh: () => void }) {
  const { t, dateTime, money } = useI18n();
  const duration = useDuration();
  const z = props.report;
  return (
    <section class="card shift-head" data-testid="shift-current" data-shift-id={z.shiftId}>
      <span class="status-pill status-open"><span class="status-dot" aria-hidden="true" />{t("shift.openTitle")}</span>
      <dl class="shift-head-facts">
        <div><dt>{t("shift.openedBy")}</dt><dd data-testid="shift-opened-by">{z.openedBy}</dd></div>
        <div><dt>{t("shift.openedAt")}</dt><dd class="mono" data-testid="shift-opened-at">{dateTime(z.openedAt)}</dd></div>
        <div><dt>{t("shift.durationLabel")}</dt><dd class="mono">{duration(z.openedAt, null)}</dd></div>
        <div><dt>{t("shift.float")}</dt><dd class="mono" data-testid="shift-float-shown">{money(z.float)}</dd></div>
      </dl>
      <button type="button" class="btn btn-ghost" data-testid="shift-refresh" onClick={props.onRefresh} disabled={props.refreshing}>
        <RefreshIcon /> {t("shift.refresh")}
      </button>
    </section>
  );
}

function ShiftFigures(props: { report: ZReportView }) {
  const { t, money, count } = useI18n();
  const z = props.report;
  const cash = z.tenders.find((x) => x.kind === "cash")?.expected ?? z.float;
  const tile = (label: string, value: string, testId: string, sub?: string, tone?: string) => (
    <div class={`figure ${tone ?? ""}`}>
      <dt>{label}</dt>
      <dd class="mono" data-testid={testId}>{value}</dd>
      {sub ? <dd class="figure-sub">{sub}</dd> : null}
    </div>
  );
  const tenders = sortTenders(z.tenders);
  return (
    <div class="shift-body">
      <dl class="figures" data-testid="shift-figures">
        {tile(t("shift.sales"), money(z.salesTotal), "shift-sales-total", t("shift.count", { n: count(z.sales) }), "figure-main")}
        {tile(t("shift.refunds"), money(z.refundsTotal), "shift-refunds-total", t("shift.count", { n: count(z.refunds) }))}
        {tile(t("shift.discounts"), money(z.discountsTotal), "shift-discounts")}
        {tile(t("shift.payIns"), money(z.payIns), "shift-pay-ins")}
        {tile(t("shift.payOuts"), money(z.payOuts), "shift-pay-outs")}
        {tile(t("shift.expectedCash"), money(cash), "shift-expected-cash", t("shift.expectedCashHint"), "figure-cash")}
      </dl>
      <section class="card shift-tenders">
        <h2 class="section-title">{t("shift.byTender")}</h2>
        <table class="ledger-table">
          <tbody>
            {tenders.map((x) => (
              <tr key={x.kind} data-testid="shift-tender" data-kind={x.kind}>
                <td>{tenderName(t, x.kind)}</td>
                <td class="num mono">{money(x.expected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
