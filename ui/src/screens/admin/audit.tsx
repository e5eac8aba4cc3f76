// Back office: audit log. (Placeholder until its screen lands.)
import type { AdminProps } from "./props";
import { useI18n } from "../../lib/i18n";

export function AuditAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="card"><h2 class="section-title">{t("admin.section.audit")}</h2></section>;
}
