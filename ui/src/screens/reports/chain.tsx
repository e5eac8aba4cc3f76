// SKELETON: the chain part builds this tab.
import type { ReportTabProps } from "../reports";

export function ChainConsole(_props: ReportTabProps) {
  return <p class="muted">…</p>;
}
