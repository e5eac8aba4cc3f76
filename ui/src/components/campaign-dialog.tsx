// Setting up a campaign: its name, who (a compact segment: tiers, marketing consent, last visit
// range, birthday month), what each gets (a copy of a back-office coupon, points, or a member
// price for some services), the dates
// the offer is valid (and its results are measured in), when it is issued (a date, or by hand),
// the share held out as a control group, and the message (Chinese and English templates).
import { useEffect, useState } from "preact/hooks";
import type {
  ApiError, CampaignForm, CampaignView, CouponView, OfferKind, SegmentFilter, ServiceView, Tier,
} from "../lib/backend/bindings";
import { adminCoupons, adminServices } from "../lib/backend/commands-catalog";
import { saveCampaign } from "../lib/backend/commands-campaigns";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import type { MessageKey } from "../lib/i18n";
import { localError } from "../lib/catalog-form";
import { onAField } from "./catalog-admin-bits";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { CampaignMemberPrices, priceRows, pricesOf, type PriceRow } from "./campaign-member-prices";

const TIERS: Tier[] = ["standard", "silver", "gold", "platinum"];
const FIELDS = ["name", "couponCode", "points", "prices", "windowFrom", "windowTo", "issueOn", "controlPct", "messageZh", "messageEn"] as const;
/** Our words for the fields the core may name (its own sentence is English). */
const FIELD_TEXT: Record<string, MessageKey> = {
  name: "campaigns.error.name",
  couponCode: "campaigns.error.coupon",
  points: "campaigns.error.points",
  windowFrom: "campaigns.error.date",
  windowTo: "campaigns.error.windowTo",
  issueOn: "campaigns.error.date",
  controlPct: "campaigns.error.controlPct",
};

function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function emptySegment(): SegmentFilter {
  return {
    tiers: [], lastVisitFrom: null, lastVisitTo: null, spendMin: null, spendMax: null, visitsMin: null,
    visitsMax: null, ageMin: null, ageMax: null, genders: [], regions: [], skinTypes: [], tags: [],
    consent: null, birthdayMonth: null, rfm: [],
  } as SegmentFilter;
}

export function newCampaignForm(): CampaignForm {
  return {
    name: "", segment: emptySegment(), offerKind: "coupon", couponCode: "", points: 100, memberPrices: [], messageZh: "",
    messageEn: "", controlPct: 10, windowFrom: day(0), windowTo: day(30), issueOn: "",
  };
}

type Props = { campaign: CampaignView | null; onClose: () => void; onSaved: (list: CampaignView[]) => void };

