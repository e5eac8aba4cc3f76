// A manager or the owner moves a member to another tier by hand (a card bought outright, members
// brought over from an old system), saying why; above it, why she is where she is (her spend and
// run of months against her tier's rule and the next); the tier history below shows every change.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, Tier, TierChangeView } from "../lib/backend/bindings";
import { setMemberTier, tierHistory } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { TierBadge } from "./tier-badge";
import { TierProgressPanel } from "./tier-progress";

const TIERS: Tier[] = ["standard", "silver", "gold", "platinum"];

type Props = {
  member: { id: string; name: string; tier: Tier };
  onClose: () => void;
  onChanged: (tier: Tier) => void;
};

export function TierDialog(props: Props) {
  const { t, dateTime } = useI18n();
  const { member } = props;
  const [tier, setTier] = useState<Tier>(member.tier);
  const [reason, setReason] = useState("");
  const [history, setHistory] = useState<TierChangeView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    tierHistory(member.id).then(setHistory, (e) => setError(toApiError(e)));
  }, [member.id]);

  const save = async () => {
    if (!reason.trim()) {
      setError({ code: "validation", message: t("tierDialog.reasonRequired"), field: "reason", memberId: null });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setMemberTier(member.id, tier, reason);
      props.onChanged(tier);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) =>
    error?.field === field ? { text: field === "reason" ? t("tierDialog.reasonRequired") : error.message } : undefined;

  return (
    <Dialog title={t("tierDialog.title", { name: member.name })} onClose={props.onClose} testId="tier-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="button" class="btn btn-primary btn-large" data-testid="tier-submit"
          disabled={busy || tier === member.tier} onClick={() => void save()}>{t("tierDialog.save")}</button>
      </>}>
      <TierProgressPanel memberId={member.id} />
      <div class="tier-dialog-form">
        <Field id="tier" label={t("tierDialog.tier")} error={fieldError("tier")}>
          <select id="f-tier" class="input" data-testid="tier-select" value={tier} data-autofocus
            onChange={(e) => setTier((e.currentTarget as HTMLSelectElement).value as Tier)}>
            {TIERS.map((x) => <option key={x} value={x}>{t(`tier.${x}`)}</option>)}
          </select>
        </Field>
        <Field id="reason" label={t("tierDialog.reason")} hint={t("tierDialog.reasonHint")} error={fieldError("reason")}>
          <input id="f-reason" class="input" data-testid="tier-reason" value={reason} maxLength={200} autocomplete="off"
            onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => e.key === "Enter" && void save()} />
        </Field>
      </div>
      {error && !error.field ? <ErrorBanner error={error} testId="tier-error" /> : null}
      <h3 class="section-title">{t("tierDialog.history")}</h3>
      {history === null ? null : history.length === 0 ? (
        <p class="muted">{t("tierDialog.noHistory")}</p>
      ) : (
        <ul class="tier-history" data-testid="tier-history">
          {history.map((c) => (
            <li key={c.createdAt + c.reason}>
              <span class="tier-history-change"><TierBadge tier={c.from} /> → <TierBadge tier={c.to} /></span>
              <span class="tier-history-reason">{c.reason}</span>
              <span class="muted">{dateTime(c.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
