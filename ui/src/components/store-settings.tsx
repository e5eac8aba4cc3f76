// The owner's store-wide settings on the Settings screen: how points work, with the receipt's
// header and footer. Everyone sees them; only the owner changes them (the backend says so too).
// The membership tiers are edited in the back office (screens/admin/tiers.tsx).
import { useEffect, useState } from "preact/hooks";
import type { ApiError, CheckoutSettingsView } from "../lib/backend/bindings";
import { checkoutSettings, saveCheckoutSettings } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { fenToInput, parseYuan } from "../lib/yuan";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { TimeZoneSelect } from "./time-zone-select";

type Props = { isOwner: boolean };

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
  const [settings, setSettings] = useState<CheckoutSettingsView | null>(null);
  const [numbers, setNumbers] = useState<Record<string, string>>({});
  /** The pay-out limit as typed, in yuan. */
  const [payOutLimit, setPayOutLimit] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const readOnly = !props.isOwner;

  useEffect(() => {
    checkoutSettings().then((s) => {
      setSettings(s);
      setNumbers(Object.fromEntries(SETTINGS_NUMBERS.map(([k]) => [k, String(s[k])])));
      setPayOutLimit(fenToInput(s.payOutApprovalFen));
    }, (e) => setError(toApiError(e)));
  }, []);

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
  return (
    <section class="card settings-section" data-testid="store-settings">
      <h2 class="section-title">{t("store.title")}</h2>
      {readOnly ? <p class="muted">{t("store.ownerOnly")}</p> : null}
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
