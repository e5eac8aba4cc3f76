// Back office: privacy (placeholder until its part lands).
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function PrivacyAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="admin-section"><h2>{t("admin.section.privacy")}</h2></section>;
}
