// The day-end report (日结报表) of one shift: who opened it and when, what it took, refunded and
// discounted, the drawer's pay-ins and pay-outs, and per payment method what was expected
// against what was counted at the close. Shown on screen and printed (Print button) as is.
import { useRef, useState } from "preact/hooks";
import type { PrintResult, TenderTotalView, ZReportView } from "../lib/backend/bindings";
import { printZReport } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { printElement } from "../lib/print";
import { balanceOf, isCounted, sortTenders } from "../lib/shift-count";
import { tenderName } from "../lib/sale-words";
import { PrinterIcon, ReceiptIcon } from "./sales-icons";
import { PrintStatus } from "./sale-detail";

type Props = {
  report: ZReportView;
  /** This device, for the header. */
  deviceId?: string | null;
  /** The store's name (checkout settings), for the header. */
  storeName?: string | null;
  /** Show the print button (the report itself always prints without it). */
  printable?: boolean;
};

export function Difference(props: { fen: number | null; testId?: string }) {
  const { t, money } = useI18n();
  if (props.fen === null) return <span class="muted">{t("common.none")}</span>;
  const balance = balanceOf(props.fen);
  const abs = money(Math.abs(props.fen));
  const text = balance === "short" ? t("shift.short", { amount: abs }) : balance === "over" ? t("shift.over", { amount: abs }) : t("shift.even");
  return <span class={`diff diff-${balance}`} data-testid={props.testId} data-balance={balance} data-fen={props.fen}>{text}</span>;
}

/** Minutes between two instants as "3 h 12 min". */
export function useDuration() {
  const { t } = useI18n();
  return (from: string, to: string | null) => {
    const ms = Math.max(0, (to ? Date.parse(to) : Date.now()) - Date.parse(from));
    const minutes = Math.floor(ms / 60_000);
    return t("shift.duration", { h: Math.floor(minutes / 60), m: minutes % 60 });
  };
}

