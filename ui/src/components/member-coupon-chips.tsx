// At checkout, when a member is attached: her coupons usable today (issued to her by a campaign
// or a birthday), as chips near the coupon field. Tapping one applies it (its id goes in the
// cart's coupon, priced by the same rules as any coupon); tapping the applied one takes it off.
// A failed load shows as a small banner: checkout goes on without them.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, MemberCouponView } from "../lib/backend/bindings";
import { memberCoupons } from "../lib/backend/commands-campaigns";
import { toApiError } from "../lib/backend/errors";
import { percentText } from "../lib/catalog-form";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

type Props = {
  memberId: string | null;
  /** The cart's coupon now (a member coupon's id when one is applied). */
  applied: string;
  onApply: (code: string) => void;
};

export function MemberCouponChips(props: Props) {
  const { t, money, date } = useI18n();
  const [list, setList] = useState<MemberCouponView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setList([]);
    setError(null);
    if (props.memberId === null) return;
    let live = true;
    memberCoupons(props.memberId).then(
      (l) => { if (live) setList(l); },
      (e) => { if (live) setError(toApiError(e)); });
    return () => { live = false; };
  }, [props.memberId]);
  if (props.memberId === null || (list.length === 0 && error === null)) return null;
  const applied = props.applied.trim().toLowerCase();
  return (
    <div class="co-member-coupons" data-testid="member-coupons">
      {error ? <ErrorBanner error={error} testId="member-coupons-error" /> : null}
      {list.length > 0 ? <span class="co-member-coupons-label">{t("campaigns.memberCoupons")}</span> : null}
      {list.map((c) => {
        const on = applied === c.id.toLowerCase();
        const off = c.percent ? t("campaigns.chip.pctOff", { pct: percentText(c.value) })
          : t("campaigns.chip.off", { amount: money(c.value) });
        return (
          <button key={c.id} type="button" class={`co-member-coupon ${on ? "on" : ""}`} data-testid="member-coupon"
            data-id={c.id} data-code={c.couponCode} aria-pressed={on}
            onClick={() => props.onApply(on ? "" : c.id)}>
            <span class="mono">{c.couponCode}</span>
            <span>{c.minSpend > 0 ? `${t("campaigns.chip.min", { amount: money(c.minSpend) })} ` : ""}{off}</span>
            <span class="muted small">{t("campaigns.chip.until", { date: date(c.validTo) })}</span>
          </button>
        );
      })}
    </div>
  );
}
