// Back office: backups (placeholder until its part lands).
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function BackupsAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="admin-section"><h2>{t("admin.section.backups")}</h2></section>;
}
