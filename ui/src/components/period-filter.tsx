// A period of business dates for the records (from – to, both included) with quick picks.
// Dates are the browser's `YYYY-MM-DD` (the store's day; the core turns them into instants).
import type { PeriodInput } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";

type Props = { value: PeriodInput; onChange: (p: PeriodInput) => void; testId: string };

/** `YYYY-MM-DD` of a local date. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function today(): PeriodInput {
  const d = isoDay(new Date());
  return { from: d, to: d };
}

function lastDays(n: number): PeriodInput {
  const start = new Date();
  start.setDate(start.getDate() - (n - 1));
  return { from: isoDay(start), to: isoDay(new Date()) };
}

function thisMonth(): PeriodInput {
  const now = new Date();
  return { from: isoDay(new Date(now.getFullYear(), now.getMonth(), 1)), to: isoDay(now) };
}

export function PeriodFilter(props: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<PeriodInput>) => props.onChange({ ...props.value, ...patch });
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
          onClick={() => props.onChange(today())}>{t("records.period.today")}</button>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onChange(lastDays(7))}>
          {t("records.period.week")}
        </button>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onChange(thisMonth())}>
          {t("records.period.month")}
        </button>
      </div>
    </div>
  );
}
