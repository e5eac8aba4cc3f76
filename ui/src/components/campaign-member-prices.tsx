// The member-price offer's services (会员价): each row a service from the menu and the price a
// reached member pays for it in the campaign's window (below the menu price; the core checks it
// and names the field `prices`). Prices are typed in yuan and kept as typed until saved.
import type { ServiceView, ServicePriceView } from "../lib/backend/bindings";
import { fenOf, yuanText } from "../lib/catalog-form";
import { useI18n } from "../lib/i18n";
import { MoneyInput } from "./money-input";

export type PriceRow = { serviceId: string; priceText: string };

export function priceRows(prices: ServicePriceView[]): PriceRow[] {
  return prices.map((p) => ({ serviceId: p.serviceId, priceText: yuanText(p.price) }));
}

/** The rows as the core takes them; null when one has no service or no amount. */
export function pricesOf(rows: PriceRow[]): ServicePriceView[] | null {
  const out: ServicePriceView[] = [];
  for (const r of rows) {
    const price = fenOf(r.priceText);
    if (!r.serviceId || price === null) return null;
    out.push({ serviceId: r.serviceId, price });
  }
  return out;
}

type Props = {
  rows: PriceRow[];
  services: ServiceView[];
  onChange: (rows: PriceRow[]) => void;
  invalid: boolean;
};

export function CampaignMemberPrices(props: Props) {
  const { t, money } = useI18n();
  const set = (i: number, patch: Partial<PriceRow>) =>
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div class="field field-wide" data-testid="campaign-member-prices">
      <span class="field-label">{t("campaignOffer.memberPrice.title")}</span>
      {props.rows.map((r, i) => {
        const listed = props.services.find((s) => s.id === r.serviceId);
        return (
          <div key={i} class="admin-toolbar" data-testid="campaign-price-row">
            <select class="input" data-testid={`campaign-price-service-${i}`} value={r.serviceId}
              aria-label={t("campaignOffer.memberPrice.service")}
              onChange={(e) => set(i, { serviceId: e.currentTarget.value })}>
              <option value="">{t("campaignOffer.memberPrice.chooseService")}</option>
              {props.services.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
            <MoneyInput id={`campaign-price-${i}`} testId={`campaign-price-${i}`} value={r.priceText}
              label={t("campaignOffer.memberPrice.price")} invalid={props.invalid}
              onValue={(v) => set(i, { priceText: v })} />
            {listed ? <span class="muted">{t("campaignOffer.memberPrice.menuPrice", { price: money(listed.price) })}</span> : null}
            <button type="button" class="btn btn-secondary btn-small" data-testid={`campaign-price-remove-${i}`}
              onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}>{t("campaignOffer.memberPrice.remove")}</button>
          </div>
        );
      })}
      <div>
        <button type="button" class="btn btn-secondary btn-small" data-testid="campaign-price-add"
          onClick={() => props.onChange([...props.rows, { serviceId: "", priceText: "" }])}>
          {t("campaignOffer.memberPrice.add")}
        </button>
      </div>
      {props.invalid ? <div class="field-error" role="alert">{t("campaignOffer.memberPrice.error")}</div> : null}
    </div>
  );
}
