// A report's headline figures as cards, the same on every tab: the figure (money, count or
// percentage, per its kind: format.ts) and how it moved against the previous period and the same
// dates last year (green when it moved the good way for that figure, red the bad way; "—" where
// the base was zero). A figure "as of now" (stock on hand) has no comparison and shows none.
// Test ids: kpi-<key>, kpi-<key>-value, kpi-<key>-previous, kpi-<key>-last-year.
import type { Kpi } from "../../lib/backend/bindings";
import { useI18n, type MessageKey } from "../../lib/i18n";
import { formatFigure, kpiChange, signedTenths } from "./format";

export function KpiCards(props: { kpis: Kpi[]; testId: string }) {
  const { t, money, count } = useI18n();
  const delta = (k: Kpi, label: MessageKey, before: number | null, testId: string) => {
    const c = kpiChange(k.key, k.kind, k.value, before);
    if (c === null) return null;
    const text = c.zeroBase ? "—"
      : t(c.unit === "points" ? "reportUi.change.points" : "reportUi.change.percent", { change: signedTenths(c.tenths) });
    return (
      <div class={`kpi-delta ${c.zeroBase ? "" : c.tone}`} data-testid={testId}>
        <span class="muted">{t(label)}</span> <strong>{text}</strong>
      </div>
    );
  };
  return (
    <div class="kpi-cards" data-testid={props.testId}>
      {props.kpis.map((k) => (
        <div class="card kpi-card" key={k.key} data-testid={`kpi-${k.key}`}>
          <div class="kpi-label">{t(`reports.kpi.${k.key}` as MessageKey)}</div>
          <div class="kpi-value" data-testid={`kpi-${k.key}-value`}>{formatFigure(k.kind, k.value, { money, count })}</div>
          {delta(k, "reports.vs.previous", k.previous, `kpi-${k.key}-previous`)}
          {delta(k, "reports.vs.lastYear", k.lastYear, `kpi-${k.key}-last-year`)}
        </div>
      ))}
    </div>
  );
}
