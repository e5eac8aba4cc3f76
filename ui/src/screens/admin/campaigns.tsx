// Back office → Campaigns (营销活动): each campaign with its offer, dates and status; new / edit
// (until issued), issue (how many will receive it, confirm, progress) and its results against
// the control group. The core checks `ManageCampaigns`; a refusal shows as a banner.
import { useState } from "preact/hooks";
import type { CampaignView } from "../../lib/backend/bindings";
import { campaigns } from "../../lib/backend/commands-campaigns";
import { useI18n } from "../../lib/i18n";
import { useAdminList } from "../../components/catalog-admin-bits";
import { CampaignDialog } from "../../components/campaign-dialog";
import { CampaignIssueDialog, CampaignResultsPanel } from "../../components/campaign-panels";
import { ErrorBanner } from "../../components/error-banner";
import type { AdminProps } from "./props";

type Open = { kind: "edit"; campaign: CampaignView | null } | { kind: "issue" | "results"; campaign: CampaignView };

export function CampaignsAdmin(props: AdminProps) {
  const { t, date } = useI18n();
  const { list, error, run, setList } = useAdminList(campaigns);
  const [open, setOpen] = useState<Open | null>(null);
  const offer = (c: CampaignView) => c.form.offerKind === "coupon"
    ? t("campaigns.offer.coupon", { code: c.form.couponCode })
    : c.form.offerKind === "member_price"
      ? t("campaignOffer.offer.memberPrice", { count: c.form.memberPrices.length })
      : t("campaigns.offer.points", { points: c.form.points });

  return (
    <section class="card cat-section" data-testid="campaigns-admin">
      <div class="admin-toolbar">
        <h2 class="section-title">{t("campaigns.title")}</h2>
        <button type="button" class="btn btn-primary" data-testid="campaign-add"
          onClick={() => setOpen({ kind: "edit", campaign: null })}>{t("campaigns.add")}</button>
      </div>
      {error ? <ErrorBanner error={error} testId="campaigns-error" /> : null}
      {list && list.length === 0 ? <p class="muted">{t("campaigns.empty")}</p> : null}
      {list && list.length > 0 ? (
        <div class="cat-table-wrap">
          <table class="ledger-table cat-table">
            <thead><tr>
              <th>{t("campaigns.col.name")}</th><th>{t("campaigns.col.offer")}</th>
              <th>{t("campaigns.col.window")}</th><th>{t("campaigns.col.status")}</th>
              <th>{t("campaigns.col.actions")}</th>
            </tr></thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} data-testid="campaign-row" data-name={c.form.name} data-status={c.status}>
                  <td>{c.form.name}</td>
                  <td class="cat-nowrap">{offer(c)}</td>
                  <td><span class="cat-nowrap">{date(c.form.windowFrom)} –</span> <span class="cat-nowrap">{date(c.form.windowTo)}</span></td>
                  <td><span class={c.status === "issued" ? "pill pill-ok" : "pill"}>{t(`campaigns.status.${c.status}`)}</span></td>
                  <td class="cat-actions">
                    {c.status !== "issued" ? (<>
                      <button type="button" class="btn btn-secondary btn-small" data-testid="campaign-edit"
                        onClick={() => setOpen({ kind: "edit", campaign: c })}>{t("campaigns.edit")}</button>
                      <button type="button" class="btn btn-primary btn-small" data-testid="campaign-issue"
                        onClick={() => setOpen({ kind: "issue", campaign: c })}>{t("campaigns.issue")}</button>
                    </>) : (
                      <button type="button" class="btn btn-secondary btn-small" data-testid="campaign-results-open"
                        onClick={() => setOpen({ kind: "results", campaign: c })}>{t("campaigns.results")}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open?.kind === "edit" ? (
        <CampaignDialog campaign={open.campaign} onClose={() => setOpen(null)}
          onSaved={(next) => { setList(next); setOpen(null); props.notify(t("catalog.saved")); }} />
      ) : null}
      {open?.kind === "issue" ? (
        <CampaignIssueDialog campaign={open.campaign} onClose={() => setOpen(null)}
          onIssued={() => void run(campaigns)} />
      ) : null}
      {open?.kind === "results" ? (
        <CampaignResultsPanel campaign={open.campaign} onClose={() => setOpen(null)} />
      ) : null}
    </section>
  );
}
