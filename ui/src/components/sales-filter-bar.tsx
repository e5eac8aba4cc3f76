// The Sales screen's filters (owner and managers): a period, a member (found as at the desk:
// name, last digits of the phone, card number), a staff member credited on a line or at the
// till, an item (one service or product, or any of a kind) and a payment method; and the
// totals of everything they select.
import { useEffect, useState } from "preact/hooks";
import type { Catalog, SalesFilterInput, SalesTotalsView, StaffBrief } from "../lib/backend/bindings";
import { catalog, listStaff } from "../lib/backend/commands";
import { useI18n } from "../lib/i18n";
import { tenderName } from "../lib/sale-words";
import { MemberPicker } from "./member-picker";
import { PeriodFilter } from "./period-filter";

const PAYMENTS = ["cash", "bank_card", "wechat_pay", "alipay", "stored_value", "points", "package"];

export const NO_FILTER: SalesFilterInput = {
  period: { from: null, to: null }, memberId: null, staffId: null, staffAs: "credited",
  itemId: null, itemKind: null, payment: null,
};

/** Any condition set: the list is the filtered one, with totals. */
export function isFiltered(f: SalesFilterInput): boolean {
  return !!(f.period.from || f.period.to || f.memberId || f.staffId || f.itemId || f.itemKind || f.payment);
}

type Props = { value: SalesFilterInput; onChange: (f: SalesFilterInput) => void };

export function SalesFilterBar(props: Props) {
  const { t } = useI18n();
  const f = props.value;
  const set = (patch: Partial<SalesFilterInput>) => props.onChange({ ...f, ...patch });
  const [staff, setStaff] = useState<StaffBrief[]>([]);
  const [items, setItems] = useState<Catalog | null>(null);
  const [memberName, setMemberName] = useState<string | null>(null);
  useEffect(() => {
    listStaff().then(setStaff, () => setStaff([]));
    catalog("").then(setItems, () => setItems(null));
  }, []);
  // One select for the item: "kind:service", "kind:product" or "id:<item id>".
  const itemValue = f.itemId ? `id:${f.itemId}` : f.itemKind ? `kind:${f.itemKind}` : "";
  const setItem = (v: string) => set({
    itemId: v.startsWith("id:") ? v.slice(3) : null,
    itemKind: v.startsWith("kind:") ? v.slice(5) : null,
  });

  return (
    <div class="card sales-filters" data-testid="sales-filters">
      <PeriodFilter testId="sales-period" value={f.period} onChange={(period) => set({ period })} />
      <div class="field sales-filter-member">
        <span class="field-label">{t("records.sales.member")}</span>
        {f.memberId ? (
          <div class="sales-filter-chip">
            <span data-testid="sales-filter-member-name">{memberName}</span>
            <button type="button" class="btn btn-ghost btn-small" data-testid="sales-filter-member-clear"
              onClick={() => set({ memberId: null })}>{t("records.sales.clearMember")}</button>
          </div>
        ) : (
          <MemberPicker id="sales-filter-member" testId="sales-filter-member-search" placeholder={t("records.sales.memberSearch")}
            onPick={(hit) => { setMemberName(hit.name); set({ memberId: hit.id }); }} />
        )}
      </div>
      <label class="field">
        <span class="field-label">{t("records.sales.staff")}</span>
        <select class="input" data-testid="sales-filter-staff" value={f.staffId ?? ""}
          onChange={(e) => set({ staffId: e.currentTarget.value || null })}>
          <option value="">{t("records.all")}</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t("records.sales.staffAs")}</span>
        <select class="input" data-testid="sales-filter-staff-as" value={f.staffAs}
          onChange={(e) => set({ staffAs: e.currentTarget.value === "cashier" ? "cashier" : "credited" })}>
          <option value="credited">{t("records.sales.asCredited")}</option>
          <option value="cashier">{t("records.sales.asCashier")}</option>
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t("records.sales.item")}</span>
        <select class="input" data-testid="sales-filter-item" value={itemValue} onChange={(e) => setItem(e.currentTarget.value)}>
          <option value="">{t("records.all")}</option>
          <option value="kind:service">{t("records.sales.anyService")}</option>
          <option value="kind:product">{t("records.sales.anyProduct")}</option>
          {items?.services.length ? (
            <optgroup label={t("lineKind.service")}>
              {items.services.map((i) => <option key={i.id} value={`id:${i.id}`}>{i.name}</option>)}
            </optgroup>
          ) : null}
          {items?.products.length ? (
            <optgroup label={t("lineKind.product")}>
              {items.products.map((i) => <option key={i.id} value={`id:${i.id}`}>{i.name}</option>)}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t("records.sales.payment")}</span>
        <select class="input" data-testid="sales-filter-payment" value={f.payment ?? ""}
          onChange={(e) => set({ payment: e.currentTarget.value || null })}>
          <option value="">{t("records.all")}</option>
          {PAYMENTS.map((p) => <option key={p} value={p}>{tenderName(t, p)}</option>)}
        </select>
      </label>
      {isFiltered(f) ? (
        <button type="button" class="btn btn-ghost btn-small sales-filter-clear" data-testid="sales-filter-clear"
          onClick={() => props.onChange(NO_FILTER)}>{t("records.sales.clear")}</button>
      ) : null}
    </div>
  );
}

export function SalesTotals(props: { totals: SalesTotalsView }) {
  const { t, money } = useI18n();
  const x = props.totals;
  return (
    <div class="sales-totals" data-testid="sales-totals">
      <span data-testid="sales-totals-count">{t("records.sales.totalCount", { sales: x.sales, refunds: x.refunds })}</span>
      <span class="sales-totals-net">
        {t("records.sales.net")} <strong class="mono" data-testid="sales-totals-net" data-fen={x.net}>{money(x.net)}</strong>
      </span>
      {x.itemAmount !== null ? (
        <span>{t("records.sales.itemAmount")} <strong class="mono" data-testid="sales-totals-items">{money(x.itemAmount)}</strong></span>
      ) : null}
      {x.byPayment.map((p) => (
        <span key={p.kind} class="pill" data-testid="sales-totals-payment" data-kind={p.kind} data-fen={p.amount}>
          {tenderName(t, p.kind)} {money(p.amount)}
        </span>
      ))}
      {x.packageSessions !== 0 ? (
        <span class="pill" data-testid="sales-totals-sessions">{t("records.sales.sessions", { n: x.packageSessions })}</span>
      ) : null}
    </div>
  );
}
