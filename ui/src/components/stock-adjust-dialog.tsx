// Adjusting one product's stock by hand: up or down, a reason and a note. Taking more than is
// on hand is refused by the core (a stock take puts a wrong count right).
import { useState } from "preact/hooks";
import type { AdjustReason, ApiError, StockRowView } from "../lib/backend/bindings";
import { adjustStock, announceStockChanged } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";

const REASONS: AdjustReason[] = ["damaged", "used_in_service", "count_correction", "other"];

type Props = { row: StockRowView; onClose: () => void; onDone: (onHand: number) => void };

export function StockAdjustDialog(props: Props) {
  const { t, count } = useI18n();
  const [direction, setDirection] = useState<"out" | "in">("out");
  const [qty, setQty] = useState("");
  const [reason, setReason] = useState<AdjustReason>("damaged");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const n = Number(qty);
  const qtyOk = qty.trim() !== "" && Number.isInteger(n) && n > 0;
  const save = async () => {
    if (!qtyOk) {
      setError({ code: "validation", message: "", field: "qty", memberId: null });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const onHand = await adjustStock({
        productId: props.row.productId, qty: direction === "out" ? -n : n, reason, note,
      });
      announceStockChanged();
      props.onDone(onHand);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (key: string, text: string) =>
    error?.field === key ? { text, detail: error.message || null } : undefined;
  // The core refuses taking away more than is on hand (field qty): say so in our words.
  const belowZero = error?.field === "qty" && direction === "out" && qtyOk && n > props.row.onHand;
  const qtyError = belowZero
    ? { text: t("stock.belowZero", { n: count(props.row.onHand) }), detail: null }
    : fieldError("qty", t("stock.qtyInvalid"));

  return (
    <Dialog title={t("stock.adjustTitle", { name: props.row.name })} onClose={props.onClose} testId="stock-adjust-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("stock.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="stock-adjust-save" disabled={busy} onClick={save}>
          {t("stock.adjustSave")}
        </button>
      </>}>
      <p class="muted">{t("stock.onHandNow", { n: count(props.row.onHand) })}</p>
      <div class="segmented" role="radiogroup">
        {(["out", "in"] as const).map((d) => (
          <button key={d} type="button" role="radio" aria-checked={direction === d} data-testid={`stock-adjust-${d}`}
            class={`segment ${direction === d ? "active" : ""}`} onClick={() => setDirection(d)}>
            {t(`stock.direction.${d}`)}
          </button>
        ))}
      </div>
      <div class="stock-form-grid">
        <Field id="adjust-qty" label={t("stock.qty")} error={qtyError}>
          <input id="f-adjust-qty" class="input mono" inputMode="numeric" data-testid="stock-adjust-qty" value={qty}
            onInput={(e) => setQty(e.currentTarget.value.replace(/[^\d]/g, ""))} />
        </Field>
        <Field id="adjust-reason" label={t("stock.reason")}>
          <select id="f-adjust-reason" class="input" data-testid="stock-adjust-reason" value={reason}
            onChange={(e) => setReason(e.currentTarget.value as AdjustReason)}>
            {REASONS.map((r) => <option key={r} value={r}>{t(`stock.reason.${r}`)}</option>)}
          </select>
        </Field>
        <Field id="adjust-note" label={t("stock.note")} wide error={fieldError("note", t("stock.noteRequired"))}>
          <input id="f-adjust-note" class="input" data-testid="stock-adjust-note" value={note} maxLength={500}
            onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
      </div>
      {error && error.field !== "qty" && error.field !== "note" ? <ErrorBanner error={error} testId="stock-adjust-error" /> : null}
    </Dialog>
  );
}
