// Back office → points (issue 17, part "campaigns"): SKELETON, replaced by that part.
// Points: a member's history, adjustments by hand with a reason, the exchange list.
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function PointsAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <p class="muted" data-testid="points-admin">{t("admin.section.points")}</p>;
}
