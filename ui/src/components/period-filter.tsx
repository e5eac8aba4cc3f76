// A period of business dates for the records (from – to, both included) with quick picks.
// Dates are the store's business dates `YYYY-MM-DD` (the core turns them into instants in the
// store's time zone); empty ends are open, so an empty period is everything, newest first.
import { useEffect, useState } from "preact/hooks";
import type { PeriodInput } from "../lib/backend/bindings";
import { checkoutSettings } from "../lib/backend/commands";
import { useI18n } from "../lib/i18n";

type Props = { value: PeriodInput; onChange: (p: PeriodInput) => void; testId: string };

/** `YYYY-MM-DD` of the store's day `daysBack` days ago (its UTC offset, not this PC's zone). */
export function storeDay(offsetMinutes: number, daysBack = 0): string {
  return new Date(Date.now() + (offsetMinutes - daysBack * 1440) * 60_000).toISOString().slice(0, 10);
}

/** The store's UTC offset (checkout settings), this PC's until it is known. */
export function useStoreOffset(): number {
  const [offset, setOffset] = useState(-new Date().getTimezoneOffset());
  useEffect(() => {
    checkoutSettings().then((s) => setOffset(s.utcOffsetMinutes), () => undefined);
  }, []);
  return offset;
}

export function PeriodFilter(props: Props) {
  const { t } = useI18n();
  const offset = useStoreOffset();
  const set = (patch: Partial<PeriodInput>) => props.onChange({ ...props.value, ...patch });
  const back = (days: number) => props.onChange({ from: storeDay(offset, days), to: storeDay(offset) });
  const month = () => props.onChange({ from: `${storeDay(offset).slice(0, 8)}01`, to: storeDay(offset) });
  return (
    <div class="period-filter" data-testid={props.testId}>
      <label class="field">
        <span class="field-label">{t("records.period.from")}</span>
        <input class="input" type="date" data-testid={`${props.testId}-from`} value={props.value.from ?? ""}
          onInput={(e) => set({ from: e.currentTarget.value || null })} />
      </label>
      <label class="field">
        <span class="field-label">{t("records.period.to")}</span>
        <input class="input" type="date" data-testid={`${props.testId}-to`} value={props.value.to ?? ""}
          onInput={(e) => set({ to: e.currentTarget.value || null })} />
      </label>
      <div class="period-quick">
        <button type="button" class="btn btn-ghost btn-small" data-testid={`${props.testId}-today`}
          onClick={() => back(0)}>{t("records.period.today")}</button>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => back(6)}>
          {t("records.period.week")}
        </button>
        <button type="button" class="btn btn-ghost btn-small" onClick={month}>
          {t("records.period.month")}
        </button>
      </div>
    </div>
  );
}
