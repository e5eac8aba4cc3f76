// Back office: stock. (Placeholder until its screen lands.)
import type { AdminProps } from "./props";
import { useI18n } from "../../lib/i18n";

export function StockAdmin(_props: AdminProps) {
  const { t } = useI18n();
  return <section class="card"><h2 class="section-title">{t("admin.section.stock")}</h2></section>;
}
