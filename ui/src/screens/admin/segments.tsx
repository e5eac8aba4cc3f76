// Back office → segments (issue 17, part "segments"): SKELETON, replaced by that part.
// The member list with filters that combine (segments), live counts, export; RFM thresholds.
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function SegmentsAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <p class="muted" data-testid="segments-admin">{t("admin.section.segments")}</p>;
}