export function CampaignDialog(props: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState<CampaignForm>(props.campaign?.form ?? newCampaignForm());
  // Typed as text (a field may be cleared while typing); numbers when saved.
  const [controlText, setControlText] = useState(String(form.controlPct));
  const [pointsText, setPointsText] = useState(String(form.points));
  const [coupons, setCoupons] = useState<CouponView[]>([]);
  const [services, setServices] = useState<ServiceView[]>([]);
  const [rows, setRows] = useState<PriceRow[]>(priceRows(form.memberPrices));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    adminCoupons().then((list) => setCoupons(list.filter((c) => c.active)), (e) => setError(toApiError(e)));
    adminServices().then((list) => setServices(list.filter((s) => s.active)), (e) => setError(toApiError(e)));
  }, []);
  const set = (patch: Partial<CampaignForm>) => setForm((f) => ({ ...f, ...patch }));
  const seg = (patch: Partial<SegmentFilter>) => setForm((f) => ({ ...f, segment: { ...f.segment, ...patch } }));
  const fieldError = (field: string) =>
    error?.field === field ? { text: FIELD_TEXT[field] ? t(FIELD_TEXT[field]) : t("error.validation") } : undefined;

  const save = async () => {
    setBusy(true);
    try {
      const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : -1);
      const controlPct = whole(controlText);
      // Refused here and shown on its field, as the core would.
      if (controlPct < 0 || controlPct > 90) return setError({ ...localError("controlPct") });
      const points = form.offerKind === "points" ? whole(pointsText) : form.points;
      if (points < 1) return setError({ ...localError("points") });
      const memberPrices = form.offerKind === "member_price" ? pricesOf(rows) : [];
      if (memberPrices === null || (form.offerKind === "member_price" && memberPrices.length === 0)) {
        return setError({ ...localError("prices") });
      }
      props.onSaved(await saveCampaign(props.campaign?.id ?? null, { ...form, controlPct, points, memberPrices }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const toggleTier = (tier: Tier) =>
    seg({ tiers: form.segment.tiers.includes(tier) ? form.segment.tiers.filter((x) => x !== tier) : [...form.segment.tiers, tier] });
  const s = form.segment;

  return (
    <Dialog title={t(props.campaign ? "campaigns.dialog.edit" : "campaigns.dialog.new")} onClose={props.onClose}
      testId="campaign-dialog" wide
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("catalog.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="campaign-save" disabled={busy}
          onClick={() => void save()}>{t("catalog.save")}</button>
      </>}>
      <form class="cat-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {error && !onAField(error, FIELDS) ? <ErrorBanner error={error} testId="campaign-error" /> : null}
        <Field id="campaign-name" label={t("campaigns.field.name")} error={fieldError("name")} wide>
          <input id="f-campaign-name" class="input" data-testid="campaign-name" value={form.name} data-autofocus
            onInput={(e) => set({ name: e.currentTarget.value })} />
        </Field>
        <fieldset class="field field-wide cat-tiers">
          <legend class="field-label">{t("campaigns.field.tiers")}</legend>
          <div class="cat-tier-boxes">
            {TIERS.map((tier) => (
              <label key={tier} class="cat-tier">
                <input type="checkbox" data-testid={`campaign-tier-${tier}`} checked={s.tiers.includes(tier)}
                  onChange={() => toggleTier(tier)} />
                {t(`tier.${tier}`)}
              </label>
            ))}
          </div>
          <div class="field-hint">{t("campaigns.field.allTiers")}</div>
        </fieldset>
        <Field id="campaign-consent" label={t("campaigns.field.consent")}>
          <select id="f-campaign-consent" class="input" data-testid="campaign-consent" value={s.consent ? "yes" : "any"}
            onChange={(e) => seg({ consent: e.currentTarget.value === "yes" ? true : null })}>
            <option value="any">{t("campaigns.consent.any")}</option>
            <option value="yes">{t("campaigns.consent.yes")}</option>
          </select>
        </Field>
        <Field id="campaign-birthday-month" label={t("campaigns.field.birthdayMonth")}>
          <select id="f-campaign-birthday-month" class="input" data-testid="campaign-birthday-month"
            value={s.birthdayMonth === null ? "" : String(s.birthdayMonth)}
            onChange={(e) => seg({ birthdayMonth: e.currentTarget.value === "" ? null : Number(e.currentTarget.value) })}>
            <option value="">{t("campaigns.month.any")}</option>
            {Array.from({ length: 12 }, (_, i) => <option key={i} value={String(i + 1)}>{i + 1}</option>)}
          </select>
        </Field>
        <Field id="campaign-last-from" label={t("campaigns.field.lastVisitFrom")}>
          <input id="f-campaign-last-from" class="input" type="date" data-testid="campaign-last-from"
            value={s.lastVisitFrom ?? ""} onInput={(e) => seg({ lastVisitFrom: e.currentTarget.value || null })} />
        </Field>
        <Field id="campaign-last-to" label={t("campaigns.field.lastVisitTo")}>
          <input id="f-campaign-last-to" class="input" type="date" data-testid="campaign-last-to"
            value={s.lastVisitTo ?? ""} onInput={(e) => seg({ lastVisitTo: e.currentTarget.value || null })} />
        </Field>
        <Field id="campaign-offer-kind" label={t("campaigns.field.offerKind")}>
          <select id="f-campaign-offer-kind" class="input" data-testid="campaign-offer-kind" value={form.offerKind}
            onChange={(e) => set({ offerKind: e.currentTarget.value as OfferKind })}>
            <option value="coupon">{t("campaigns.offerKind.coupon")}</option>
            <option value="points">{t("campaigns.offerKind.points")}</option>
            <option value="member_price">{t("campaignOffer.offerKind.memberPrice")}</option>
          </select>
        </Field>
        {form.offerKind === "member_price" ? (
          <CampaignMemberPrices rows={rows} services={services} onChange={setRows}
            invalid={error?.field === "prices"} />
        ) : form.offerKind === "coupon" ? (
          <Field id="campaign-coupon" label={t("campaigns.field.coupon")} error={fieldError("couponCode")}>
            <select id="f-campaign-coupon" class="input mono" data-testid="campaign-coupon" value={form.couponCode}
              onChange={(e) => set({ couponCode: e.currentTarget.value })}>
              <option value="">{t("campaigns.field.chooseCoupon")}</option>
              {coupons.map((c) => <option key={c.code} value={c.code}>{c.code}</option>)}
            </select>
          </Field>
        ) : (
          <Field id="campaign-points" label={t("campaigns.field.points")} error={fieldError("points")}>
            <input id="f-campaign-points" class="input input-number" data-testid="campaign-points" inputMode="numeric"
              value={pointsText} onInput={(e) => setPointsText(e.currentTarget.value)} />
          </Field>
        )}
        <Field id="campaign-window-from" label={t("campaigns.field.windowFrom")} error={fieldError("windowFrom")}>
          <input id="f-campaign-window-from" class="input" type="date" data-testid="campaign-window-from"
            value={form.windowFrom} onInput={(e) => set({ windowFrom: e.currentTarget.value })} />
        </Field>
        <Field id="campaign-window-to" label={t("campaigns.field.windowTo")} error={fieldError("windowTo")}>
          <input id="f-campaign-window-to" class="input" type="date" data-testid="campaign-window-to"
            value={form.windowTo} onInput={(e) => set({ windowTo: e.currentTarget.value })} />
        </Field>
        <Field id="campaign-issue-on" label={t("campaigns.field.issueOn")} hint={t("campaigns.field.issueOnHint")}
          error={fieldError("issueOn")}>
          <input id="f-campaign-issue-on" class="input" type="date" data-testid="campaign-issue-on"
            value={form.issueOn} onInput={(e) => set({ issueOn: e.currentTarget.value })} />
        </Field>
        <Field id="campaign-control" label={t("campaigns.field.controlPct")} hint={t("campaigns.field.controlHint")}
          error={fieldError("controlPct")}>
          <input id="f-campaign-control" class="input input-number" data-testid="campaign-control" inputMode="numeric"
            value={controlText} onInput={(e) => setControlText(e.currentTarget.value)} />
        </Field>
        <Field id="campaign-message-zh" label={t("campaigns.field.messageZh")} hint={t("campaigns.field.messageHint")} wide>
          <textarea id="f-campaign-message-zh" class="input" rows={2} data-testid="campaign-message-zh"
            value={form.messageZh} onInput={(e) => set({ messageZh: e.currentTarget.value })} />
        </Field>
        <Field id="campaign-message-en" label={t("campaigns.field.messageEn")} wide>
          <textarea id="f-campaign-message-en" class="input" rows={2} data-testid="campaign-message-en"
            value={form.messageEn} onInput={(e) => set({ messageEn: e.currentTarget.value })} />
        </Field>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
