// Adding or editing a coupon: its code (set once), an amount or a percent off, the minimum spend,
// the dates it is valid, how many uses in all and per member, and which tiers may use it.
import { useState } from "preact/hooks";
import type { ApiError, CouponKindView, CouponView, Tier } from "../lib/backend/bindings";
import { saveCoupon } from "../lib/backend/commands-catalog";
import { toApiError } from "../lib/backend/errors";
import { bpOf, fenOf, intOf, localError, percentText, yuanText } from "../lib/catalog-form";
import { useI18n } from "../lib/i18n";
import { onAField, useFieldError } from "./catalog-admin-bits";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { MoneyInput } from "./money-input";

const FIELDS = ["code", "value", "minSpend", "validFrom", "validTo", "maxUses", "perMember"] as const;
const TIERS: Tier[] = ["standard", "silver", "gold", "platinum"];

/** A date as the store's calendar shows it, `days` from today. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function CouponDialog(props: { coupon: CouponView | null; onClose: () => void; onSaved: (list: CouponView[]) => void }) {
  const { t } = useI18n();
  const c = props.coupon;
  const [code, setCode] = useState(c?.code ?? "");
  const [kind, setKind] = useState<CouponKindView>(c?.kind ?? "fixed");
  const [value, setValue] = useState(c ? (c.kind === "fixed" ? yuanText(c.value) : percentText(c.value)) : "");
  const [minSpend, setMinSpend] = useState(c ? yuanText(c.minSpend) : "");
  const [validFrom, setValidFrom] = useState(c?.validFrom ?? dayFromToday(0));
  const [validTo, setValidTo] = useState(c?.validTo ?? dayFromToday(30));
  const [maxUses, setMaxUses] = useState(c?.maxUses == null ? "" : String(c.maxUses));
  const [perMember, setPerMember] = useState(c?.perMember == null ? "" : String(c.perMember));
  const [tiers, setTiers] = useState<Tier[]>(c?.tiers ?? []);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);

  const save = async () => {
    const amount = kind === "fixed" ? fenOf(value) : bpOf(value);
    const min = minSpend.trim() === "" ? 0 : fenOf(minSpend);
    const total = intOf(maxUses, true);
    const each = intOf(perMember, true);
    if (amount === null) return setError(localError("value"));
    if (min === null) return setError(localError("minSpend"));
    if (validFrom === "") return setError(localError("validFrom"));
    if (validTo === "") return setError(localError("validTo"));
    if (total === undefined) return setError(localError("maxUses"));
    if (each === undefined) return setError(localError("perMember"));
    setBusy(true);
    try {
      props.onSaved(await saveCoupon(c === null, {
        code, kind, value: amount, minSpend: min, validFrom, validTo, maxUses: total, perMember: each, tiers,
        active: c?.active ?? true, used: 0,
      }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const toggleTier = (tier: Tier) =>
    setTiers((ts) => (ts.includes(tier) ? ts.filter((x) => x !== tier) : [...ts, tier]));

  return (
    <Dialog title={t(c ? "catalog.coupon.editTitle" : "catalog.coupon.new")} onClose={props.onClose}
      testId="coupon-dialog" wide
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("catalog.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="coupon-save" disabled={busy}
          onClick={() => void save()}>{t("catalog.save")}</button>
      </>}>
      <form class="cat-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {error && !onAField(error, FIELDS) ? <ErrorBanner error={error} testId="coupon-error" /> : null}
        <Field id="coupon-code" label={t("catalog.coupon.code")} error={fieldError("code")}>
          <input id="f-coupon-code" class="input mono" data-testid="coupon-code" value={code} disabled={c !== null}
            data-autofocus onInput={(e) => setCode(e.currentTarget.value.toUpperCase())} />
        </Field>
        <Field id="coupon-kind" label={t("catalog.coupon.kind")}>
          <select id="f-coupon-kind" class="input" data-testid="coupon-kind" value={kind}
            onChange={(e) => setKind(e.currentTarget.value as CouponKindView)}>
            <option value="fixed">{t("catalog.coupon.kind.fixed")}</option>
            <option value="percent">{t("catalog.coupon.kind.percent")}</option>
          </select>
        </Field>
        <Field id="coupon-value" label={t(kind === "fixed" ? "catalog.coupon.amountOff" : "catalog.coupon.percentOff")}
          error={fieldError("value")}>
          {kind === "fixed" ? (
            <MoneyInput id="coupon-value" testId="coupon-value" value={value} onValue={setValue}
              invalid={error?.field === "value"} />
          ) : (
            <input id="f-coupon-value" class="input input-number" data-testid="coupon-value" inputMode="decimal"
              value={value} onInput={(e) => setValue(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="coupon-min-spend" label={t("catalog.coupon.minSpend")} error={fieldError("minSpend")}>
          <MoneyInput id="coupon-min-spend" testId="coupon-min-spend" value={minSpend} onValue={setMinSpend}
            invalid={error?.field === "minSpend"} />
        </Field>
        <Field id="coupon-valid-from" label={t("catalog.coupon.validFrom")} error={fieldError("validFrom")}>
          <input id="f-coupon-valid-from" class="input" type="date" data-testid="coupon-valid-from" value={validFrom}
            onInput={(e) => setValidFrom(e.currentTarget.value)} />
        </Field>
        <Field id="coupon-valid-to" label={t("catalog.coupon.validTo")} error={fieldError("validTo")}>
          <input id="f-coupon-valid-to" class="input" type="date" data-testid="coupon-valid-to" value={validTo}
            onInput={(e) => setValidTo(e.currentTarget.value)} />
        </Field>
        <Field id="coupon-max-uses" label={t("catalog.coupon.maxUses")} hint={t("catalog.coupon.unlimited")}
          error={fieldError("maxUses")}>
          <input id="f-coupon-max-uses" class="input input-number" data-testid="coupon-max-uses" inputMode="numeric"
            value={maxUses} onInput={(e) => setMaxUses(e.currentTarget.value)} />
        </Field>
        <Field id="coupon-per-member" label={t("catalog.coupon.perMember")} hint={t("catalog.coupon.unlimited")}
          error={fieldError("perMember")}>
          <input id="f-coupon-per-member" class="input input-number" data-testid="coupon-per-member"
            inputMode="numeric" value={perMember} onInput={(e) => setPerMember(e.currentTarget.value)} />
        </Field>
        <fieldset class="field field-wide cat-tiers">
          <legend class="field-label">{t("catalog.coupon.tiers")}</legend>
          <div class="cat-tier-boxes">
            {TIERS.map((tier) => (
              <label key={tier} class="cat-tier">
                <input type="checkbox" data-testid={`coupon-tier-${tier}`} checked={tiers.includes(tier)}
                  onChange={() => toggleTier(tier)} />
                {t(`tier.${tier}`)}
              </label>
            ))}
          </div>
          <div class="field-hint">{t("catalog.coupon.allTiers")}</div>
        </fieldset>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
