// A report's headline figures as cards: the figure (money, count or percentage, per its kind)
// and how it moved against the previous period and the same dates last year. A figure that is
// "as of now" (stock on hand) has no comparison and shows none.
import type { Kpi } from "../../lib/backend/bindings";
import { useI18n, type MessageKey } from "../../lib/i18n";

/** A KPI's value in the locale's words. */
export function useKpiFormat() {
  const { money, count } = useI18n();
  return (kind: Kpi["kind"], v: number) =>
    kind === "money" ? money(v) : kind === "percent" ? `${(v / 100).toFixed(1)}%` : count(v);
}

/** The change from `before` to `now`: a percentage of `before`, points for percentages, and
 *  the difference itself (`abs`, formatted by the caller) where `before` is 0. */
export function change(kind: Kpi["kind"], now: number, before: number | null, abs: (v: number) => string): string | null {
  if (before === null) return null;
  if (kind === "percent") {
    const d = (now - before) / 100;
    return `${d >= 0 ? "+" : ""}${d.toFixed(1)} pt`;
  }
  if (before === 0) return now === 0 ? "0%" : `${now > 0 ? "+" : "−"}${abs(Math.abs(now))}`;
  const pct = ((now - before) / Math.abs(before)) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;
}

export function KpiCards(props: { kpis: Kpi[]; testId: string }) {
  const { t } = useI18n();
  const fmt = useKpiFormat();
  return (
    <dl class="rm-kpis" data-testid={props.testId}>
      {props.kpis.map((k) => {
        const abs = (v: number) => fmt(k.kind, v);
        const prev = change(k.kind, k.value, k.previous, abs);
        const ly = change(k.kind, k.value, k.lastYear, abs);
        return (
          <div class="rm-kpi card" key={k.key} data-testid={`${props.testId}-${k.key}`}>
            <dt>{t(`reports.kpi.${k.key}` as MessageKey)}</dt>
            <dd class="rm-kpi-value" data-testid={`${props.testId}-${k.key}-value`}>{fmt(k.kind, k.value)}</dd>
            {prev !== null ? <dd class="rm-kpi-sub">{t("reportMembers.vsPrevious", { change: prev })}</dd> : null}
            {ly !== null ? <dd class="rm-kpi-sub">{t("reportMembers.vsLastYear", { change: ly })}</dd> : null}
          </div>
        );
      })}
    </dl>
  );
}
