// One written sale (or refund, or void): its lines, totals and payments, and what the desk can do
// with it — refund some lines or all, void it (open shift, nothing refunded), reprint it, show
// its receipt. Refunds and voids need a manager's PIN (ApprovalDialog). After one, the refund's
// receipt number and print status stay on screen and the sale is read again, its lines now
// marked refunded.
import { useEffect, useMemo, useState } from "preact/hooks";
import type { ApiError, PrintResult, SaleDone, SaleView, ZReportView } from "../lib/backend/bindings";
import { printReceipt, refundSale } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { keepRefundable, refundableLines, refundNotes, selectionTotal, voidCheck } from "../lib/refund";
import { lineKindName, saleKindName, tenderName } from "../lib/sale-words";
import type { Route } from "../lib/route";
import { ApprovalDialog } from "./approval-dialog";
import { ReceiptDialog } from "./receipt-dialog";
import { TierBadge } from "./tier-badge";
import { AlertIcon, CheckIcon } from "./icons";
import { PrinterIcon, ReceiptIcon, RefundIcon, VoidIcon } from "./sales-icons";
import { RateVisitButton } from "./feedback-dialog";

type Props = {
  sale: SaleView;
  /** The open shift (to tell whether a void can work), null when none is open. */
  shift: ZReportView | null;
  onNavigate: (route: Route) => void;
  /** Open another record (the original of a refund, a refund just made). */
  onOpen: (saleId: string) => void;
  onOpenReceiptNo: (receiptNo: string) => void;
  /** A refund or void was written: read the sale and the list again. */
  onChanged: () => Promise<void>;
};

type Pending = { void: boolean; lineIds: string[] | null };

export function PrintStatus(props: { print: PrintResult | null; testId: string }) {
  const { t } = useI18n();
  const p = props.print;
  return (
    <div class={`print-status ${p === null ? "none" : p.ok ? "ok" : "failed"}`} data-testid={props.testId}
      data-ok={p === null ? "" : String(p.ok)} role={p && !p.ok ? "alert" : undefined}>
      {p === null ? <PrinterIcon size={18} /> : p.ok ? <CheckIcon size={18} /> : <AlertIcon size={18} />}
      <span>{p === null ? t("print.notPrinted") : p.ok ? t("print.ok", { target: p.target ?? "" }) : t("print.failed", { error: p.error ?? "" })}</span>
    </div>
  );
}

