// The owner's store-wide settings on the Settings screen: the membership tiers (discount, points
// multiplier, how far ahead each may book, what earns it) and how points work, with the receipt's
// header and footer. Everyone sees them; only the owner changes them (the backend says so too).
import { useEffect, useState } from "preact/hooks";
import type { ApiError, CheckoutSettingsView, TierRuleView } from "../lib/backend/bindings";
import { checkoutSettings, saveCheckoutSettings, saveTierRules, tierRules } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { fenToInput, parseYuan } from "../lib/yuan";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { TierBadge } from "./tier-badge";
import { TimeZoneSelect } from "./time-zone-select";

type Props = { isOwner: boolean };

/** A tier row as typed: percentages and yuan as text until saved. */
type RuleDraft = {
  tier: TierRuleView["tier"];
  discount: string; multiplier: string; bookingDays: string; cumulative: string; monthly: string; months: string;
};

const pct = (bp: number) => String(bp / 100);
const toDraft = (r: TierRuleView): RuleDraft => ({
  tier: r.tier,
  discount: pct(r.discountBp),
  multiplier: String(r.pointsMultiplierPct / 100),
  bookingDays: String(r.bookingDays),
  cumulative: r.minCumulativeSpend === null ? "" : fenToInput(r.minCumulativeSpend),
  monthly: r.minMonthlySpend === null ? "" : fenToInput(r.minMonthlySpend),
  months: r.consecutiveMonths === null ? "" : String(r.consecutiveMonths),
});

/** "12.5" → 1250 (hundredths), exactly, or null when it is not a number with at most 2 decimals. */
function hundredths(text: string): number | null {
  const parsed = parseYuan(text);
  return parsed.ok ? parsed.fen : null;
}

function fromDraft(d: RuleDraft): TierRuleView | null {
  const discountBp = hundredths(d.discount);
  const multiplier = hundredths(d.multiplier);
  const bookingDays = Number(d.bookingDays);
  const optional = (s: string) => (s.trim() === "" ? null : hundredths(s));
  const cumulative = optional(d.cumulative);
  const monthly = optional(d.monthly);
  const months = d.months.trim() === "" ? null : Number(d.months);
  if (discountBp === null || multiplier === null || !Number.isInteger(bookingDays)) return null;
  if ((d.cumulative.trim() && cumulative === null) || (d.monthly.trim() && monthly === null)) return null;
  if (months !== null && !Number.isInteger(months)) return null;
  return {
    tier: d.tier, discountBp, pointsMultiplierPct: multiplier, bookingDays,
    minCumulativeSpend: cumulative, minMonthlySpend: monthly, consecutiveMonths: months,
  };
}

const SETTINGS_NUMBERS: Array<[keyof CheckoutSettingsView, MessageKey, MessageKey | null]> = [
  ["pointValueFen", "store.pointValue", null],
  ["pointsPerYuan", "store.pointsPerYuan", null],
  ["birthdayMultiplierPct", "store.birthdayMultiplier", null],
  ["referralPoints", "store.referralPoints", null],
  ["pointsExpiryYears", "store.expiryYears", "store.expiryHint"],
];
const SETTINGS_TEXTS: Array<[keyof CheckoutSettingsView, MessageKey]> = [
  ["storeName", "store.storeName"],
  ["storeAddress", "store.storeAddress"],
  ["storePhone", "store.storePhone"],
  ["receiptHeader", "staffAdmin.setup.header"],
  ["receiptFooter", "store.footer"],
];

