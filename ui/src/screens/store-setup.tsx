// First run, after the owner's PIN: the store's name, address and phone, what the receipt
// says above and below the sale, and the time zone. Skippable (Settings has them all). Saved,
// the back office's "Getting started" leads on to staff and the menu; skipped, the till opens
// as usual and "Getting started" waits in the back office.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, CheckoutSettingsView } from "../lib/backend/bindings";
import { checkoutSettings, saveCheckoutSettings } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { ErrorBanner } from "../components/error-banner";
import { Field, type FieldError } from "../components/field";
import { TimeZoneSelect } from "../components/time-zone-select";

type TextKey = "storeName" | "storeAddress" | "storePhone" | "receiptHeader" | "receiptFooter";
const TEXTS: Array<[TextKey, MessageKey, number, boolean]> = [
  ["storeName", "staffAdmin.setup.storeName", 60, false],
  ["storeAddress", "staffAdmin.setup.address", 120, false],
  ["storePhone", "staffAdmin.setup.phone", 30, false],
  ["receiptHeader", "staffAdmin.setup.header", 200, true],
  ["receiptFooter", "staffAdmin.setup.footer", 200, true],
];

/** `onDone(saved)`: saved, the owner goes on to the back office; skipped, to the till. */
export function StoreSetup(props: { onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const [s, setS] = useState<CheckoutSettingsView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldError, setFieldError] = useState<{ field: string; error: FieldError } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    checkoutSettings().then((loaded) => {
      // A new store starts from the core's placeholder name: the owner types her own.
      setS({ ...loaded, storeName: loaded.storeName === "SalonDesk 美业" ? "" : loaded.storeName });
    }, (e: unknown) => setError(toApiError(e)));
  }, []);

  const save = async (ev: Event) => {
    ev.preventDefault();
    if (!s) return;
    setError(null);
    setFieldError(null);
    if (s.storeName.trim() === "") {
      setFieldError({ field: "storeName", error: { text: t("staffAdmin.setup.nameRequired") } });
      return;
    }
    setBusy(true);
    try {
      await saveCheckoutSettings({ ...s, storeName: s.storeName.trim() });
      props.onDone(true);
    } catch (reason) {
      const e = toApiError(reason);
      if (e.code === "validation" && e.field) {
        setFieldError({ field: e.field, error: { text: t("error.validation"), detail: e.message } });
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const errorOn = (field: string) => (fieldError?.field === field ? fieldError.error : undefined);

  return (
    <main class="center-screen">
      <form class="card auth-card store-setup" onSubmit={(e) => void save(e)} noValidate data-testid="store-setup">
        <h1>{t("staffAdmin.setup.title")}</h1>
        <p class="muted">{t("staffAdmin.setup.intro")}</p>
        {s ? (
          <>
            {TEXTS.map(([key, label, max, multiline]) => (
              <Field key={key} id={`setup-${key}`} label={t(label)} error={errorOn(key)}
                hint={key === "receiptHeader" ? t("staffAdmin.setup.headerHint") : undefined}>
                {multiline ? (
                  <textarea id={`f-setup-${key}`} class="input" rows={2} maxLength={max} data-testid={`setup-${key}`}
                    value={s[key]} onInput={(e) => setS({ ...s, [key]: e.currentTarget.value })} />
                ) : (
                  <input id={`f-setup-${key}`} class="input" maxLength={max} data-testid={`setup-${key}`}
                    autoFocus={key === "storeName"} value={s[key]}
                    onInput={(e) => setS({ ...s, [key]: e.currentTarget.value })} />
                )}
              </Field>
            ))}
            <Field id="setup-timeZone" label={t("staffAdmin.setup.timeZone")} error={errorOn("timeZone")}
              hint={t("staffAdmin.setup.timeZoneHint")}>
              <TimeZoneSelect id="setup-timeZone" testId="setup-timeZone" zone={s.timeZone} offsetMinutes={s.utcOffsetMinutes}
                onChange={(timeZone, utcOffsetMinutes) => setS({ ...s, timeZone, utcOffsetMinutes })} />
            </Field>
          </>
        ) : null}
        {error ? <ErrorBanner error={error} testId="store-setup-error" /> : null}
        {/* The buttons wait for the fields, so they do not move under a click. */}
        {s || error ? (
          <>
            <button type="submit" class="btn btn-primary btn-large btn-block" data-testid="setup-save" disabled={busy || !s}>
              {t("staffAdmin.setup.save")}
            </button>
            <button type="button" class="btn btn-ghost btn-large btn-block" data-testid="setup-skip" disabled={busy}
              onClick={() => props.onDone(false)}>{t("staffAdmin.setup.skip")}</button>
          </>
        ) : null}
      </form>
    </main>
  );
}