export function SaleDetail(props: Props) {
  const { t, money, dateTime, count } = useI18n();
  const { sale } = props;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<{ result: SaleDone; void: boolean } | null>(null);
  const [reprint, setReprint] = useState<{ busy: boolean; result: PrintResult | null; error: ApiError | null } | null>(null);
  const [showReceipt, setShowReceipt] = useState(false);

  // Another sale: start over. The same sale read again: keep what is still refundable ticked.
  useEffect(() => {
    setSelected((s) => keepRefundable(sale, s));
  }, [sale]);
  useEffect(() => {
    setSelected(new Set());
    setDone(null);
    setReprint(null);
  }, [sale.id]);

  const open = refundableLines(sale);
  const isSale = sale.kind === "sale";
  const chosenTotal = selectionTotal(sale, selected);
  const allTicked = open.length > 0 && open.every((l) => selected.has(l.id));
  const voiding = voidCheck(sale, props.shift);
  const voidHint = voiding.ok ? null : voiding.reason === "other_shift" ? t("sale.voidOtherShift")
    : voiding.reason === "refunded" ? t("sale.voidRefunded") : voiding.reason === "no_shift" ? t("sale.voidNoShift") : null;
  const noteKinds = refundNotes(open);

  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const pendingLines = useMemo(() => {
    if (!pending) return [];
    return pending.lineIds === null ? open : open.filter((l) => pending.lineIds?.includes(l.id));
  }, [pending, sale]);
  const pendingTotal = pendingLines.reduce((a, l) => a + l.amount, 0);

  const doRefund = async (approval: string | null) => {
    if (!pending) return;
    const result = await refundSale(sale.id, pending.void ? null : pending.lineIds, pending.void, approval);
    setDone({ result, void: pending.void });
    setPending(null);
    setSelected(new Set());
    await props.onChanged();
  };

  const doReprint = async () => {
    setReprint({ busy: true, result: null, error: null });
    try {
      setReprint({ busy: false, result: await printReceipt(sale.id, true), error: null });
    } catch (reason) {
      setReprint({ busy: false, result: null, error: toApiError(reason) });
    }
  };

  const refundErrorText = (e: ApiError) => (e.code === "conflict" || e.code === "validation" ? t("sales.conflict") : undefined);

  return (
    <section class="card sale-detail" data-testid="sale-detail" data-sale-id={sale.id} data-receipt-no={sale.receiptNo}
      data-kind={sale.kind}>
      <header class="sale-detail-head">
        <div class="sale-detail-title">
          <span class={`kind-badge kind-${sale.kind}`}>{t("sale.kindLabel", { kind: saleKindName(t, sale.kind) })}</span>
          <h2 class="mono" data-testid="sale-detail-receipt-no">{sale.receiptNo}</h2>
          <span class="sale-receipt-actions">
            <button type="button" class="btn btn-secondary btn-small" data-testid="sale-reprint" disabled={reprint?.busy}
              onClick={() => void doReprint()}>
              <PrinterIcon size={18} /> {reprint?.busy ? t("print.printing") : t("sale.reprint")}
            </button>
            <button type="button" class="btn btn-secondary btn-small" data-testid="sale-show-receipt" onClick={() => setShowReceipt(true)}>
              <ReceiptIcon size={18} /> {t("sale.showReceipt")}
            </button>
            {sale.memberId && sale.kind === "sale" ? <RateVisitButton saleId={sale.id} memberId={sale.memberId} /> : null}
          </span>
        </div>
        <dl class="sale-facts">
          <div><dt>{t("sale.time")}</dt><dd class="mono">{dateTime(sale.createdAt)}</dd></div>
          <div><dt>{t("sale.cashier")}</dt><dd>{sale.cashierName}</dd></div>
          <div>
            <dt>{t("sale.member")}</dt>
            <dd class="sale-member">
              {sale.memberId ? (
                <>
                  <button type="button" class="link-button" data-testid="sale-member"
                    onClick={() => props.onNavigate({ name: "profile", id: sale.memberId as string })}>
                    {sale.memberName ?? sale.memberId}
                  </button>
                  {sale.memberTier ? <TierBadge tier={sale.memberTier} /> : null}
                </>
              ) : <span class="muted">{t("sales.walkIn")}</span>}
            </dd>
          </div>
          {sale.originalReceiptNo ? (
            <div>
              <dt>{t("sale.original")}</dt>
              <dd class="mono">{sale.originalReceiptNo}</dd>
            </div>
          ) : null}
        </dl>
      </header>

      {reprint?.result ? <PrintStatus print={reprint.result} testId="reprint-status" /> : null}
      {reprint?.error ? <div class="banner banner-error" role="alert" data-testid="reprint-status">{t(`error.${reprint.error.code}`)}</div> : null}
      {done ? (
        <div class="banner banner-success refund-done" role="status" data-testid="refund-done"
          data-receipt-no={done.result.receiptNo} data-sale-id={done.result.saleId}>
          <CheckIcon size={20} />
          <div class="refund-done-body">
            <div class="refund-done-title">
              <strong>{t(done.void ? "refund.voidDone" : "refund.done", { no: done.result.receiptNo })}</strong>
              <span class="mono">{t("refund.amount", { amount: money(Math.abs(done.result.total)) })}</span>
            </div>
            <PrintStatus print={done.result.print} testId="refund-print-status" />
            <button type="button" class="link-button" data-testid="refund-open" onClick={() => props.onOpen(done.result.saleId)}>
              {t("sale.openRefund")}
            </button>
          </div>
        </div>
      ) : null}

      {!isSale ? (
        <div class="banner banner-info">
          <span>{t("sale.notRefundable", { kind: saleKindName(t, sale.kind) })}</span>
        </div>
      ) : null}

      <div class="sale-lines" role="group" aria-label={t("sale.lines")}>
        <div class="sale-lines-head">
          {isSale ? (
            <label class="sale-check">
              <input type="checkbox" data-testid="refund-select-all" checked={allTicked} disabled={open.length === 0}
                onChange={() => setSelected(allTicked ? new Set() : new Set(open.map((l) => l.id)))} aria-label={t("sale.selectAll")} />
            </label>
          ) : <span />}
          <span>{t("sale.colItem")}</span>
          <span class="num">{t("sale.colQty")}</span>
          <span class="num">{t("sale.colDiscount")}</span>
          <span class="num">{t("sale.colAmount")}</span>
        </div>
        {sale.lines.map((l) => {
          const body = (
            <>
              <span class="sale-line-main">
                <span class="sale-line-name">{l.name}</span>
                <span class="sale-line-sub">
                  <span class="line-kind">{lineKindName(t, l.kind)}</span>
                  {l.staff.length > 0 ? <span>{t("sale.staffBy", { names: l.staff.join(t("common.listSep")) })}</span> : null}
                  {l.refunded ? <span class="refunded-mark" data-testid="line-refunded">{t("sale.refundedMark")}</span> : null}
                </span>
              </span>
              <span class="num mono">{Math.abs(l.qty)} × {money(l.unitPrice)}</span>
              <span class="num mono muted">{l.discount !== 0 ? money(-Math.abs(l.discount)) : ""}</span>
              <span class={`num mono sale-line-amount ${l.amount < 0 ? "neg" : ""}`}>{money(l.amount)}</span>
            </>
          );
          return isSale ? (
            <label key={l.id} class={`sale-line refund-line ${l.refunded ? "refunded" : ""} ${selected.has(l.id) ? "selected" : ""}`}
              data-testid="refund-line" data-name={l.name} data-line-id={l.id} data-refunded={l.refunded}>
              <span class="sale-check">
                <input type="checkbox" checked={selected.has(l.id)} disabled={l.refunded} onChange={() => toggle(l.id)} />
              </span>
              {body}
            </label>
          ) : (
            <div key={l.id} class="sale-line" data-testid="sale-line" data-name={l.name}><span />{body}</div>
          );
        })}
      </div>

      <div class="sale-bottom">
        <dl class="sale-totals">
          <div><dt>{t("sale.subtotal")}</dt><dd class="mono">{money(sale.subtotal)}</dd></div>
          {sale.discountTotal !== 0 ? (
            <div><dt>{t("sale.discountTotal")}</dt><dd class="mono">{money(-sale.discountTotal)}</dd></div>
          ) : null}
          <div class="sale-total"><dt>{t("sale.total")}</dt><dd class="mono" data-testid="sale-detail-total">{money(sale.total)}</dd></div>
          {sale.change !== 0 ? <div><dt>{t("sale.change")}</dt><dd class="mono">{money(sale.change)}</dd></div> : null}
          {sale.pointsEarned !== 0 ? (
            <div><dt>{t("sale.pointsEarned")}</dt><dd class="mono">{sale.pointsEarned > 0 ? "+" : ""}{count(sale.pointsEarned)}</dd></div>
          ) : null}
        </dl>
        <div class="sale-tenders">
          <div class="sale-subtitle">{t("sale.tenders")}</div>
          <ul>
            {sale.tenders.map((x, i) => (
              <li key={i} data-testid="sale-tender" data-kind={x.kind}>
                <span>
                  {tenderName(t, x.kind)}
                  {x.cardLast4 ? <span class="muted small"> · {t("sale.cardLast4", { last4: x.cardLast4 })}</span> : null}
                  {x.reference && !x.cardLast4 ? <span class="muted small"> · {t("sale.reference", { ref: x.reference })}</span> : null}
                  {x.points !== null ? <span class="muted small"> · {t("sale.pointsUsed", { n: count(Math.abs(x.points)) })}</span> : null}
                </span>
                <span class={`mono ${x.amount < 0 ? "neg" : ""}`}>{money(x.amount)}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>

      {isSale && noteKinds.length > 0 ? (
        <div class="banner banner-warn refund-notes" data-testid="refund-notes">
          <AlertIcon size={20} />
          <div>
            {noteKinds.includes("top_up") ? <p data-testid="refund-topup-note">{t("sale.topUpNote")}</p> : null}
            {noteKinds.includes("package_purchase") ? <p>{t("sale.packageNote")}</p> : null}
          </div>
        </div>
      ) : null}
      {isSale && open.length === 0 ? <p class="muted" data-testid="sale-all-refunded">{t("sale.allRefunded")}</p> : null}

      {isSale ? (
        <p class="muted small sale-hint" data-testid="sale-selection">
          {selected.size > 0 ? t("sale.selected", { n: selected.size, amount: money(chosenTotal) }) : t("sale.noneSelected")}
          {voidHint ? <> · {voidHint}</> : null}
        </p>
      ) : null}

      <footer class="sale-actions">
        {isSale ? (
          <>
            <button type="button" class="btn btn-danger btn-large" data-testid="refund-submit" disabled={selected.size === 0}
              onClick={() => setPending({ void: false, lineIds: [...selected] })}>
              <RefundIcon /> {t("sale.refundSelected")}
              {selected.size > 0 ? <span class="btn-sub mono">{money(chosenTotal)}</span> : null}
            </button>
            <button type="button" class="btn btn-danger-outline" data-testid="refund-all" disabled={open.length === 0}
              onClick={() => setPending({ void: false, lineIds: null })}>{t("sale.refundAll")}</button>
            <button type="button" class="btn btn-danger-outline" data-testid="sale-void"
              disabled={!voiding.ok && voiding.reason !== "other_shift"} title={voidHint ?? t("sale.voidHint")}
              onClick={() => setPending({ void: true, lineIds: null })}>
              <VoidIcon /> {t("sale.void")}
            </button>
          </>
        ) : sale.originalReceiptNo ? (
          <button type="button" class="btn btn-secondary" data-testid="sale-open-original"
            onClick={() => props.onOpenReceiptNo(sale.originalReceiptNo as string)}>
            {t("sale.openOriginal")}
          </button>
        ) : null}
      </footer>
      {pending ? (
        <ApprovalDialog danger
          title={pending.void ? t("refund.voidTitle", { no: sale.receiptNo }) : t("refund.title", { amount: money(pendingTotal) })}
          confirmLabel={pending.void ? t("refund.confirmVoid") : t("refund.confirmRefund")}
          errorText={refundErrorText}
          onClose={() => setPending(null)} permissions={[pending.void ? "void" : "refund"]}
          onApproved={([granted]) => doRefund(granted?.token ?? null)}>
          <p>{pending.void ? t("refund.voidSummary") : t("refund.summary", { n: pendingLines.length, no: sale.receiptNo })}</p>
          <ul class="approval-lines">
            {pendingLines.map((l) => (
              <li key={l.id}><span>{l.name}</span><span class="mono">{money(l.amount)}</span></li>
            ))}
          </ul>
          {refundNotes(pendingLines).includes("top_up") ? <p class="approval-note" data-testid="approval-topup-note">{t("sale.topUpNote")}</p> : null}
          {refundNotes(pendingLines).includes("package_purchase") ? <p class="approval-note">{t("sale.packageNote")}</p> : null}
        </ApprovalDialog>
      ) : null}
      {showReceipt ? <ReceiptDialog saleId={sale.id} receiptNo={sale.receiptNo} onClose={() => setShowReceipt(false)} /> : null}
    </section>
  );
}
