// Back office: membership tiers. Per tier a card with its rule (spend, a run of months, both or
// either) and its benefits; saving re-evaluates every member and says how many moved up and how
// many keep their tier until the month-end review. Only the owner saves (the core decides too).
import { useEffect, useState } from "preact/hooks";
import type { ApiError, CatalogItem } from "../../lib/backend/bindings";
import { catalog, checkoutSettings, saveTierRules, tierRules } from "../../lib/backend/commands";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { type DraftField, fromDraft, type RuleDraft, toDraft } from "../../lib/tier-rules";
import { ErrorBanner } from "../../components/error-banner";
import { TierRuleCard } from "../../components/tier-rule-card";
import type { AdminProps } from "./props";

export function TiersAdmin(props: AdminProps) {
  const { t } = useI18n();
  const readOnly = props.session.staff.role !== "owner";
  const [drafts, setDrafts] = useState<RuleDraft[] | null>(null);
  const [services, setServices] = useState<CatalogItem[]>([]);
  const [birthdayPct, setBirthdayPct] = useState<number | null>(null);
  const [invalid, setInvalid] = useState<{ tier: string; field: DraftField } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    tierRules().then((r) => setDrafts(r.map(toDraft)), (e: unknown) => setError(toApiError(e)));
    catalog("").then((c) => setServices(c.services), () => setServices([]));
    checkoutSettings().then((s) => setBirthdayPct(s.birthdayMultiplierPct), () => setBirthdayPct(null));
  }, []);

  const save = async () => {
    if (!drafts) return;
    const rules = [];
    for (const d of drafts) {
      const parsed = fromDraft(d);
      if (!parsed.ok) {
        setInvalid({ tier: d.tier, field: parsed.field });
        return;
      }
      rules.push(parsed.rule);
    }
    setInvalid(null);
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      const saved = await saveTierRules(rules);
      setDrafts(saved.rules.map(toDraft));
      const text = saved.movedUp === 0 && saved.downAtReview === 0
        ? t("tiers.savedNone")
        : t("tiers.saved", { up: saved.movedUp, down: saved.downAtReview });
      setResult(text);
      props.notify(text);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="tiers-admin" data-testid="tiers-admin">
      <div class="admin-toolbar"><h2 class="section-title">{t("tiers.title")}</h2></div>
      <p class="muted">{readOnly ? t("tiers.ownerOnly") : t("tiers.hint")}</p>
      <div class="tier-cards">
        {drafts?.map((d, i) => (
          <TierRuleCard key={d.tier} draft={d} services={services} readOnly={readOnly} storeBirthdayPct={birthdayPct}
            invalid={invalid?.tier === d.tier ? invalid.field : null}
            onChange={(next) => setDrafts((all) => all && all.map((x, j) => (j === i ? next : x)))} />
        ))}
      </div>
      {error ? <ErrorBanner error={error} testId="tiers-error" /> : null}
      {result ? <p class="saved-note" role="status" data-testid="tiers-saved">{result}</p> : null}
      {readOnly || !drafts ? null : (
        <div class="settings-actions">
          <button type="button" class="btn btn-primary btn-large" data-testid="tiers-save" disabled={busy}
            onClick={() => void save()}>{t("tiers.save")}</button>
        </div>
      )}
    </section>
  );
}
