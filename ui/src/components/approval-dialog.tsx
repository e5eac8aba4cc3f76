// A manager's approval (店长授权) for what a cashier may not do alone: refunds, voids, manual
// discounts, typed prices, large pay-outs. Pick the manager (or owner), type their PIN on the
// keyboard or the pad; the core checks it for each permission asked (approve_action) and answers
// single-use tokens, good for two minutes for that one action. The PIN is forgotten at once:
// `onApproved` does the action with the tokens, and the core checks them again. Used by the sales
// screen, the shift's pay-out and checkout.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, ApprovalGranted, Permission, StaffBrief } from "../lib/backend/bindings";
import { approveAction, loginStaffList } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { digitsOnly } from "../lib/input";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { AlertIcon, LockIcon } from "./icons";
import { PinPad } from "./pin-pad";

type Props = {
  title: string;
  /** What is being approved (amount, lines, what happens): shown above the manager list. */
  children?: ComponentChildren;
  /** The submit button's text; "Approve" by default. */
  confirmLabel?: string;
  /** Red submit button, for voids and refunds. */
  danger?: boolean;
  /** What the manager approves: one token each (a sale may need a discount and a typed price). */
  permissions: Permission[];
  /** Does the action with the tokens. If it throws, the dialog stays open and shows the error. */
  onApproved: (granted: ApprovalGranted[], approver: StaffBrief) => Promise<void>;
  /** Text for an error the action threw (default: the generic text for its code). */
  errorText?: (error: ApiError) => string | undefined;
  onClose: () => void;
};

const PIN_CODES = new Set(["wrong_pin", "locked_out"]);

export const isApprover = (s: StaffBrief) => s.role === "manager" || s.role === "owner";

export function ApprovalDialog(props: Props) {
  const { t } = useI18n();
  const [managers, setManagers] = useState<StaffBrief[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [managerId, setManagerId] = useState<string | null>(null);
  const [pin, setPin] = useState("");
  const [pinError, setPinError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const pinInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    loginStaffList().then(
      (list) => {
        const found = list.filter(isApprover);
        setManagers(found);
        if (found.length === 1 && found[0]) setManagerId(found[0].id);
      },
      (reason: unknown) => setLoadError(toApiError(reason)),
    );
  }, []);

  // The PIN takes the keyboard once a manager is chosen, and again after a failed try; until
  // then the first manager does (the list arrives after the dialog opened).
  useEffect(() => {
    if (managerId && !busy) pinInput.current?.focus();
    else if (!managerId && managers && managers.length > 0) list.current?.focus();
  }, [managerId, busy, managers]);

  const manager = managers?.find((m) => m.id === managerId) ?? null;

  const choose = (id: string) => {
    setManagerId(id === "" ? null : id);
    setPin("");
    setPinError(null);
  };

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (!managerId || pin.length === 0 || busy) return;
    setBusy(true);
    setActionError(null);
    const granted: ApprovalGranted[] = [];
    try {
      for (const permission of props.permissions) granted.push(await approveAction({ managerId, pin, permission }));
    } catch (reason) {
      const error = toApiError(reason);
      if (PIN_CODES.has(error.code) || error.code === "forbidden" || error.code === "not_found") {
        setPinError(error);
        setPin("");
      } else {
        setActionError(error);
      }
      setBusy(false);
      return;
    }
    // The tokens stand in for the PIN from here on.
    setPin("");
    const approver = granted[0]?.approver ?? managers?.find((m) => m.id === managerId) ?? null;
    if (!approver) {
      setBusy(false);
      return;
    }
    try {
      await props.onApproved(granted, approver);
    } catch (reason) {
      const error = toApiError(reason);
      if (PIN_CODES.has(error.code)) {
        setPinError(error);
        setPin("");
      } else {
        setActionError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const pinErrorText = (err: ApiError) => {
    if (err.code === "locked_out") {
      const minutes = err.minutes ?? null;
      return minutes === null ? t("error.locked_out") : t("login.lockedMinutes", { n: minutes });
    }
    return t(`error.${err.code}`);
  };

  return (
    <Dialog title={props.title} onClose={props.onClose} testId="approval-dialog" wide
      actions={<>
        <button type="button" class="btn btn-secondary" data-testid="approval-cancel" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="submit" form="approval-form" class={`btn ${props.danger ? "btn-danger" : "btn-primary"}`}
          data-testid="approval-submit" disabled={!managerId || pin.length === 0 || busy}>
          {busy ? t("approval.checking") : props.confirmLabel ?? t("approval.submit")}
          <kbd class="kbd kbd-on-primary">Enter</kbd>
        </button>
      </>}>
      <form id="approval-form" class="approval" onSubmit={submit} noValidate>
        <div class="approval-managers">
          {props.children ? <div class="approval-what">{props.children}</div> : null}
          {actionError ? (
            <ErrorBanner error={actionError} testId="approval-error" text={props.errorText?.(actionError)} />
          ) : null}
          <label class="field-label" id="approval-manager-label" for="f-approval-manager">{t("approval.manager")}</label>
          {loadError ? <ErrorBanner error={loadError} /> : null}
          {managers === null && !loadError ? <p class="muted small">{t("common.loading")}</p> : null}
          {managers?.length === 0 ? <p class="muted small" data-testid="approval-no-managers">{t("approval.noManagers")}</p> : null}
          <select ref={list} id="f-approval-manager" class="input approval-manager-select" data-testid="approval-manager"
            aria-labelledby="approval-manager-label" value={managerId ?? ""} disabled={busy || !managers || managers.length === 0}
            onChange={(e) => choose(e.currentTarget.value)}>
            {managerId === null ? <option value="" disabled>{t("approval.pickFirst")}</option> : null}
            {managers?.map((m) => (
              <option key={m.id} value={m.id}>{m.name} · {t(`role.${m.role}`)}</option>
            ))}
          </select>
          <p class="muted small approval-hint">{t("approval.hint")}</p>
        </div>
        <div class="approval-pin">
          <label class="approval-pin-head" for="f-approval-pin">
            <LockIcon size={18} />
            <span>{manager ? t("approval.pinFor", { name: manager.name }) : t("approval.pickFirst")}</span>
          </label>
          <input ref={pinInput} id="f-approval-pin" class="input pin-display approval-pin-input" data-testid="approval-pin"
            type="password" inputMode="numeric" autocomplete="off" value={pin} disabled={!managerId || busy}
            aria-describedby="approval-pin-error"
            onInput={digitsOnly(8, (v) => { setPin(v); setPinError(null); })} />
          <div class="approval-pin-error" id="approval-pin-error">
            {pinError ? (
              <div class={`login-error ${pinError.code === "locked_out" ? "locked" : ""}`} role="alert"
                data-testid="approval-pin-error" data-code={pinError.code}>
                {pinError.code === "locked_out" ? <LockIcon size={18} /> : <AlertIcon size={18} />}
                <span>{pinErrorText(pinError)}</span>
              </div>
            ) : null}
          </div>
          <PinPad disabled={!managerId || busy}
            onDigit={(d) => { setPin((p) => (p.length < 8 ? p + d : p)); setPinError(null); }}
            onBackspace={() => setPin((p) => p.slice(0, -1))} onClear={() => setPin("")} />
        </div>
      </form>
    </Dialog>
  );
}