export function StoreSettings(props: Props) {
  const { t } = useI18n();
  const [rules, setRules] = useState<RuleDraft[] | null>(null);
  const [settings, setSettings] = useState<CheckoutSettingsView | null>(null);
  const [numbers, setNumbers] = useState<Record<string, string>>({});
  /** The pay-out limit as typed, in yuan. */
  const [payOutLimit, setPayOutLimit] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [tierError, setTierError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const readOnly = !props.isOwner;

  useEffect(() => {
    tierRules().then((r) => setRules(r.map(toDraft)), (e) => setTierError(toApiError(e)));
    checkoutSettings().then((s) => {
      setSettings(s);
      setNumbers(Object.fromEntries(SETTINGS_NUMBERS.map(([k]) => [k, String(s[k])])));
      setPayOutLimit(fenToInput(s.payOutApprovalFen));
    }, (e) => setError(toApiError(e)));
  }, []);

  const editRule = (i: number, key: keyof RuleDraft, value: string) =>
    setRules((rs) => rs && rs.map((r, j) => (j === i ? { ...r, [key]: value } : r)));

  const saveRules = async () => {
    if (!rules) return;
    const parsed = rules.map(fromDraft);
    if (parsed.some((r) => r === null)) {
      setTierError({ code: "validation", message: t("store.invalid"), field: "tiers", memberId: null });
      return;
    }
    setBusy(true);
    setSaved(null);
    setTierError(null);
    try {
      setRules((await saveTierRules(parsed as TierRuleView[])).map(toDraft));
      setSaved(t("store.tiersSaved"));
    } catch (e) {
      setTierError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const saveSettings = async () => {
    if (!settings) return;
    const next: CheckoutSettingsView = { ...settings };
    for (const [key] of SETTINGS_NUMBERS) {
      const n = Number(numbers[key]);
      if (!Number.isInteger(n)) {
        setError({ code: "validation", message: t("store.invalid"), field: key, memberId: null });
        return;
      }
      (next as Record<string, unknown>)[key] = n;
    }
    const limit = parseYuan(payOutLimit);
    if (!limit.ok || limit.fen < 0) {
      setError({ code: "validation", message: t("store.invalid"), field: "payOutApprovalFen", memberId: null });
      return;
    }
    next.payOutApprovalFen = limit.fen;
    setBusy(true);
    setSaved(null);
    setError(null);
    try {
      setSettings(await saveCheckoutSettings(next));
      setSaved(t("store.settingsSaved"));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: string) => (error?.field === key ? { text: t("store.invalid"), detail: error.message } : undefined);
  const cols: Array<[keyof RuleDraft, MessageKey]> = [
    ["discount", "store.col.discount"], ["multiplier", "store.col.multiplier"], ["bookingDays", "store.col.bookingDays"],
    ["cumulative", "store.col.cumulative"], ["monthly", "store.col.monthly"], ["months", "store.col.months"],
  ];

  return (
    <section class="card settings-section" data-testid="store-settings">
      <h2 class="section-title">{t("store.title")}</h2>
      {readOnly ? <p class="muted">{t("store.ownerOnly")}</p> : null}
      <h3 class="subsection-title">{t("store.tiers")}</h3>
      <p class="muted">{t("store.tiersHint")}</p>
      {rules ? (
        <div class="tier-rules-scroll">
          <table class="tier-rules" data-testid="tier-rules">
            <thead>
              <tr><th>{t("store.col.tier")}</th>{cols.map(([, label]) => <th key={label}>{t(label)}</th>)}</tr>
            </thead>
            <tbody>
              {rules.map((r, i) => (
                <tr key={r.tier} data-tier={r.tier}>
                  <td><TierBadge tier={r.tier} /></td>
                  {cols.map(([key, label]) => (
                    <td key={key}>
                      <input class="input input-cell" aria-label={`${t(`tier.${r.tier}`)} ${t(label)}`} value={r[key]}
                        disabled={readOnly} inputMode="decimal" data-testid={`tier-${r.tier}-${key}`}
                        onInput={(e) => editRule(i, key, (e.currentTarget as HTMLInputElement).value)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {tierError ? <ErrorBanner error={tierError} testId="tier-rules-error" /> : null}
      {readOnly ? null : (
        <div class="settings-actions">
          <button type="button" class="btn btn-primary btn-large" data-testid="tier-rules-save" disabled={busy}
            onClick={() => void saveRules()}>{t("store.saveTiers")}</button>
        </div>
      )}

      <h3 class="subsection-title">{t("store.points")}</h3>
      {settings ? (
        <div class="store-settings-grid">
          {SETTINGS_NUMBERS.map(([key, label, hint]) => (
            <Field key={key} id={key} label={t(label)} hint={hint ? t(hint) : undefined} error={fieldError(key)}>
              <input id={`f-${key}`} class="input input-number" inputMode="numeric" disabled={readOnly}
                data-testid={`store-${key}`} value={numbers[key] ?? ""}
                onInput={(e) => setNumbers((n) => ({ ...n, [key]: (e.currentTarget as HTMLInputElement).value }))} />
            </Field>
          ))}
          <Field id="payOutApprovalFen" label={t("store.payOutLimit")} hint={t("store.payOutLimitHint")}
            error={fieldError("payOutApprovalFen")}>
            <input id="f-payOutApprovalFen" class="input input-number" inputMode="decimal" disabled={readOnly}
              data-testid="store-payOutApprovalFen" value={payOutLimit}
              onInput={(e) => setPayOutLimit((e.currentTarget as HTMLInputElement).value)} />
          </Field>
          <Field id="timeZone" label={t("staffAdmin.setup.timeZone")} error={fieldError("timeZone")} wide>
            <TimeZoneSelect id="timeZone" testId="store-timeZone" zone={settings.timeZone} offsetMinutes={settings.utcOffsetMinutes}
              disabled={readOnly}
              onChange={(timeZone, utcOffsetMinutes) => setSettings({ ...settings, timeZone, utcOffsetMinutes })} />
          </Field>
          {SETTINGS_TEXTS.map(([key, label]) => (
            <Field key={key} id={key} label={t(label)} error={fieldError(key)} wide>
              <input id={`f-${key}`} class="input" disabled={readOnly} data-testid={`store-${key}`} maxLength={120}
                value={String(settings[key])}
                onInput={(e) => setSettings({ ...settings, [key]: (e.currentTarget as HTMLInputElement).value })} />
            </Field>
          ))}
        </div>
      ) : null}
      {error && !error.field ? <ErrorBanner error={error} testId="store-settings-error" /> : null}
      {saved ? <p class="saved-note" role="status" data-testid="store-saved">{saved}</p> : null}
      {readOnly ? null : (
        <div class="settings-actions">
          <button type="button" class="btn btn-primary btn-large" data-testid="store-settings-save" disabled={busy}
            onClick={() => void saveSettings()}>{t("store.saveSettings")}</button>
        </div>
      )}
    </section>
  );
}
