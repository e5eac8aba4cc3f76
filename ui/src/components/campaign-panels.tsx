// Issuing a campaign (how many will receive it, confirm, a progress bar) and its results panel
// (members reached and held out, coupons redeemed, spend against the control group, cost).
import { useEffect, useState } from "preact/hooks";
import type {
  ApiError, AudienceView, CampaignProgress, CampaignResultsView, CampaignView,
} from "../lib/backend/bindings";
import { campaignAudience, campaignResults, issueCampaign } from "../lib/backend/commands-campaigns";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { ProgressBar } from "./progress-bar";

export function CampaignIssueDialog(props: { campaign: CampaignView; onClose: () => void; onIssued: () => void }) {
  const { t, count } = useI18n();
  const [audience, setAudience] = useState<AudienceView | null>(null);
  const [progress, setProgress] = useState<CampaignProgress | null>(null);
  const [issued, setIssued] = useState<AudienceView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    campaignAudience(props.campaign.id).then(setAudience, (e) => setError(toApiError(e)));
  }, [props.campaign.id]);
  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      setIssued(await issueCampaign(props.campaign.id, setProgress));
      props.onIssued();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const row = (key: Parameters<typeof t>[0], n: number, testId: string) => (
    <tr><th>{t(key)}</th><td class="num mono" data-testid={testId}>{count(n)}</td></tr>
  );
  return (
    <Dialog title={t("campaigns.issueTitle", { name: props.campaign.form.name })} onClose={props.onClose}
      testId="campaign-issue-dialog"
      actions={issued ? (
        <button type="button" class="btn btn-primary" data-testid="campaign-issue-close" onClick={props.onClose}>
          {t("campaigns.close")}
        </button>
      ) : (<>
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={props.onClose}>{t("catalog.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="campaign-issue-confirm"
          disabled={busy || audience === null} onClick={() => void issue()}>
          {busy ? t("campaigns.issuing") : t("campaigns.issueConfirm", { count: count(audience?.reach ?? 0) })}
        </button>
      </>)}>
      {error ? <ErrorBanner error={error} testId="campaign-issue-error" /> : null}
      {audience ? (
        <table class="ledger-table" data-testid="campaign-audience">
          <tbody>
            {row("campaigns.audience.segment", audience.segment, "campaign-audience-segment")}
            {row("campaigns.audience.control", audience.control, "campaign-audience-control")}
            {row("campaigns.audience.reach", audience.reach, "campaign-audience-reach")}
            {row("campaigns.audience.messages", audience.messages, "campaign-audience-messages")}
          </tbody>
        </table>
      ) : null}
      {busy || issued ? (
        <ProgressBar done={progress?.done ?? 0} total={progress?.total ?? audience?.segment ?? 0}
          finished={issued !== null} testId="campaign-issue-progress" />
      ) : null}
      {issued ? (
        <p class="banner banner-ok" role="status" data-testid="campaign-issued" data-reach={issued.reach}>
          {t("campaigns.issued", { count: count(issued.reach) })}
        </p>
      ) : null}
    </Dialog>
  );
}

export function CampaignResultsPanel(props: { campaign: CampaignView; onClose: () => void }) {
  const { t, money, count } = useI18n();
  const [r, setR] = useState<CampaignResultsView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    campaignResults(props.campaign.id).then(setR, (e) => setError(toApiError(e)));
  }, [props.campaign.id]);
  const row = (key: Parameters<typeof t>[0], text: string, testId: string) => (
    <tr><th>{t(key)}</th><td class="num mono" data-testid={testId}>{text}</td></tr>
  );
  return (
    <Dialog title={t("campaigns.resultsTitle", { name: props.campaign.form.name })} onClose={props.onClose}
      testId="campaign-results"
      actions={<button type="button" class="btn btn-primary" onClick={props.onClose}>{t("campaigns.close")}</button>}>
      {error ? <ErrorBanner error={error} testId="campaign-results-error" /> : null}
      {r ? (
        <table class="ledger-table">
          <tbody>
            {row("campaigns.r.reached", count(r.reached), "campaign-r-reached")}
            {row("campaigns.r.heldOut", count(r.heldOut), "campaign-r-held-out")}
            {row("campaigns.r.messaged", count(r.messaged), "campaign-r-messaged")}
            {row("campaignOffer.r.messagesSent", count(r.messagesSent), "campaign-r-messages-sent")}
            {row("campaigns.r.redeemed", r.couponsIssued > 0 ? `${count(r.couponsRedeemed)} / ${count(r.couponsIssued)}` : count(r.couponsRedeemed), "campaign-r-redeemed")}
            {row("campaigns.r.redeemerRevenue", money(r.redeemerRevenue), "campaign-r-redeemer-revenue")}
            {row("campaigns.r.reachedPer", money(r.reachedRevenuePerMember), "campaign-r-reached-per")}
            {row("campaigns.r.controlPer", money(r.controlRevenuePerMember), "campaign-r-control-per")}
            {row("campaigns.r.cost", money(r.cost), "campaign-r-cost")}
            {r.memberPriceDiscount !== 0
              ? row("campaignOffer.r.memberPriceDiscount", money(r.memberPriceDiscount), "campaign-r-member-price")
              : null}
            {r.pointsGiven > 0 ? row("campaigns.r.pointsGiven", count(r.pointsGiven), "campaign-r-points") : null}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}
