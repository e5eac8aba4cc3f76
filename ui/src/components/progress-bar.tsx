// The bar long work shows (demo data, an import, an export, a backup): how far along it is,
// with the count beside it (or a word, where the count means nothing to her: pages copied).
import type { ComponentChildren } from "preact";
import { useI18n } from "../lib/i18n";

type Props = {
  done: number;
  total: number;
  /** The work has ended: the bar is full whatever the last count said. */
  finished?: boolean;
  testId: string;
  /** Said beside the bar instead of "done / total". */
  label?: ComponentChildren;
};

export function ProgressBar({ done, total, finished = false, testId, label }: Props) {
  const { count } = useI18n();
  const percent = finished ? 100 : total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div class="progress-wrap">
      <div class="progress" role="progressbar" data-testid={testId} aria-valuemin={0} aria-valuemax={total}
        aria-valuenow={done} data-done={done} data-total={total} data-finished={finished}>
        <div class="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class={label === undefined ? "progress-text mono" : "progress-text"}>
        {label ?? `${count(done)} / ${count(total)}`}
      </span>
    </div>
  );
}
