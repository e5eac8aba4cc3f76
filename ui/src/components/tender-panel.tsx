// Taking payment (收款): the amount due, one button per payment method, the form for the
// chosen one (cash with quick notes and change; bank card: terminal reference + last 4 digits,
// never a card number; WeChat Pay / Alipay: reference; stored value and points within the
// member's balances), the tenders added so far with what is still due, and Complete —
// enabled only once the tenders cover the total (cash may go over: change).
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, TenderInput } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";
import {
  available, CASH_NOTES, checkDraft, type DraftError, draftFor, fenText, isPrepaid, needsReference, type PayContext,
  summarize, TENDER_KINDS, type TenderDraft, type TenderKind, tenderValue,
} from "../lib/tenders";
import { yuanOnly } from "../lib/yuan";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { AlertIcon, CloseIcon } from "./icons";
import { Kbd } from "./kbd";
import { TenderIcon } from "./checkout-icons";

export type SaleErrorView = { error: ApiError; text: string; action?: { label: string; run: () => void } };

type Props = {
  total: number;
  topUpTotal: number;
  pointValueFen: number;
  /** The member's balances; null for a walk-in. */
  balances: { points: number; storedValue: number } | null;
  tenders: TenderInput[];
  onTenders: (tenders: TenderInput[]) => void;
  busy: boolean;
  saleError: SaleErrorView | null;
  onComplete: () => void;
  onClose: () => void;
};

