// Adding or editing a service: category, name (and an English one), duration, price in yuan,
// the room kind it needs and its commission. What was typed stays when the core refuses it; the
// refusal shows on its field.
import { useState } from "preact/hooks";
import type { ApiError, ResourceKind, ServiceView } from "../lib/backend/bindings";
import { saveService } from "../lib/backend/commands-catalog";
import { toApiError } from "../lib/backend/errors";
import { bpOf, fenOf, intOf, localError, percentText, yuanText } from "../lib/catalog-form";
import { useI18n } from "../lib/i18n";
import { onAField, useFieldError } from "./catalog-admin-bits";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { MoneyInput } from "./money-input";
import { PriceHistory } from "./price-history";

const FIELDS = ["category", "name", "nameEn", "durationMin", "price", "resourceKind", "commissionBp"] as const;
const KINDS: ResourceKind[] = ["bed", "chair", "room"];

type Props = {
  service: ServiceView | null;
  categories: string[];
  onClose: () => void;
  onSaved: (list: ServiceView[]) => void;
};

export function ServiceDialog(props: Props) {
  const { t } = useI18n();
  const s = props.service;
  const [category, setCategory] = useState(s?.category ?? "");
  const [name, setName] = useState(s?.name ?? "");
  const [nameEn, setNameEn] = useState(s?.nameEn ?? "");
  const [duration, setDuration] = useState(s ? String(s.durationMin) : "60");
  const [price, setPrice] = useState(s ? yuanText(s.price) : "");
  const [kind, setKind] = useState<ResourceKind | "">(s?.resourceKind ?? "");
  const [commission, setCommission] = useState(s ? percentText(s.commissionBp) : "");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);

  const save = async () => {
    const priceFen = fenOf(price);
    const minutes = intOf(duration);
    const bp = commission.trim() === "" ? null : bpOf(commission);
    if (minutes === undefined || minutes === null) return setError(localError("durationMin"));
    if (priceFen === null) return setError(localError("price"));
    if (commission.trim() !== "" && bp === null) return setError(localError("commissionBp"));
    setBusy(true);
    try {
      props.onSaved(await saveService(s?.id ?? null, {
        category, name, nameEn, durationMin: minutes, price: priceFen,
        resourceKind: kind === "" ? null : kind, commissionBp: bp,
      }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(s ? "catalog.service.editTitle" : "catalog.service.new")} onClose={props.onClose}
      testId="service-dialog" wide
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("catalog.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="service-save" disabled={busy}
          onClick={() => void save()}>{t("catalog.save")}</button>
      </>}>
      <form class="cat-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {error && !onAField(error, FIELDS) ? <ErrorBanner error={error} testId="service-error" /> : null}
        <Field id="service-category" label={t("catalog.service.category")} error={fieldError("category")}>
          <input id="f-service-category" class="input" data-testid="service-category" list="service-categories"
            value={category} onInput={(e) => setCategory(e.currentTarget.value)} data-autofocus />
          <datalist id="service-categories">{props.categories.map((c) => <option key={c} value={c} />)}</datalist>
        </Field>
        <Field id="service-name" label={t("catalog.service.name")} error={fieldError("name")}>
          <input id="f-service-name" class="input" data-testid="service-name" value={name}
            onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="service-name-en" label={t("catalog.service.nameEn")} hint={t("catalog.optional")}
          error={fieldError("nameEn")}>
          <input id="f-service-name-en" class="input" data-testid="service-name-en" value={nameEn}
            onInput={(e) => setNameEn(e.currentTarget.value)} />
        </Field>
        <Field id="service-duration" label={t("catalog.service.duration")} error={fieldError("durationMin")}>
          <input id="f-service-duration" class="input input-number" data-testid="service-duration" inputMode="numeric"
            value={duration} onInput={(e) => setDuration(e.currentTarget.value)} />
        </Field>
        <Field id="service-price" label={t("catalog.service.price")} error={fieldError("price")}>
          <MoneyInput id="service-price" testId="service-price" value={price} onValue={setPrice}
            invalid={error?.field === "price"} />
        </Field>
        <Field id="service-room-kind" label={t("catalog.service.roomKind")} error={fieldError("resourceKind")}>
          <select id="f-service-room-kind" class="input" data-testid="service-room-kind" value={kind}
            onChange={(e) => setKind(e.currentTarget.value as ResourceKind | "")}>
            <option value="">{t("catalog.service.anyRoom")}</option>
            {KINDS.map((k) => <option key={k} value={k}>{t(`catalog.room.${k}`)}</option>)}
          </select>
        </Field>
        <Field id="service-commission" label={t("catalog.service.commission")} hint={t("catalog.service.commissionHint")}
          error={fieldError("commissionBp")}>
          <input id="f-service-commission" class="input input-number" data-testid="service-commission"
            inputMode="decimal" value={commission} onInput={(e) => setCommission(e.currentTarget.value)} />
        </Field>
        <button type="submit" hidden />
      </form>
      {s ? <PriceHistory itemId={s.id} /> : null}
    </Dialog>
  );
}
