// Large on-screen digits for PIN entry on a touch screen. Keyboard entry goes to the PIN input
// itself; this pad only appends to, deletes from or clears that value.
import { useI18n } from "../lib/i18n";
import { DeleteKeyIcon } from "./icons";

type Props = {
  onDigit: (digit: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  disabled?: boolean;
};

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

export function PinPad(props: Props) {
  const { t } = useI18n();
  // mousedown's default would move focus off the PIN input; keep it there for the keyboard.
  const keep = (e: MouseEvent) => e.preventDefault();
  return (
    <div class="pin-pad" role="group" aria-label={t("login.pin")}>
      {DIGITS.map((d) => (
        <button key={d} type="button" class="pin-key" disabled={props.disabled} onMouseDown={keep}
          onClick={() => props.onDigit(d)}>{d}</button>
      ))}
      <button type="button" class="pin-key pin-key-muted" disabled={props.disabled} onMouseDown={keep}
        onClick={props.onClear}>{t("login.clear")}</button>
      <button type="button" class="pin-key" disabled={props.disabled} onMouseDown={keep}
        onClick={() => props.onDigit("0")}>0</button>
      <button type="button" class="pin-key pin-key-muted" disabled={props.disabled} onMouseDown={keep}
        onClick={props.onBackspace} aria-label={t("login.backspace")}><DeleteKeyIcon size={26} /></button>
    </div>
  );
}
