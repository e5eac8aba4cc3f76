// An amount typed in yuan: a ¥ in front, a decimal keypad on touch screens, only digits and one
// point with at most two decimals reach the state. The text is kept as typed (never lost on an
// error); `parseYuan` turns it into exact fen when the form is submitted.
import type { MessageKey } from "../lib/i18n";
import { yuanOnly, type YuanParse } from "../lib/yuan";

type Props = {
  id: string;
  value: string;
  onValue: (value: string) => void;
  testId?: string;
  disabled?: boolean;
  invalid?: boolean;
  placeholder?: string;
  large?: boolean;
  autoFocus?: boolean;
  describedBy?: string;
  label?: string;
};

export function MoneyInput(props: Props) {
  return (
    <div class={`money-input ${props.large ? "money-input-large" : ""} ${props.invalid ? "invalid" : ""}`}>
      <span class="money-input-sign" aria-hidden="true">¥</span>
      <input id={`f-${props.id}`} class="input mono" data-testid={props.testId} inputMode="decimal" autocomplete="off"
        value={props.value} disabled={props.disabled} placeholder={props.placeholder ?? "0.00"}
        aria-invalid={props.invalid ? true : undefined} aria-describedby={props.describedBy} aria-label={props.label}
        data-autofocus={props.autoFocus ? true : undefined} onInput={yuanOnly(props.onValue)} />
    </div>
  );
}

/** The message for an amount that did not parse. */
export function yuanErrorKey(reason: Exclude<YuanParse, { ok: true }>["reason"]): MessageKey {
  switch (reason) {
    case "empty": return "shift.amountRequired";
    case "decimals": return "shift.amountDecimals";
    case "too_large": return "shift.amountTooLarge";
    default: return "shift.amountFormat";
  }
}
