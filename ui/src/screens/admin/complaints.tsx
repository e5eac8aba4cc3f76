// Back office → complaints (issue 17, part "feedback"): SKELETON, replaced by that part.
// Complaints: open, in progress, resolved/closed; owner, actions, handling time.
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function ComplaintsAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <p class="muted" data-testid="complaints-admin">{t("admin.section.complaints")}</p>;
}
