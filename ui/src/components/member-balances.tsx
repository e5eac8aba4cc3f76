// A member's balances on her profile — points and stored value among the figures at the top,
// package sessions left with their expiry and her tier's free services in a card below — and
// her recent sales, each opening on the sales screen. Balances are the backend's sums of the
// ledgers (member_balances, free_service_allowances); nothing here adds anything up.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, MemberBalancesView, SaleSummaryView } from "../lib/backend/bindings";
import { memberBalances, recentSales } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { todayIso } from "../lib/input";
import type { Route } from "../lib/route";
import { saleKindName } from "../lib/sale-words";
import { ErrorBanner } from "./error-banner";
import { FreeServiceRows } from "./free-service-list";
import { ReceiptIcon, StarIcon, TicketIcon, WalletIcon } from "./sales-icons";

const SOON_DAYS = 30;

function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export type MemberMoney = {
  balances: MemberBalancesView | null;
  balancesError: ApiError | null;
  sales: SaleSummaryView[] | null;
  salesError: ApiError | null;
};

export function useMemberMoney(memberId: string, enabled: boolean): MemberMoney {
  const [balances, setBalances] = useState<MemberBalancesView | null>(null);
  const [sales, setSales] = useState<SaleSummaryView[] | null>(null);
  const [balancesError, setBalancesError] = useState<ApiError | null>(null);
  const [salesError, setSalesError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!enabled) return;
    memberBalances(memberId).then(setBalances, (reason: unknown) => setBalancesError(toApiError(reason)));
    recentSales(memberId, 20).then(setSales, (reason: unknown) => setSalesError(toApiError(reason)));
  }, [memberId, enabled]);
  return { balances, balancesError, sales, salesError };
}

/** Points and stored value, as two more entries of the profile's figures (a <dl class="stats">). */
export function BalanceStats(props: { money: MemberMoney }) {
  const { t, money, count } = useI18n();
  const { balances, balancesError } = props.money;
  const shown = (value: string) => (balancesError ? t("common.none") : balances ? value : "…");
  return (
    <>
      <div class="stat-balance">
        <dt><StarIcon size={14} /> {t("balances.points")}</dt>
        <dd class="mono" data-testid="profile-points">{shown(balances ? count(balances.points) : "")}</dd>
      </div>
      <div class="stat-balance">
        <dt><WalletIcon size={14} /> {t("balances.storedValue")}</dt>
        <dd class="mono" data-testid="profile-stored-value">{shown(balances ? money(balances.storedValue) : "")}</dd>
      </div>
    </>
  );
}

/** The balances card (packages with their sessions and expiry) and the recent sales card. */
export function MemberMoneyCards(props: {
  money: MemberMoney; onNavigate: (route: Route) => void;
  /** Her id and tier, for her tier's free services (read again when the tier changes). */
  member?: { id: string; tier: string };
}) {
  const { t, money, date, dateTime, count } = useI18n();
  const { balances, balancesError, sales, salesError } = props.money;
  const today = todayIso();
  return (
    <div class="profile-money">
      <section class="card balances" data-testid="profile-balances">
        <h2 class="section-title"><TicketIcon size={18} /> {t("balances.packages")}</h2>
        {balancesError ? <ErrorBanner error={balancesError} /> : null}
        {balances && balances.packages.length === 0 ? <p class="muted small" data-testid="profile-no-packages">{t("balances.noPackages")}</p> : null}
        <ul class="package-list">
          {balances?.packages.map((p) => {
            const left = daysUntil(p.expiresOn, today);
            const tone = left < 0 ? "expired" : left <= SOON_DAYS ? "soon" : "";
            return (
              <li key={p.packageId} class={`package-row ${tone}`} data-testid="profile-package" data-package-id={p.packageId}
                data-sessions-left={p.sessionsLeft} data-expires-on={p.expiresOn}>
                <span class="package-name">{p.name}</span>
                <span class="package-left">{t("balances.sessionsLeft", { n: count(p.sessionsLeft) })}</span>
                <span class="package-expiry">
                  {left < 0 ? t("balances.expired", { date: date(p.expiresOn) }) : t("balances.expires", { date: date(p.expiresOn) })}
                </span>
              </li>
            );
          })}
        </ul>
        {props.member ? <FreeServiceRows memberId={props.member.id} tick={props.member.tier} /> : null}
      </section>

      <section class="card member-sales" data-testid="profile-sales">
        <div class="member-sales-head">
          <h2 class="section-title">{t("balances.recent")}</h2>
          <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onNavigate({ name: "sales" })}>
            <ReceiptIcon size={18} /> {t("balances.allSales")}
          </button>
        </div>
        {salesError ? <ErrorBanner error={salesError} /> : null}
        {sales === null && !salesError ? <p class="muted small">{t("common.loading")}</p> : null}
        {sales?.length === 0 ? <p class="muted small" data-testid="profile-no-sales">{t("balances.noSales")}</p> : null}
        <ul class="member-sale-list">
          {sales?.map((s) => (
            <li key={s.id}>
              <button type="button" class="member-sale" data-testid="profile-sale" data-receipt-no={s.receiptNo} data-kind={s.kind}
                onClick={() => props.onNavigate({ name: "sales", saleId: s.id })}>
                <span class="member-sale-when mono">{dateTime(s.createdAt)}</span>
                <span class="member-sale-no mono">{s.receiptNo}</span>
                {s.kind !== "sale" ? <span class={`kind-badge kind-${s.kind}`}>{saleKindName(t, s.kind)}</span>
                  : s.fullyRefunded ? <span class="kind-badge kind-refunded">{t("sales.fullyRefunded")}</span> : <span />}
                <span class={`member-sale-total mono ${s.total < 0 ? "neg" : ""}`}>{money(s.total)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
