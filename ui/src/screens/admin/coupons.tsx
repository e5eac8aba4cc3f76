// Back office: coupons (优惠券). A table with each coupon's offer, dates, limits, status and how
// often it was used; add, edit, end / bring back (never deleted: sales name them).
import { useState } from "preact/hooks";
import type { CouponView } from "../../lib/backend/bindings";
import { adminCoupons, setCouponActive } from "../../lib/backend/commands-catalog";
import { percentText } from "../../lib/catalog-form";
import { useI18n } from "../../lib/i18n";
import { RowActions, StatusPill, useAdminList } from "../../components/catalog-admin-bits";
import { CouponDialog } from "../../components/coupon-dialog";
import { ErrorBanner } from "../../components/error-banner";
import type { AdminProps } from "./props";

export function CouponsAdmin(props: AdminProps) {
  const { t, money, date } = useI18n();
  const { list, error, run, setList } = useAdminList(adminCoupons);
  const [editing, setEditing] = useState<CouponView | "new" | null>(null);
  const offer = (c: CouponView) => {
    const off = c.kind === "fixed" ? t("catalog.coupon.off", { amount: money(c.value) })
      : t("catalog.coupon.pctOff", { pct: percentText(c.value) });
    // Each part whole on its line: at 1024 px the cell breaks between them, never inside one.
    if (c.minSpend === 0) return <span class="cat-nowrap">{off}</span>;
    return <><span class="cat-nowrap">{t("catalog.coupon.min", { amount: money(c.minSpend) })}</span> · <span class="cat-nowrap">{off}</span></>;
  };

  return (
    <section class="card cat-section" data-testid="coupons-admin">
      <div class="admin-toolbar">
        <h2 class="section-title">{t("catalog.coupon.title")}</h2>
        <button type="button" class="btn btn-primary" data-testid="coupon-add" onClick={() => setEditing("new")}>
          {t("catalog.add")}
        </button>
      </div>
      {error ? <ErrorBanner error={error} testId="coupons-error" /> : null}
      {list && list.length === 0 ? <p class="muted">{t("catalog.empty")}</p> : null}
      {list && list.length > 0 ? (
        <div class="cat-table-wrap">
          <table class="ledger-table cat-table">
            <thead><tr>
              <th>{t("catalog.coupon.code")}</th><th>{t("catalog.coupon.rule")}</th>
              <th>{t("catalog.coupon.validity")}</th><th>{t("catalog.coupon.tiers")}</th>
              <th>{t("catalog.col.status")}</th><th class="num">{t("catalog.col.usedTimes")}</th>
              <th>{t("catalog.col.actions")}</th>
            </tr></thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.code} data-testid="coupon-row" data-code={c.code} data-active={c.active}
                  class={c.active ? "" : "cat-row-off"}>
                  <td class="mono">{c.code}</td>
                  <td>{offer(c)}</td>
                  <td><span class="cat-nowrap">{date(c.validFrom)} –</span> <span class="cat-nowrap">{date(c.validTo)}</span></td>
                  <td>{c.tiers.length === 0 ? "—" : c.tiers.map((x) => t(`tier.${x}`)).join(t("common.listSep"))}</td>
                  <td><StatusPill active={c.active} ended /></td>
                  <td class="num" data-testid="coupon-used">
                    {c.used}{c.maxUses !== null ? ` / ${c.maxUses}` : ""}
                  </td>
                  <RowActions testId="coupon" active={c.active} ends onEdit={() => setEditing(c)}
                    onToggle={() => void run(() => setCouponActive(c.code, !c.active))} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing !== null ? (
        <CouponDialog coupon={editing === "new" ? null : editing} onClose={() => setEditing(null)}
          onSaved={(next) => { setList(next); setEditing(null); props.notify(t("catalog.saved")); }} />
      ) : null}
    </section>
  );
}
