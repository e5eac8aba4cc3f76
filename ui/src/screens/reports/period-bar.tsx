// The Reports screen's period bar: day, week, month, year or a custom period (with ‹ › to step
// one period back or forward), how the time series is bucketed, and — when this device sees more
// than one store — which store, or the whole chain. The figures are always compared with the
// previous period and the same period last year (the KPI cards show both).
import type { ChainStore, Granularity } from "../../lib/backend/bindings";
import { useI18n, type MessageKey } from "../../lib/i18n";
import { PERIOD_KINDS, type PeriodKind } from "./period";

/** The store picker's value for every store of the chain. */
export const CHAIN = "*chain";

type Props = {
  kind: PeriodKind;
  range: { from: string; to: string };
  granularity: Granularity;
  onKind: (k: PeriodKind) => void;
  /** Null for a custom period (its dates are typed). */
  onMove: ((step: number) => void) | null;
  onCustom: (r: { from: string; to: string }) => void;
  onGranularity: (g: Granularity) => void;
  stores: ChainStore[];
  store: string;
  onStore: (id: string) => void;
};

export function PeriodBar(props: Props) {
  const { t, date } = useI18n();
  const { range } = props;
  return (
    <div class="period-bar" data-testid="reports-period-bar">
      <div class="segmented" role="group" aria-label={t("reports.period.label")}>
        {PERIOD_KINDS.map((k) => (
          <button key={k} type="button" class={`segment ${k === props.kind ? "active" : ""}`}
            aria-pressed={k === props.kind} data-testid={`reports-period-${k}`} onClick={() => props.onKind(k)}>
            {t(`reports.period.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      {props.onMove ? (
        <div class="period-step">
          <button type="button" class="btn btn-ghost btn-icon" aria-label={t("reports.period.back")}
            data-testid="reports-period-back" onClick={() => props.onMove?.(-1)}>‹</button>
          <span class="period-range" data-testid="reports-period-range">
            {range.from === range.to ? date(range.from) : `${date(range.from)} – ${date(range.to)}`}
          </span>
          <button type="button" class="btn btn-ghost btn-icon" aria-label={t("reports.period.forward")}
            data-testid="reports-period-forward" onClick={() => props.onMove?.(1)}>›</button>
        </div>
      ) : (
        <div class="period-step">
          <input class="input" type="date" value={range.from} data-testid="reports-period-from"
            aria-label={t("reports.period.from")}
            onInput={(e) => e.currentTarget.value && props.onCustom({ ...range, from: e.currentTarget.value })} />
          <span>–</span>
          <input class="input" type="date" value={range.to} data-testid="reports-period-to"
            aria-label={t("reports.period.to")}
            onInput={(e) => e.currentTarget.value && props.onCustom({ ...range, to: e.currentTarget.value })} />
        </div>
      )}
      <label class="period-select">
        <span class="muted">{t("reports.granularity.label")}</span>
        <select class="input" value={props.granularity} data-testid="reports-granularity"
          onChange={(e) => props.onGranularity(e.currentTarget.value as Granularity)}>
          {(["day", "week", "month"] as const).map((g) => (
            <option key={g} value={g}>{t(`reports.granularity.${g}`)}</option>
          ))}
        </select>
      </label>
      {props.stores.length > 1 ? (
        <label class="period-select">
          <span class="muted">{t("reports.store.label")}</span>
          <select class="input" value={props.store} data-testid="reports-store"
            onChange={(e) => props.onStore(e.currentTarget.value)}>
            {props.stores.map((s) => (
              <option key={s.id} value={s.own ? "" : s.id}>{s.name || s.id}</option>
            ))}
            <option value={CHAIN}>{t("reports.store.chain")}</option>
          </select>
        </label>
      ) : null}
    </div>
  );
}
