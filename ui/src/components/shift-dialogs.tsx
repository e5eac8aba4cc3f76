// The drawer outside a sale: pay cash in (存入) or out (取出) with a reason, and open the drawer
// (开钱箱) with a reason. Both are written with the cashier's name; what was typed survives an
// error from the backend. A pay-out above the store's limit asks for a manager's PIN
// (the backend answers `approval_required`; the same pay-out then goes again with the approval).
import { useState } from "preact/hooks";
import type { ApiError } from "../lib/backend/bindings";
import { openDrawer, payInOut } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { parseYuan } from "../lib/yuan";
import { ApprovalDialog } from "./approval-dialog";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field, type FieldError } from "./field";
import { MoneyInput, yuanErrorKey } from "./money-input";

const PAY_IN_REASONS: MessageKey[] = ["shift.reasonChange", "shift.reasonIncome"];
const PAY_OUT_REASONS: MessageKey[] = ["shift.reasonSupplies", "shift.reasonBank", "shift.reasonChange"];
const DRAWER_REASONS: MessageKey[] = ["shift.reasonExchange", "shift.reasonCheck"];

function ReasonChips(props: { keys: MessageKey[]; onPick: (text: string) => void; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <div class="chip-row reason-chips">
      {props.keys.map((k) => (
        <button key={k} type="button" class="chip chip-button" disabled={props.disabled}
          onClick={() => props.onPick(t(k))}>{t(k)}</button>
      ))}
    </div>
  );
}

type PayProps = {
  direction: "in" | "out";
  onClose: () => void;
  /** Done: the signed amount in fen that went into (+) or out of (−) the drawer. */
  onDone: (signedFen: number) => void;
};

export function PayInOutDialog(props: PayProps) {
  const { t, money } = useI18n();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  /** The signed pay-out waiting for a manager's PIN. */
  const [needsApproval, setNeedsApproval] = useState<number | null>(null);
  const [errors, setErrors] = useState<{ amount?: FieldError; reason?: FieldError }>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const out = props.direction === "out";

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (busy) return;
    const parsed = parseYuan(amount);
    const next: typeof errors = {};
    if (!parsed.ok) next.amount = { text: t(yuanErrorKey(parsed.reason)) };
    else if (parsed.fen === 0) next.amount = { text: t("shift.amountZero") };
    if (reason.trim() === "") next.reason = { text: t("shift.reasonRequired") };
    setErrors(next);
    if (next.amount || next.reason || !parsed.ok) return;
    const signed = out ? -parsed.fen : parsed.fen;
    setBusy(true);
    setError(null);
    try {
      await payInOut(signed, reason.trim());
      props.onDone(signed);
    } catch (reason) {
      const err = toApiError(reason);
      if (err.code === "approval_required") {
        setNeedsApproval(signed);
      } else if (err.code === "validation" && (err.field === "amount" || err.field === "reason")) {
        setErrors({ [err.field]: { text: t(err.field === "amount" ? "shift.amountZero" : "shift.reasonRequired"), detail: err.message } });
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  if (needsApproval !== null) {
    return (
      <ApprovalDialog title={t("shift.payOutApprovalTitle")} confirmLabel={t("shift.payOut")}
        onClose={() => setNeedsApproval(null)} permissions={["pay_out"]}
        onApproved={async ([granted]) => {
          await payInOut(needsApproval, reason.trim(), granted?.token ?? null);
          props.onDone(needsApproval);
        }}>
        <p data-testid="payout-approval-body">
          {t("shift.payOutApprovalBody", { amount: money(-needsApproval), reason: reason.trim() })}
        </p>
      </ApprovalDialog>
    );
  }

  return (
    <Dialog title={t(out ? "shift.payOutTitle" : "shift.payInTitle")} onClose={props.onClose}
      testId={out ? "payout-dialog" : "payin-dialog"}
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="submit" form="payinout-form" class="btn btn-primary" data-testid="payinout-submit" disabled={busy}>
          {t(out ? "shift.payOut" : "shift.payIn")} <kbd class="kbd kbd-on-primary">Enter</kbd>
        </button>
      </>}>
      <p class="muted">{t(out ? "shift.payOutBody" : "shift.payInBody")}</p>
      {error ? <ErrorBanner error={error} testId="payinout-error"
        text={error.code === "conflict" ? t("shift.conflict") : undefined} /> : null}
      <form id="payinout-form" class="dialog-form" onSubmit={submit} noValidate>
        <Field id="payinout-amount" label={t("shift.amount")} error={errors.amount}>
          <MoneyInput id="payinout-amount" testId="payinout-amount" value={amount} large autoFocus
            invalid={!!errors.amount} disabled={busy}
            onValue={(v) => { setAmount(v); setErrors((x) => ({ ...x, amount: undefined })); }} />
        </Field>
        <Field id="payinout-reason" label={t("shift.reason")} error={errors.reason}>
          <input id="f-payinout-reason" class="input" data-testid="payinout-reason" value={reason} maxLength={80}
            placeholder={t("shift.reasonPlaceholder")} disabled={busy}
            onInput={(e) => { setReason(e.currentTarget.value); setErrors((x) => ({ ...x, reason: undefined })); }} />
        </Field>
        <ReasonChips keys={out ? PAY_OUT_REASONS : PAY_IN_REASONS} disabled={busy}
          onPick={(text) => { setReason(text); setErrors((x) => ({ ...x, reason: undefined })); }} />
      </form>
    </Dialog>
  );
}

export function DrawerDialog(props: { onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<FieldError | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (busy) return;
    if (reason.trim() === "") {
      setReasonError({ text: t("shift.reasonRequired") });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await openDrawer(reason.trim());
      props.onDone();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("shift.drawerTitle")} onClose={props.onClose} testId="drawer-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="submit" form="drawer-form" class="btn btn-primary" data-testid="drawer-submit" disabled={busy}>
          {t("shift.openDrawer")} <kbd class="kbd kbd-on-primary">Enter</kbd>
        </button>
      </>}>
      <p class="muted">{t("shift.drawerBody")}</p>
      {error ? <ErrorBanner error={error} testId="drawer-error" /> : null}
      <form id="drawer-form" class="dialog-form" onSubmit={submit} noValidate>
        <Field id="drawer-reason" label={t("shift.reason")} error={reasonError}>
          <input id="f-drawer-reason" class="input" data-testid="drawer-reason" value={reason} maxLength={80}
            placeholder={t("shift.reasonPlaceholder")} disabled={busy}
            onInput={(e) => { setReason(e.currentTarget.value); setReasonError(undefined); }} />
        </Field>
        <ReasonChips keys={DRAWER_REASONS} disabled={busy}
          onPick={(text) => { setReason(text); setReasonError(undefined); }} />
      </form>
    </Dialog>
  );
}
