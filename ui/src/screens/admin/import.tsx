// Back office: import (placeholder until its part lands).
import { useI18n } from "../../lib/i18n";
import type { AdminProps } from "./props";

export function ImportAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="admin-section"><h2>{t("admin.section.import")}</h2></section>;
}
