// Back office → campaigns (issue 17, part "campaigns"): SKELETON, replaced by that part.
// Campaigns: a segment, an offer, a message, a schedule; issue; their effect against a control group.
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function CampaignsAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <p class="muted" data-testid="campaigns-admin">{t("admin.section.campaigns")}</p>;
}
