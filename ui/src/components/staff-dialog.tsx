// Adding or editing a staff member: name, role (only the roles this session may give), a PIN
// for someone new, her calendar colour and her commission rates. Errors sit on their field;
// what was typed stays when the backend refuses.
import { useState } from "preact/hooks";
import type { ApiError, Role, Session, StaffColor, StaffInput, StaffRecordView } from "../lib/backend/bindings";
import { addStaffMember, editStaff } from "../lib/backend/commands-staff-admin";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type I18n, type MessageKey } from "../lib/i18n";
import { digitsOnly } from "../lib/input";
import { assignableRoles } from "../lib/staff-admin";
import { PALETTE, STAFF_COLORS } from "../lib/staff-colors";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field, type FieldError } from "./field";
import { fromRates, RatesEditor, toRates, type RatesDraft } from "./staff-commission";

type Errors = Partial<Record<string, FieldError>>;

/** Our words for a `staff_refused` reason, or undefined for any other error. */
export function staffRefusedText(t: I18n["t"], e: ApiError): string | undefined {
  if (e.code !== "staff_refused") return undefined;
  const known = ["last_owner", "own_record", "duplicate_name", "has_appointments"];
  return known.includes(e.reason ?? "") ? t(`staffAdmin.refused.${e.reason}` as MessageKey) : undefined;
}

export function StaffDialog(props: {
  session: Session; row: StaffRecordView | null; onClose: () => void; onSaved: () => void;
}) {
  const { t } = useI18n();
  const row = props.row;
  const roles = assignableRoles(props.session);
  const [name, setName] = useState(row?.name ?? "");
  const [role, setRole] = useState<Role>(row?.role ?? "beautician");
  const [pin, setPin] = useState("");
  const [pinAgain, setPinAgain] = useState("");
  const [color, setColor] = useState<StaffColor | null>(row?.color ?? null);
  const [rates, setRates] = useState<RatesDraft>(fromRates(row?.commission ?? null));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const minDigits = role === "owner" || role === "manager" ? 6 : 4;

  const check = (): Errors => {
    const e: Errors = {};
    if (name.trim() === "") e.name = { text: t("staffAdmin.nameRequired") };
    if (row === null) {
      if (!new RegExp(`^\\d{${minDigits},8}$`).test(pin)) e.pin = { text: t("staffAdmin.pinFormat", { n: minDigits }) };
      else if (pin !== pinAgain) e["pin-confirm"] = { text: t("setup.pinMismatch") };
    }
    const parsed = toRates(rates);
    if (typeof parsed === "string") e[parsed] = { text: t("staffAdmin.rateInvalid") };
    return e;
  };

  const place = (error: ApiError) => {
    const refused = staffRefusedText(t, error);
    if (error.code === "pin_too_short") return setErrors({ pin: { text: t("staffAdmin.pinFormat", { n: error.minDigits ?? 6 }) } });
    if (error.code === "staff_refused" && error.reason === "duplicate_name") return setErrors({ name: { text: refused ?? "" } });
    if (error.code === "staff_refused" && refused) return setErrors({ role: { text: refused } });
    if (error.code === "validation" && error.field) {
      return setErrors({ [error.field]: { text: t("error.validation"), detail: error.message } });
    }
    setFailure(error);
  };

  const save = async (ev?: Event) => {
    ev?.preventDefault();
    const found = check();
    setErrors(found);
    setFailure(null);
    const commission = toRates(rates);
    if (Object.keys(found).length > 0 || typeof commission === "string") return;
    const input: StaffInput = { name: name.trim(), role, color, commission };
    setBusy(true);
    try {
      if (row) await editStaff(row.id, input);
      else await addStaffMember(input, pin);
      props.onSaved();
    } catch (reason) {
      place(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog wide title={row ? t("staffAdmin.editTitle", { name: row.name }) : t("staffAdmin.addTitle")}
      onClose={props.onClose} testId="staff-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary" data-testid="staff-cancel" onClick={props.onClose}>
          {t("common.cancel")}
        </button>
        <button type="button" class="btn btn-primary" data-testid="staff-save" disabled={busy}
          onClick={() => void save()}>{t("staffAdmin.save")}</button>
      </>}>
      <form class="staff-form" onSubmit={(e) => void save(e)} noValidate>
        <div class="form-row">
          <Field id="staff-name" label={t("staffAdmin.name")} error={errors.name}>
            <input id="f-staff-name" class="input" data-testid="staff-name" value={name} maxLength={40}
              autocomplete="off" data-autofocus onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field id="staff-role" label={t("staffAdmin.role")} error={errors.role}>
            <select id="f-staff-role" class="input" data-testid="staff-role" value={role}
              disabled={row !== null && !roles.includes(row.role)}
              onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {(roles.includes(role) ? roles : [role, ...roles]).map((r) => (
                <option key={r} value={r}>{t(`role.${r}`)}</option>
              ))}
            </select>
          </Field>
        </div>
        {row === null ? (
          <div class="form-row">
            <Field id="staff-pin" label={t("staffAdmin.pin", { n: minDigits })} error={errors.pin}>
              <input id="f-staff-pin" class="input input-pin" data-testid="staff-pin" type="password" inputMode="numeric"
                autocomplete="new-password" value={pin} onInput={digitsOnly(8, setPin)} />
            </Field>
            <Field id="staff-pin-confirm" label={t("setup.pinConfirm")} error={errors["pin-confirm"]}>
              <input id="f-staff-pin-confirm" class="input input-pin" data-testid="staff-pin-confirm" type="password"
                inputMode="numeric" autocomplete="new-password" value={pinAgain} onInput={digitsOnly(8, setPinAgain)} />
            </Field>
          </div>
        ) : null}
        <div class="field">
          <span class="field-label" id="staff-color-label">{t("staffAdmin.color")}</span>
          <div class="swatches" role="radiogroup" aria-labelledby="staff-color-label">
            <button type="button" role="radio" aria-checked={color === null} class={`swatch swatch-none ${color === null ? "selected" : ""}`}
              data-testid="staff-color-none" title={t("staffAdmin.colorNone")} onClick={() => setColor(null)} />
            {PALETTE.map((c) => (
              <button key={c} type="button" role="radio" aria-checked={color === c} title={t(`staffAdmin.colorName.${c}`)}
                aria-label={t(`staffAdmin.colorName.${c}`)} class={`swatch ${color === c ? "selected" : ""}`}
                data-testid={`staff-color-${c}`} style={{ background: STAFF_COLORS[c] }} onClick={() => setColor(c)} />
            ))}
          </div>
          {errors.color ? <div class="field-error" role="alert">{errors.color.text}</div> : null}
        </div>
        <RatesEditor value={rates} onChange={setRates} errors={errors} />
        {failure ? <ErrorBanner error={failure} testId="staff-dialog-error" /> : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
