// After a sale: receipt number, total, change (big: the cashier hands it over), points earned,
// and whether the receipt printed. A failed print is a warning with a reprint button — the
// sale itself is complete either way. "New sale" (Enter / F2) keeps the member for her next
// purchase; "Next client" also lets the member go.
import { useEffect, useRef } from "preact/hooks";
import type { PrintResult, SaleDone } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";
import { DoneIcon, PrintIcon, ReceiptLinesIcon } from "./checkout-icons";
import { AlertIcon, CheckIcon } from "./icons";
import { Kbd } from "./kbd";
import { VisitRating } from "./visit-rating";

type Props = {
  done: SaleDone;
  print: PrintResult | null;
  reprinting: boolean;
  hasMember: boolean;
  onReprint: () => void;
  onShowReceipt: () => void;
  onNewSale: () => void;
  onNextClient: () => void;
};

export function SaleDonePanel(props: Props) {
  const { t, money, count } = useI18n();
  const { done, print } = props;
  const newSale = useRef<HTMLButtonElement>(null);
  useEffect(() => newSale.current?.focus(), [done.saleId]);

  return (
    <section class="co-done" data-testid="sale-done" data-sale-id={done.saleId} aria-live="polite">
      <div class="co-done-head">
        <DoneIcon size={44} class="co-done-icon" />
        <div>
          <h2 class="co-done-title">{t("checkout.doneTitle")}</h2>
          <div class="co-done-no">
            <span class="muted">{t("checkout.receiptNo")}</span>{" "}
            <span class="mono" data-testid="sale-receipt-no">{done.receiptNo}</span>
          </div>
        </div>
      </div>

      <dl class="co-done-figures">
        <div class="co-done-fig">
          <dt>{t("checkout.total")}</dt>
          <dd class="mono" data-testid="sale-total">{money(done.total)}</dd>
        </div>
        <div class={`co-done-fig co-done-change ${done.change > 0 ? "has-change" : ""}`}>
          <dt>{t("checkout.change")}</dt>
          <dd class="mono" data-testid="sale-change">{money(done.change)}</dd>
        </div>
        {props.hasMember || done.pointsEarned > 0 ? (
          <div class="co-done-fig">
            <dt>{t("checkout.pointsEarned")}</dt>
            <dd class="mono" data-testid="sale-points-earned">+{count(done.pointsEarned)}</dd>
          </div>
        ) : null}
      </dl>

      <div class={`co-print ${print === null ? "none" : print.ok ? "ok" : "failed"}`} data-testid="sale-print-status"
        data-ok={print === null ? "" : String(print.ok)} role={print && !print.ok ? "alert" : undefined}>
        {print === null ? (
          <span class="co-print-text"><PrintIcon size={18} /> {t("print.notPrinted")}</span>
        ) : print.ok ? (
          <span class="co-print-text"><CheckIcon size={18} /> {t("print.ok", { target: print.target ?? "" })}</span>
        ) : (<>
          <span class="co-print-text">
            <AlertIcon size={18} />
            <span>
              <span class="co-print-error">{t("print.failed", { error: print.error ?? "" })}</span>
              <span class="co-print-hint">{t("checkout.printFailedHint")}</span>
            </span>
          </span>
        </>)}
        {print && !print.ok ? (
          <button type="button" class="btn btn-secondary btn-small" data-testid="sale-reprint" disabled={props.reprinting}
            onClick={props.onReprint}>
            <PrintIcon size={18} /> {props.reprinting ? t("print.printing") : t("checkout.reprint")}
          </button>
        ) : null}
      </div>

      <VisitRating saleId={done.saleId} />

      <div class="co-done-actions">
        <button type="button" class="btn btn-secondary" data-testid="sale-show-receipt" onClick={props.onShowReceipt}>
          <ReceiptLinesIcon /> {t("checkout.showReceipt")}
        </button>
        {props.hasMember ? (
          <button type="button" class="btn btn-secondary" data-testid="sale-next-client" title={t("checkout.nextClientHint")}
            onClick={props.onNextClient}>
            {t("checkout.nextClient")}
          </button>
        ) : null}
        <button ref={newSale} type="button" class="btn btn-primary btn-large co-done-new" data-testid="sale-new" onClick={props.onNewSale}>
          {t("checkout.newSale")} <Kbd keys="Enter" class="kbd-on-primary" /> <Kbd keys="F2" class="kbd-on-primary" />
        </button>
      </div>
    </section>
  );
}
