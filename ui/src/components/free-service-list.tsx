// The attached member's free services this period (免费护理, from her tier), with her balances at
// checkout: each shows what is left (less what is already on the cart) and a button that puts one
// on the cart as a line at no charge. The backend counts them (free_service_allowances).
import { useEffect, useState } from "preact/hooks";
import type { FreeServiceAllowanceView } from "../lib/backend/bindings";
import { freeServiceAllowances } from "../lib/backend/commands";
import { type Cart, freeInCart } from "../lib/cart";
import { useI18n } from "../lib/i18n";

type Props = {
  memberId: string;
  cart: Cart;
  /** Changes when her balances are read again (after a sale): the list is read again too. */
  tick: unknown;
  onUse: (a: FreeServiceAllowanceView) => void;
};

/** Her free services this period; none when the backend cannot say (the browser preview). */
function useAllowances(memberId: string, tick: unknown): FreeServiceAllowanceView[] {
  const [list, setList] = useState<FreeServiceAllowanceView[]>([]);
  useEffect(() => {
    let live = true;
    freeServiceAllowances(memberId).then((l) => live && setList(l), () => live && setList([]));
    return () => {
      live = false;
    };
  }, [memberId, tick]);
  return list;
}

/** On her profile's balances card: what is left of each free service this period. */
export function FreeServiceRows(props: { memberId: string; tick: unknown }) {
  const { t } = useI18n();
  const list = useAllowances(props.memberId, props.tick);
  if (list.length === 0) return null;
  return (
    <ul class="package-list" aria-label={t("tiers.free")} data-testid="profile-free-services">
      {list.map((a) => (
        <li key={a.serviceId} class="package-row" data-testid="profile-free-service" data-left={a.left}>
          <span class="package-name"><span class="co-kind co-kind-free">{t("tiers.freeBadge")}</span> {a.serviceName}</span>
          <span class="package-left">{t("tiers.freeLeft", { left: a.left, count: a.count, period: t(`tiers.period.${a.period}`) })}</span>
          <span class="package-expiry mono">{a.periodKey}</span>
        </li>
      ))}
    </ul>
  );
}

export function FreeServiceList(props: Props) {
  const { t } = useI18n();
  const list = useAllowances(props.memberId, props.tick);
  if (list.length === 0) return null;
  return (
    <ul class="co-packages co-free" aria-label={t("tiers.free")} data-testid="member-free-services">
      {list.map((a) => {
        const left = a.left - freeInCart(props.cart, a.serviceId);
        return (
          <li key={a.serviceId} class="co-package" data-testid="member-free-service" data-service-id={a.serviceId}
            data-left={left} data-name={a.serviceName}>
            <span class="co-package-name truncate" title={a.serviceName}>
              <span class="co-kind co-kind-free">{t("tiers.freeBadge")}</span> {a.serviceName}
            </span>
            <span class="co-package-meta">
              <b>{t("tiers.freeLeft", { left: Math.max(0, left), count: a.count, period: t(`tiers.period.${a.period}`) })}</b>
            </span>
            <button type="button" class="btn btn-secondary btn-small co-redeem" data-testid="member-free-use"
              disabled={left <= 0} aria-label={t("tiers.freeUseLabel", { name: a.serviceName })}
              onMouseDown={(e) => e.preventDefault()} onClick={() => props.onUse(a)}>
              {t("tiers.freeUse")}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