export function ZReport(props: Props) {
  const { t, money, dateTime, count } = useI18n();
  const duration = useDuration();
  const paper = useRef<HTMLDivElement>(null);
  const z = props.report;
  const tenders = sortTenders(z.tenders);
  const counted = tenders.filter((x) => isCounted(x.kind));
  const sum = (f: (x: TenderTotalView) => number | null) => counted.reduce((a, x) => a + (f(x) ?? 0), 0);
  const allCounted = counted.every((x) => x.counted !== null);
  const closed = z.closedAt !== null;
  const [slip, setSlip] = useState<{ busy: boolean; result: PrintResult | null }>({ busy: false, result: null });
  const printSlip = async () => {
    setSlip({ busy: true, result: null });
    try {
      setSlip({ busy: false, result: await printZReport(z.shiftId) });
    } catch (reason) {
      setSlip({ busy: false, result: { ok: false, target: null, error: t(`error.${toApiError(reason).code}`) } });
    }
  };

  const row = (label: string, value: string, testId?: string, strong = false) => (
    <div class={`z-row ${strong ? "z-row-strong" : ""}`}>
      <dt>{label}</dt>
      <dd class="mono" data-testid={testId}>{value}</dd>
    </div>
  );

  return (
    <section class="card z-card">
      <div ref={paper} class="z-report" data-testid="z-report" data-shift-id={z.shiftId} data-closed={closed}>
        <header class="z-head">
          <div>
            <h2 class="z-title">{t("z.title")}</h2>
            {!closed ? <p class="z-running">{t("z.running")}</p> : null}
          </div>
          {props.printable ? (
            <div class="z-print">
              <button type="button" class="btn btn-secondary" data-testid="z-report-print-receipt" disabled={slip.busy}
                title={t("z.printReceiptTitle")} onClick={() => void printSlip()}>
                <ReceiptIcon /> {slip.busy ? t("print.printing") : t("z.printReceipt")}
              </button>
              <button type="button" class="btn btn-secondary" data-testid="z-report-print"
                onClick={() => paper.current && printElement(paper.current, "print-report")}>
                <PrinterIcon /> {t("z.print")}
              </button>
            </div>
          ) : null}
        </header>

        {slip.result ? <div class="z-print"><PrintStatus print={slip.result} testId="z-report-print-status" /></div> : null}
        <dl class="z-meta">
          {props.storeName ? <div><dt>{t("z.store")}</dt><dd data-testid="z-store">{props.storeName}</dd></div> : null}
          <div><dt>{t("z.openedBy")}</dt><dd data-testid="z-opened-by">{z.openedBy}</dd></div>
          <div><dt>{t("shift.openedAt")}</dt><dd class="mono">{dateTime(z.openedAt)}</dd></div>
          <div><dt>{t("shift.closedAt")}</dt><dd class="mono">{z.closedAt ? dateTime(z.closedAt) : t("common.none")}</dd></div>
          <div><dt>{t("shift.durationLabel")}</dt><dd class="mono">{duration(z.openedAt, z.closedAt)}</dd></div>
          {props.deviceId ? <div><dt>{t("z.device")}</dt><dd class="mono z-device">{props.deviceId}</dd></div> : null}
        </dl>

        <div class="z-body">
          <dl class="z-totals">
            <h3 class="z-subtitle">{t("z.totals")}</h3>
            {row(t("z.salesLine", { n: count(z.sales) }), money(z.salesTotal), "z-sales-total")}
            {row(t("z.refundsLine", { n: count(z.refunds) }), money(z.refundsTotal), "z-refunds-total")}
            {row(t("z.net"), money(z.salesTotal + z.refundsTotal), "z-net", true)}
            {row(t("shift.discounts"), money(z.discountsTotal), "z-discounts")}
            {row(t("z.float"), money(z.float), "z-float")}
            {row(t("shift.payIns"), money(z.payIns), "z-pay-ins")}
            {row(t("shift.payOuts"), money(z.payOuts), "z-pay-outs")}
          </dl>

          <div class="z-tenders">
            <h3 class="z-subtitle">{t("z.tenders")}</h3>
            <table class="ledger-table z-table">
              <thead>
                <tr>
                  <th>{t("shift.colTender")}</th>
                  <th class="num">{t("shift.colExpected")}</th>
                  <th class="num">{t("shift.colCounted")}</th>
                  <th class="num">{t("shift.colDifference")}</th>
                </tr>
              </thead>
              <tbody>
                {tenders.map((x) => (
                  <tr key={x.kind} data-testid="z-tender" data-kind={x.kind}>
                    <td>{tenderName(t, x.kind)}</td>
                    <td class="num mono">{money(x.expected)}</td>
                    <td class="num mono">{isCounted(x.kind) ? (x.counted === null ? t("common.none") : money(x.counted)) : <span class="muted small">{t("shift.notCounted")}</span>}</td>
                    <td class="num">{isCounted(x.kind) ? <Difference fen={x.difference} /> : null}</td>
                  </tr>
                ))}
              </tbody>
              {counted.length > 1 ? (
                <tfoot>
                  <tr>
                    <td>{t("z.countedTotal")}</td>
                    <td class="num mono">{money(sum((x) => x.expected))}</td>
                    <td class="num mono">{allCounted ? money(sum((x) => x.counted)) : t("common.none")}</td>
                    <td class="num">{allCounted ? <Difference fen={sum((x) => x.difference)} testId="z-total-difference" /> : null}</td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
        </div>

        {closed ? (
          <footer class="z-sign">
            <div><span>{t("z.signCashier")}</span><span class="z-sign-line" /></div>
            <div><span>{t("z.signManager")}</span><span class="z-sign-line" /></div>
            <div class="z-printed muted small">{t("z.printedAt", { time: dateTime(new Date().toISOString()) })}</div>
          </footer>
        ) : null}
      </div>
    </section>
  );
}
