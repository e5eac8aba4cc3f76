// Back office: coupons. (Placeholder until its screen lands.)
import type { AdminProps } from "./props";
import { useI18n } from "../../lib/i18n";

export function CouponsAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="card"><h2 class="section-title">{t("admin.section.coupons")}</h2></section>;
}
