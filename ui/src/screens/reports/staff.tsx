// SKELETON: the reports-sales part builds this tab.
import type { ReportTabProps } from "../reports";

export function StaffReport(_props: ReportTabProps) {
  return <p class="muted">…</p>;
}
