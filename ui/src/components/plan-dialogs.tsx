// Adding or editing a top-up plan (pay X, get a bonus) and a package plan (N sessions of a
// service, valid for D days, at a price). Amounts are typed in yuan; refusals show on their field.
import { useState } from "preact/hooks";
import type { ApiError, PackagePlanView, ServiceView, TopUpPlanView } from "../lib/backend/bindings";
import { savePackagePlan, saveTopUpPlan } from "../lib/backend/commands-catalog";
import { toApiError } from "../lib/backend/errors";
import { fenOf, intOf, localError, yuanText } from "../lib/catalog-form";
import { useI18n } from "../lib/i18n";
import { onAField, useFieldError } from "./catalog-admin-bits";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { MoneyInput } from "./money-input";
import { PriceHistory } from "./price-history";

function Actions(props: { testId: string; busy: boolean; onCancel: () => void; onSave: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" class="btn btn-secondary" onClick={props.onCancel}>{t("catalog.cancel")}</button>
      <button type="button" class="btn btn-primary" data-testid={props.testId} disabled={props.busy}
        onClick={props.onSave}>{t("catalog.save")}</button>
    </>
  );
}

export function TopUpPlanDialog(props: {
  plan: TopUpPlanView | null; onClose: () => void; onSaved: (list: TopUpPlanView[]) => void;
}) {
  const { t, money } = useI18n();
  const p = props.plan;
  const [name, setName] = useState(p?.name ?? "");
  const [pay, setPay] = useState(p ? yuanText(p.pay) : "");
  const [bonus, setBonus] = useState(p ? yuanText(p.bonus) : "");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);
  const payFen = fenOf(pay);
  const bonusFen = bonus.trim() === "" ? 0 : fenOf(bonus);

  const save = async () => {
    if (payFen === null) return setError(localError("pay"));
    if (bonusFen === null) return setError(localError("bonus"));
    setBusy(true);
    try {
      props.onSaved(await saveTopUpPlan(p?.id ?? null, { name, pay: payFen, bonus: bonusFen }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(p ? "catalog.topUp.editTitle" : "catalog.topUp.new")} onClose={props.onClose}
      testId="top-up-dialog"
      actions={<Actions testId="top-up-save" busy={busy} onCancel={props.onClose} onSave={() => void save()} />}>
      <form class="cat-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {error && !onAField(error, ["name", "pay", "bonus"]) ? <ErrorBanner error={error} /> : null}
        <Field id="top-up-name" label={t("catalog.topUp.name")} error={fieldError("name")}>
          <input id="f-top-up-name" class="input" data-testid="top-up-name" value={name} data-autofocus
            onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="top-up-pay" label={t("catalog.topUp.pay")} error={fieldError("pay")}>
          <MoneyInput id="top-up-pay" testId="top-up-pay" value={pay} onValue={setPay} invalid={error?.field === "pay"} />
        </Field>
        <Field id="top-up-bonus" label={t("catalog.topUp.bonus")} error={fieldError("bonus")}
          hint={payFen !== null && bonusFen !== null ? t("catalog.topUp.gets", { amount: money(payFen + bonusFen) }) : undefined}>
          <MoneyInput id="top-up-bonus" testId="top-up-bonus" value={bonus} onValue={setBonus}
            invalid={error?.field === "bonus"} />
        </Field>
        <button type="submit" hidden />
      </form>
      {p ? <PriceHistory itemId={p.id} /> : null}
    </Dialog>
  );
}

export function PackagePlanDialog(props: {
  plan: PackagePlanView | null; services: ServiceView[];
  onClose: () => void; onSaved: (list: PackagePlanView[]) => void;
}) {
  const { t } = useI18n();
  const p = props.plan;
  const [serviceId, setServiceId] = useState(p?.serviceId ?? "");
  const [name, setName] = useState(p?.name ?? "");
  const [sessions, setSessions] = useState(p ? String(p.sessions) : "10");
  const [validDays, setValidDays] = useState(p ? String(p.validDays) : "365");
  const [price, setPrice] = useState(p ? yuanText(p.price) : "");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);

  const save = async () => {
    const n = intOf(sessions);
    const days = intOf(validDays);
    const fen = fenOf(price);
    if (serviceId === "") return setError(localError("serviceId"));
    if (n === undefined || n === null) return setError(localError("sessions"));
    if (days === undefined || days === null) return setError(localError("validDays"));
    if (fen === null) return setError(localError("price"));
    setBusy(true);
    try {
      props.onSaved(await savePackagePlan(p?.id ?? null, { serviceId, name, sessions: n, validDays: days, price: fen }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(p ? "catalog.package.editTitle" : "catalog.package.new")} onClose={props.onClose}
      testId="package-dialog"
      actions={<Actions testId="package-save" busy={busy} onCancel={props.onClose} onSave={() => void save()} />}>
      <form class="cat-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {error && !onAField(error, ["serviceId", "name", "sessions", "validDays", "price"])
          ? <ErrorBanner error={error} /> : null}
        <Field id="package-service" label={t("catalog.package.service")} error={fieldError("serviceId")}>
          <select id="f-package-service" class="input" data-testid="package-service" value={serviceId} data-autofocus
            onChange={(e) => setServiceId(e.currentTarget.value)}>
            <option value="" disabled>{t("catalog.package.pickService")}</option>
            {props.services.filter((s) => s.active || s.id === serviceId).map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </Field>
        <Field id="package-name" label={t("catalog.package.name")} error={fieldError("name")}>
          <input id="f-package-name" class="input" data-testid="package-name" value={name}
            onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="package-sessions" label={t("catalog.package.sessions")} error={fieldError("sessions")}>
          <input id="f-package-sessions" class="input input-number" data-testid="package-sessions" inputMode="numeric"
            value={sessions} onInput={(e) => setSessions(e.currentTarget.value)} />
        </Field>
        <Field id="package-valid-days" label={t("catalog.package.validDays")} error={fieldError("validDays")}>
          <input id="f-package-valid-days" class="input input-number" data-testid="package-valid-days"
            inputMode="numeric" value={validDays} onInput={(e) => setValidDays(e.currentTarget.value)} />
        </Field>
        <Field id="package-price" label={t("catalog.package.price")} error={fieldError("price")}>
          <MoneyInput id="package-price" testId="package-price" value={price} onValue={setPrice}
            invalid={error?.field === "price"} />
        </Field>
        <button type="submit" hidden />
      </form>
      {p ? <PriceHistory itemId={p.id} /> : null}
    </Dialog>
  );
}
