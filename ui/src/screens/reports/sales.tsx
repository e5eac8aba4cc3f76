// SKELETON: the reports-sales part builds this tab.
import type { ReportTabProps } from "../reports";

export function SalesReport(_props: ReportTabProps) {
  return <p class="muted">…</p>;
}
