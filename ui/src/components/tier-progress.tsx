// Why a member is where she is: her spend and her run of months against her tier's rule and the
// next tier's ("¥8,200 of ¥10,000; 4 of 6 months"). The figures are the backend's (tier_progress);
// this only lays them out. Shown in the tier dialog and on her profile by the tier badge.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, TierProgressView, TierRuleProgressView } from "../lib/backend/bindings";
import { tierProgress } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { progressFigures } from "../lib/tier-rules";
import { ErrorBanner } from "./error-banner";

export function useTierProgress(memberId: string, tick: unknown = 0) {
  const [progress, setProgress] = useState<TierProgressView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    tierProgress(memberId).then(setProgress, (e: unknown) => setError(toApiError(e)));
  }, [memberId, tick]);
  return { progress, error };
}

function RuleLine(props: { p: TierRuleProgressView; heading: string; testId: string }) {
  const { t, money } = useI18n();
  const f = progressFigures(props.p);
  const mark = (met: boolean) => (
    <span class={`pill ${met ? "pill-ok" : "pill-warn"}`}>{t(met ? "tiers.progress.met" : "tiers.progress.notMet")}</span>
  );
  return (
    <div class="tier-progress-rule" data-testid={props.testId} data-met={String(f.met)}>
      <div class="tier-progress-head">{props.heading} {mark(f.met)}</div>
      {f.spend ? (
        <div class="tier-progress-part" data-testid={`${props.testId}-spend`}>
          <span class="mono">{t("tiers.progress.spend", { have: money(f.spend.have), need: money(f.spend.need) })}</span>
          <meter min={0} max={f.spend.need} value={Math.min(f.spend.have, f.spend.need)} />
        </div>
      ) : null}
      {f.run ? (
        <div class="tier-progress-part" data-testid={`${props.testId}-run`}>
          <span class="mono">{t("tiers.progress.run", { have: f.run.have, need: f.run.need, monthly: money(f.run.monthly) })}</span>
          <meter min={0} max={f.run.need} value={f.run.have} />
        </div>
      ) : null}
    </div>
  );
}

/** Her progress: against her own tier (if above 普通) and the next one. */
export function TierProgressPanel(props: { memberId: string; tick?: unknown; compact?: boolean }) {
  const { t } = useI18n();
  const { progress, error } = useTierProgress(props.memberId, props.tick);
  if (error) return <ErrorBanner error={error} testId="tier-progress-error" />;
  if (!progress) return null;
  const tierName = (tier: TierRuleProgressView["tier"]) => t(`tier.${tier}`);
  return (
    <div class={`tier-progress ${props.compact ? "compact" : ""}`} data-testid="tier-progress">
      {progress.current ? (
        <>
          <RuleLine p={progress.current} heading={t("tiers.progress.title", { tier: tierName(progress.current.tier) })} testId="tier-progress-current" />
          {!progress.current.met && !props.compact ? <p class="muted small">{t("tiers.progress.byHand")}</p> : null}
        </>
      ) : null}
      {progress.next ? (
        <RuleLine p={progress.next} heading={t("tiers.progress.next", { tier: tierName(progress.next.tier) })} testId="tier-progress-next" />
      ) : <p class="muted small">{t("tiers.progress.top")}</p>}
    </div>
  );
}
