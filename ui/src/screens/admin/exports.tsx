// Back office: exports (placeholder until its part lands).
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function ExportsAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="admin-section"><h2>{t("admin.section.exports")}</h2></section>;
}
