// Campaigns (back office → Campaigns) and a member's coupons at checkout: one function per Tauri
// command of src-tauri/src/commands/campaigns.rs. The browser mock does not implement them (a
// rejected call, shown as an error banner): check these screens in the app.
import type {
  AudienceView, CampaignForm, CampaignProgress, CampaignResultsView, CampaignView, MemberCouponView,
} from "./bindings";
import { call, subscribe } from "./commands";

export const campaigns = () => call<CampaignView[]>("campaigns");
/** Creates a campaign (`id` null) or edits one not yet issued; answers the list. */
export const saveCampaign = (id: string | null, form: CampaignForm) =>
  call<CampaignView[]>("save_campaign", { id, form });
/** Who it would reach if issued now (the confirm step). */
export const campaignAudience = (id: string) => call<AudienceView>("campaign_audience", { id });
export const campaignResults = (id: string) => call<CampaignResultsView>("campaign_results", { id });

/** Issues it now; `onProgress` receives the `campaign-progress` events meanwhile. */
export async function issueCampaign(id: string, onProgress: (p: CampaignProgress) => void): Promise<AudienceView> {
  const unlisten = await subscribe<CampaignProgress>("campaign-progress", onProgress);
  try {
    return await call<AudienceView>("issue_campaign", { id });
  } finally {
    unlisten();
  }
}

/** The member's coupons she can use today; one is applied by putting its `id` in the cart's coupon. */
export const memberCoupons = (memberId: string) => call<MemberCouponView[]>("member_coupons", { memberId });
