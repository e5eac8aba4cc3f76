import type { Tier } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";

export function TierBadge(props: { tier: Tier; testId?: string; large?: boolean }) {
  const { t } = useI18n();
  return (
    <span class={`tier tier-${props.tier} ${props.large ? "tier-large" : ""}`} data-testid={props.testId}
      data-tier={props.tier}>
      {t(`tier.${props.tier}`)}
    </span>
  );
}
