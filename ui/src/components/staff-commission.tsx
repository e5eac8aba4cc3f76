// A staff member's commission rates in the staff dialog: her rate on services and on products
// (empty: each item's own rate) and her rate for single services from the catalog.
import { useEffect, useState } from "preact/hooks";
import type { CatalogItem, CommissionView } from "../lib/backend/bindings";
import { catalog } from "../lib/backend/commands";
import { useI18n } from "../lib/i18n";
import { bpToPercent, percentToBp } from "../lib/staff-admin";
import { Field, type FieldError } from "./field";

export type RatesDraft = {
  service: string;
  product: string;
  overrides: Array<{ serviceId: string; pct: string }>;
};

export function fromRates(c: CommissionView | null): RatesDraft {
  return {
    service: bpToPercent(c?.serviceBp ?? null),
    product: bpToPercent(c?.productBp ?? null),
    overrides: (c?.overrides ?? []).map((o) => ({ serviceId: o.serviceId, pct: bpToPercent(o.bp) })),
  };
}

/** The rates to save, or the name of the first field typed wrong. */
export function toRates(d: RatesDraft): CommissionView | string {
  const serviceBp = percentToBp(d.service);
  if (serviceBp === "invalid") return "commissionServiceBp";
  const productBp = percentToBp(d.product);
  if (productBp === "invalid") return "commissionProductBp";
  const overrides = [];
  for (const o of d.overrides) {
    if (o.serviceId === "") continue;
    const bp = percentToBp(o.pct);
    if (bp === "invalid" || bp === null) return "commissionOverrides";
    overrides.push({ serviceId: o.serviceId, bp });
  }
  return { serviceBp, productBp, overrides };
}

export function RatesEditor(props: {
  value: RatesDraft; onChange: (d: RatesDraft) => void; errors: Partial<Record<string, FieldError>>;
}) {
  const { t } = useI18n();
  const [services, setServices] = useState<CatalogItem[] | null>(null);
  const d = props.value;
  useEffect(() => {
    catalog("").then((c) => setServices(c.services), () => setServices([]));
  }, []);

  const setOverride = (i: number, patch: Partial<RatesDraft["overrides"][number]>) =>
    props.onChange({ ...d, overrides: d.overrides.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  const taken = new Set(d.overrides.map((o) => o.serviceId));
  const nameOf = (id: string) => services?.find((s) => s.id === id)?.name ?? t("staffAdmin.rate.unknownService");

  return (
    <fieldset class="staff-rates" data-testid="staff-rates">
      <legend class="field-label">{t("staffAdmin.commission")}</legend>
      <p class="muted small">{t("staffAdmin.commissionHint")}</p>
      <div class="form-row">
        <Field id="commissionServiceBp" label={t("staffAdmin.rate.serviceDefault")} error={props.errors.commissionServiceBp}>
          <input id="f-commissionServiceBp" class="input input-number" inputMode="decimal" data-testid="staff-rate-service"
            placeholder={t("staffAdmin.rate.itemsOwn")} value={d.service}
            onInput={(e) => props.onChange({ ...d, service: e.currentTarget.value })} />
        </Field>
        <Field id="commissionProductBp" label={t("staffAdmin.rate.productDefault")} error={props.errors.commissionProductBp}>
          <input id="f-commissionProductBp" class="input input-number" inputMode="decimal" data-testid="staff-rate-product"
            placeholder={t("staffAdmin.rate.itemsOwn")} value={d.product}
            onInput={(e) => props.onChange({ ...d, product: e.currentTarget.value })} />
        </Field>
      </div>
      <div class="staff-overrides" data-testid="staff-overrides">
        {d.overrides.map((o, i) => (
          <div class="staff-override" key={i} data-testid="staff-override">
            <select class="input" aria-label={t("staffAdmin.rate.service")} value={o.serviceId}
              data-testid="staff-override-service" onChange={(e) => setOverride(i, { serviceId: e.currentTarget.value })}>
              <option value="">{t("staffAdmin.rate.pickService")}</option>
              {o.serviceId !== "" && !services?.some((s) => s.id === o.serviceId)
                ? <option value={o.serviceId}>{nameOf(o.serviceId)}</option> : null}
              {(services ?? []).filter((s) => s.id === o.serviceId || !taken.has(s.id)).map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
            <input class="input input-number" inputMode="decimal" aria-label={t("staffAdmin.rate.percent")}
              data-testid="staff-override-rate" value={o.pct} onInput={(e) => setOverride(i, { pct: e.currentTarget.value })} />
            <span aria-hidden="true">%</span>
            <button type="button" class="btn btn-ghost btn-small" data-testid="staff-override-remove"
              onClick={() => props.onChange({ ...d, overrides: d.overrides.filter((_, j) => j !== i) })}>
              {t("staffAdmin.rate.remove")}
            </button>
          </div>
        ))}
        {props.errors.commissionOverrides ? (
          <div class="field-error" role="alert" data-testid="error-commissionOverrides">
            <span>{props.errors.commissionOverrides.text}</span>
            {props.errors.commissionOverrides.detail
              ? <span class="field-error-detail">{props.errors.commissionOverrides.detail}</span> : null}
          </div>
        ) : null}
        <button type="button" class="btn btn-secondary btn-small" data-testid="staff-override-add"
          disabled={services !== null && services.length <= taken.size}
          onClick={() => props.onChange({ ...d, overrides: [...d.overrides, { serviceId: "", pct: "" }] })}>
          {t("staffAdmin.rate.addOverride")}
        </button>
        {services?.length === 0 ? <p class="muted small">{t("staffAdmin.rate.noServices")}</p> : null}
      </div>
    </fieldset>
  );
}
