// A 1–5 score as five large buttons, with its grade (优秀/良好/一般/较差) beside it. The grade
// bands are the core's (`feedback::grade`); `gradeOf` mirrors them for a score not yet saved.
import type { Grade } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";
import "../styles/feedback.css";

export function gradeOf(score: number): Grade {
  return score >= 5 ? "excellent" : score === 4 ? "good" : score === 3 ? "fair" : "poor";
}

type Props = {
  value: number | null;
  onChange: (score: number) => void;
  /** Each button's test id is `<testId>-<n>`. */
  testId: string;
  label: string;
};

export function ScorePicker(props: Props) {
  const { t } = useI18n();
  return (
    <span class="fb-scores" role="group" aria-label={props.label} data-testid={props.testId}
      data-value={props.value ?? ""}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button key={n} type="button" class="fb-score" aria-pressed={props.value === n}
          data-testid={`${props.testId}-${n}`} onClick={() => props.onChange(n)}>{n}</button>
      ))}
      <span class="fb-grade" aria-live="polite">{props.value ? t(`feedback.grade.${gradeOf(props.value)}`) : ""}</span>
    </span>
  );
}
