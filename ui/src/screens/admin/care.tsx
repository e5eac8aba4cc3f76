// Back office → care (issue 17, part "care"): SKELETON, replaced by that part.
// Care settings: each task kind on/off, its days and message templates; quiet hours.
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function CareAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <p class="muted" data-testid="care-admin">{t("admin.section.care")}</p>;
}
