// One amount of money typed in yuan (a manual discount, a changed price), parsed to exact fen.
// The typed text stays as typed while it is wrong; `max` bounds it when there is a bound.
import { useState } from "preact/hooks";
import { useI18n } from "../lib/i18n";
import { fenToInput, parseYuan, yuanOnly } from "../lib/yuan";
import { Dialog } from "./dialog";

type Props = {
  title: string;
  label: string;
  hint: string;
  initial: number | null;
  /** Largest amount accepted, with the message for more. */
  max?: { fen: number; text: string };
  /** A second way out: remove the discount, back to the list price. */
  clear?: { label: string; onClear: () => void };
  testId: string;
  onSubmit: (fen: number) => void;
  onClose: () => void;
};

export function AmountDialog(props: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(props.initial === null ? "" : fenToInput(props.initial));
  const [error, setError] = useState<string | null>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    const p = parseYuan(text);
    if (!p.ok) {
      setError(t(p.reason === "empty" ? "checkout.tenderError.required" : p.reason === "decimals" ? "checkout.tenderError.decimals"
        : p.reason === "too_large" ? "checkout.tenderError.too_large" : "checkout.tenderError.format"));
      return;
    }
    if (props.max && p.fen > props.max.fen) {
      setError(props.max.text);
      return;
    }
    props.onSubmit(p.fen);
  };

  return (
    <Dialog title={props.title} onClose={props.onClose} testId={props.testId}
      actions={<>
        {props.clear ? (
          <button type="button" class="btn btn-ghost" data-testid={`${props.testId}-clear`} onClick={props.clear.onClear}>
            {props.clear.label}
          </button>
        ) : null}
        <span class="co-spacer" />
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="submit" form={`${props.testId}-form`} class="btn btn-primary" data-testid={`${props.testId}-submit`}>
          {t("checkout.apply")}
        </button>
      </>}>
      <form id={`${props.testId}-form`} onSubmit={submit} noValidate class={`field ${error ? "field-invalid" : ""}`}>
        <label class="field-label" for={`f-${props.testId}`}>{props.label}</label>
        <div class="co-money">
          <span class="co-money-sign" aria-hidden="true">¥</span>
          <input id={`f-${props.testId}`} class="input mono co-money-input" data-testid={`${props.testId}-amount`}
            inputMode="decimal" autocomplete="off" value={text} data-autofocus placeholder="0.00"
            aria-invalid={error ? true : undefined} aria-describedby={`e-${props.testId}`}
            onInput={yuanOnly((v) => { setText(v); setError(null); })} />
        </div>
        {error ? <div class="field-error" id={`e-${props.testId}`} role="alert">{error}</div>
          : <div class="field-hint" id={`e-${props.testId}`}>{props.hint}</div>}
      </form>
    </Dialog>
  );
}
