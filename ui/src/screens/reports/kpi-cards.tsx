// The headline figures of a report, each with its change against the previous period and the same
// period last year (up in the positive colour, down in the negative; "—" where there was nothing
// to compare with).
import type { Kpi } from "../../lib/backend/bindings";
import { useI18n, type MessageKey } from "../../lib/i18n";

/** The change from `before` to `now` in tenths of a percent, or null when there is no base. */
export function change(now: number, before: number | null): number | null {
  if (before === null || before === 0) return null;
  return Math.round(((now - before) * 1000) / Math.abs(before));
}

export function KpiCards(props: { kpis: Kpi[]; testId: string }) {
  const { t, money, count } = useI18n();
  const value = (k: Kpi, v: number) => (k.kind === "money" ? money(v) : count(v));
  const delta = (label: MessageKey, now: number, before: number | null, testId: string) => {
    const c = change(now, before);
    const cls = c === null || c === 0 ? "" : c > 0 ? "up" : "down";
    const text = c === null ? "—" : `${c > 0 ? "+" : ""}${(c / 10).toFixed(1)}%`;
    return (
      <div class={`kpi-delta ${cls}`} data-testid={testId}>
        <span class="muted">{t(label)}</span> <strong>{text}</strong>
      </div>
    );
  };
  return (
    <div class="kpi-cards" data-testid={props.testId}>
      {props.kpis.map((k) => (
        <div class="card kpi-card" key={k.key} data-testid={`kpi-${k.key}`}>
          <div class="kpi-label">{t(`reports.kpi.${k.key}` as MessageKey)}</div>
          <div class="kpi-value" data-testid={`kpi-${k.key}-value`}>{value(k, k.value)}</div>
          {delta("reports.vs.previous", k.value, k.previous, `kpi-${k.key}-previous`)}
          {delta("reports.vs.lastYear", k.value, k.lastYear, `kpi-${k.key}-last-year`)}
        </div>
      ))}
    </div>
  );
}
