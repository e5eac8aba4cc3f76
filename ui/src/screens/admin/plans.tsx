// Back office: top-up and package plans. (Placeholder until its screen lands.)
import type { AdminProps } from "./props";
import { useI18n } from "../../lib/i18n";

export function PlansAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="card"><h2 class="section-title">{t("admin.section.plans")}</h2></section>;
}
