// SKELETON: the reports-members part builds this tab.
import type { ReportTabProps } from "../reports";

export function CampaignsReport(_props: ReportTabProps) {
  return <p class="muted">…</p>;
}