export function TenderPanel(props: Props) {
  const { t, money, count } = useI18n();
  const ctx: PayContext = {
    total: props.total, topUpTotal: props.topUpTotal, pointValueFen: props.pointValueFen, balances: props.balances,
    tenders: props.tenders,
  };
  const sum = summarize(props.tenders, props.total, props.pointValueFen);
  const covered = sum.covered;
  const [draft, setDraft] = useState<TenderDraft>(() => draftFor("cash", ctx));
  const [error, setError] = useState<DraftError | null>(null);
  const amountInput = useRef<HTMLInputElement>(null);
  const completeButton = useRef<HTMLButtonElement>(null);

  // Once covered, Enter completes; until then the amount field has the keyboard.
  useEffect(() => {
    if (covered) completeButton.current?.focus();
    else amountInput.current?.focus();
  }, [covered, draft.kind]);

  const choose = (kind: TenderKind) => {
    setDraft(draftFor(kind, ctx));
    setError(null);
  };
  const edit = (patch: Partial<TenderDraft>) => {
    setDraft({ ...draft, ...patch });
    setError(null);
  };

  const add = (e?: Event) => {
    e?.preventDefault();
    if (covered) {
      if (!props.busy) props.onComplete();
      return;
    }
    const checked = checkDraft(draft, ctx);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    const next = [...props.tenders, checked.tender];
    props.onTenders(next);
    const after = summarize(next, props.total, props.pointValueFen);
    setDraft(after.covered ? { ...draft, amount: "", points: "", reference: "", last4: "" } : draftFor("cash", { ...ctx, tenders: next }));
    setError(null);
  };

  const remove = (index: number) => {
    const next = props.tenders.filter((_, i) => i !== index);
    props.onTenders(next);
    setDraft(draftFor(draft.kind, { ...ctx, tenders: next }));
    setError(null);
  };

  const errorText = (e: DraftError): string => {
    const points = draft.kind === "points";
    switch (e.problem) {
      case "required":
        return t(e.field === "reference" ? "checkout.tenderError.referenceRequired" : e.field === "last4"
          ? "checkout.tenderError.last4" : points ? "checkout.tenderError.pointsRequired" : "checkout.tenderError.required");
      case "format":
        return t(e.field === "last4" ? "checkout.tenderError.last4" : points ? "checkout.tenderError.pointsFormat" : "checkout.tenderError.format");
      case "over_remaining":
        return t("checkout.tenderError.over_remaining", { amount: money(sum.remaining) });
      default:
        return t(`checkout.tenderError.${e.problem}`);
    }
  };
  const fieldError = (field: DraftError["field"]) => (error && error.field === field ? errorText(error) : null);

  const avail = available(ctx);
  const noMember = props.balances === null;
  const pointsValue = /^\d+$/.test(draft.points.trim()) ? Number(draft.points.trim()) * props.pointValueFen : null;
  const amountError = fieldError(draft.kind === "points" ? "points" : "amount");
  const refError = fieldError("reference");
  const last4Error = fieldError("last4");

  return (
    <Dialog title={t("checkout.payTitle")} onClose={props.onClose} testId="pay-dialog" wide
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button ref={completeButton} type="button" class="btn btn-primary btn-large co-complete" data-testid="sale-complete"
          disabled={!covered || props.busy} onClick={props.onComplete}>
          {props.busy ? t("checkout.completing") : t("checkout.complete")}
          <Kbd keys="Enter" class="kbd-on-primary" />
        </button>
      </>}>
      <div class="co-due">
        <div class="co-due-cell">
          <span class="co-due-label">{t("checkout.amountDue")}</span>
          <span class="co-due-value mono" data-testid="pay-total">{money(props.total)}</span>
        </div>
        <div class={`co-due-cell ${covered ? "ok" : "todo"}`}>
          <span class="co-due-label">{t("checkout.remaining")}</span>
          <span class="co-due-value mono" data-testid="tender-remaining">{money(sum.remaining)}</span>
        </div>
        <div class={`co-due-cell ${sum.change > 0 ? "change" : ""}`}>
          <span class="co-due-label">{t("checkout.change")}</span>
          <span class="co-due-value mono" data-testid="tender-change">{money(sum.change)}</span>
        </div>
      </div>

      {props.saleError ? (
        <div class="co-sale-error">
          <ErrorBanner error={props.saleError.error} text={props.saleError.text} testId="sale-error" />
          {props.saleError.action ? (
            <button type="button" class="btn btn-secondary" data-testid="sale-error-action" onClick={props.saleError.action.run}>
              {props.saleError.action.label}
            </button>
          ) : null}
        </div>
      ) : null}

      <div class="co-pay-grid">
        <form class="co-pay-form" onSubmit={add} noValidate>
          <div class="co-methods" role="radiogroup" aria-label={t("checkout.method")}>
            {TENDER_KINDS.map((kind) => {
              const blocked = isPrepaid(kind) && noMember;
              return (
                <button key={kind} type="button" role="radio" aria-checked={draft.kind === kind}
                  class={`co-method ${draft.kind === kind ? "selected" : ""}`} data-testid={`tender-${kind}`}
                  disabled={blocked || covered} title={blocked ? t("checkout.tenderNeedsMember") : undefined}
                  onClick={() => choose(kind)}>
                  <TenderIcon kind={kind} />
                  <span class="co-method-name">{t(`tender.${kind}`)}</span>
                  {kind === "stored_value" && !noMember ? <span class="co-method-sub mono">{money(avail.storedValue)}</span> : null}
                  {kind === "points" && !noMember ? <span class="co-method-sub mono">{count(avail.points)}</span> : null}
                </button>
              );
            })}
          </div>

          {covered ? (
            <p class="co-covered" data-testid="pay-covered">
              {props.total === 0 ? t("checkout.nothingToPay") : t("checkout.paidInFull")}
              {sum.change > 0 ? ` · ${t("checkout.change")} ${money(sum.change)}` : ""}
            </p>
          ) : (<>
            {isPrepaid(draft.kind) && props.topUpTotal > 0 ? (
              <div class="banner banner-warn co-note small" data-testid="tender-topup-note">
                <AlertIcon size={18} /> <span>{t("checkout.topUpNote", { amount: money(props.topUpTotal) })}</span>
              </div>
            ) : null}
            <div class={`field ${amountError ? "field-invalid" : ""}`}>
              <label class="field-label" for="f-tender-amount">
                {draft.kind === "points" ? t("checkout.pointsCount") : draft.kind === "cash" ? t("checkout.cashTendered") : t("checkout.tenderAmount")}
              </label>
              <div class="co-money">
                {draft.kind === "points" ? null : <span class="co-money-sign" aria-hidden="true">¥</span>}
                <input ref={amountInput} id="f-tender-amount" class={`input mono co-money-input ${draft.kind === "points" ? "co-points-input" : ""}`}
                  data-testid="tender-amount" inputMode={draft.kind === "points" ? "numeric" : "decimal"} autocomplete="off"
                  value={draft.kind === "points" ? draft.points : draft.amount} aria-invalid={amountError ? true : undefined}
                  aria-describedby="e-tender-amount"
                  onInput={draft.kind === "points"
                    ? (e) => {
                      const el = e.currentTarget;
                      const v = el.value.replace(/\D/g, "").slice(0, 9);
                      if (el.value !== v) el.value = v;
                      edit({ points: v });
                    }
                    : yuanOnly((v) => edit({ amount: v }))} />
              </div>
              {amountError ? <div class="field-error" id="e-tender-amount" role="alert" data-testid="tender-error">{amountError}</div>
                : draft.kind === "points" ? (
                  <div class="field-hint" id="e-tender-amount">
                    {pointsValue !== null ? `${t("checkout.pointsWorth", { amount: money(pointsValue) })} · ` : ""}
                    {t("checkout.pointsAvailable", { n: count(avail.points), amount: money(avail.points * props.pointValueFen) })}
                  </div>
                ) : draft.kind === "stored_value" ? (
                  <div class="field-hint" id="e-tender-amount">{t("checkout.storedAvailable", { amount: money(avail.storedValue) })}</div>
                ) : null}
            </div>
            {draft.kind === "cash" ? (
              <div class="co-quick" role="group">
                {[sum.remaining, ...CASH_NOTES].map((fen, i) => (
                  <button key={i} type="button" class="btn btn-secondary co-quick-btn" data-testid={i === 0 ? "tender-exact" : `tender-note-${fen / 100}`}
                    onClick={() => edit({ amount: fenText(fen) })}>
                    {i === 0 ? <span class="co-quick-exact">{t("checkout.exact")}</span> : null}
                    <span class="mono">{money(fen)}</span>
                  </button>
                ))}
              </div>
            ) : null}
            {needsReference(draft.kind) ? (
              <div class="co-ref-row">
                <div class={`field co-ref ${refError ? "field-invalid" : ""}`}>
                  <label class="field-label" for="f-tender-reference">{t("checkout.reference")}</label>
                  <input id="f-tender-reference" class="input mono" data-testid="tender-reference" autocomplete="off"
                    spellcheck={false} maxLength={64} value={draft.reference} aria-invalid={refError ? true : undefined}
                    aria-describedby="e-tender-reference" onInput={(e) => edit({ reference: e.currentTarget.value })} />
                  {refError ? <div class="field-error" id="e-tender-reference" role="alert">{refError}</div> : (
                    <div class="field-hint" id="e-tender-reference">
                      {draft.kind === "bank_card" ? t("checkout.referenceCardHint") : t("checkout.referenceWalletHint")}
                    </div>
                  )}
                </div>
                {draft.kind === "bank_card" ? (
                  <div class={`field co-last4 ${last4Error ? "field-invalid" : ""}`}>
                    <label class="field-label" for="f-tender-last4">{t("checkout.last4")}</label>
                    <input id="f-tender-last4" class="input mono" data-testid="tender-last4" inputMode="numeric" autocomplete="off"
                      maxLength={4} value={draft.last4} placeholder="1234" aria-invalid={last4Error ? true : undefined}
                      aria-describedby="e-tender-last4"
                      onInput={(e) => {
                        const el = e.currentTarget;
                        const v = el.value.replace(/\D/g, "").slice(0, 4);
                        if (el.value !== v) el.value = v;
                        edit({ last4: v });
                      }} />
                    {last4Error ? <div class="field-error" id="e-tender-last4" role="alert">{last4Error}</div> : null}
                  </div>
                ) : null}
              </div>
            ) : null}
            <button type="submit" class="btn btn-primary co-add" data-testid="tender-add">
              {t("checkout.addTender")} <Kbd keys="Enter" class="kbd-on-primary" />
            </button>
          </>)}
        </form>

        <div class="co-tendered">
          <h3 class="co-tendered-title">{t("checkout.tendered")}</h3>
          {props.tenders.length === 0 ? (
            <p class="muted small co-tendered-empty">{t("checkout.noTenders")}</p>
          ) : (
            <ul class="co-tender-list" data-testid="tender-list">
              {props.tenders.map((tender, i) => (
                <li key={i} class="co-tender" data-testid="tender-row" data-kind={tender.kind}>
                  <TenderIcon kind={tender.kind} />
                  <span class="co-tender-text">
                    <span class="co-tender-name">{t(`tender.${tender.kind}`)}</span>
                    <span class="muted small truncate">{tenderDetail(tender, t)}</span>
                  </span>
                  <span class="mono co-tender-amount">{money(tenderValue(tender, props.pointValueFen))}</span>
                  <button type="button" class="btn btn-ghost btn-small co-icon-btn" data-testid="tender-remove"
                    aria-label={t("checkout.removeTender")} title={t("checkout.removeTender")} disabled={props.busy}
                    onClick={() => remove(i)}>
                    <CloseIcon size={16} />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <dl class="co-tendered-sum">
            <div><dt>{t("checkout.amountDue")}</dt><dd class="mono">{money(props.total)}</dd></div>
            <div><dt>{t("checkout.paid")}</dt><dd class="mono">{money(sum.paid)}</dd></div>
            <div class={covered ? "" : "todo"}><dt>{t("checkout.remaining")}</dt><dd class="mono">{money(sum.remaining)}</dd></div>
            {sum.change > 0 ? <div class="change"><dt>{t("checkout.change")}</dt><dd class="mono">{money(sum.change)}</dd></div> : null}
          </dl>
        </div>
      </div>
    </Dialog>
  );
}

function tenderDetail(tender: TenderInput, t: ReturnType<typeof useI18n>["t"]): string {
  switch (tender.kind) {
    case "bank_card": return `${t("checkout.cardEnding", { last4: tender.last4 })} · ${t("checkout.ref", { ref: tender.reference })}`;
    case "wechat_pay":
    case "alipay": return t("checkout.ref", { ref: tender.reference });
    case "points": return t("checkout.pointsUsed", { n: tender.points });
    default: return "";
  }
}
