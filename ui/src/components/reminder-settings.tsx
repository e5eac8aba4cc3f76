// 预约提醒 Reminders on the settings screen: the webhook that sends them (e.g. an SMS gateway;
// empty: they wait on the appointments screen to be sent by hand) and the message language.
// Device-local; saving needs the owner or a manager (the backend says).
import { useEffect, useState } from "preact/hooks";
import type { ApiError, MessageLang, ReminderSettingsView } from "../lib/backend/bindings";
import { reminderSettings, saveReminderSettings } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { BellIcon } from "./appointment-icons";
import { ErrorBanner } from "./error-banner";
import { Field, type FieldError } from "./field";

const LANGS: readonly MessageLang[] = ["zh-CN", "en"];

export function ReminderSettings(props: { canManage: boolean }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ReminderSettingsView | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldError, setFieldError] = useState<FieldError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    reminderSettings().then(setDraft, (r: unknown) => setLoadError(toApiError(r)));
  }, []);

  const change = (patch: Partial<ReminderSettingsView>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setSaved(false);
    setFieldError(undefined);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft || busy) return;
    setBusy(true);
    setError(null);
    try {
      setDraft(await saveReminderSettings({ ...draft, webhookUrl: draft.webhookUrl.trim() }));
      setSaved(true);
    } catch (reason) {
      const err = toApiError(reason);
      if (err.code === "validation") setFieldError({ text: t("error.validation"), detail: err.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card settings-reminders" data-testid="reminder-settings">
      <h2 class="section-title"><BellIcon size={18} /> {t("reminderSettings.title")}</h2>
      <p class="muted small">{t("reminderSettings.hint")}</p>
      {loadError ? <ErrorBanner error={loadError} /> : null}
      {draft ? (
        <form class="reminder-form" onSubmit={save} noValidate>
          <Field id="reminder-webhook" label={t("reminderSettings.webhook")} hint={t("reminderSettings.webhookHint")} error={fieldError}>
            <input id="f-reminder-webhook" class="input mono" data-testid="reminder-webhook" value={draft.webhookUrl} autocomplete="off"
              spellcheck={false} placeholder="https://" disabled={busy || !props.canManage}
              onInput={(e) => change({ webhookUrl: e.currentTarget.value })} />
          </Field>
          <Field id="reminder-lang" label={t("reminderSettings.lang")}>
            <select class="input" id="f-reminder-lang" data-testid="reminder-lang" value={draft.lang} disabled={busy || !props.canManage}
              onChange={(e) => change({ lang: e.currentTarget.value as MessageLang })}>
              {LANGS.map((l) => <option key={l} value={l}>{t(`lang.${l}`)}</option>)}
            </select>
          </Field>
          {error ? <ErrorBanner error={error} /> : null}
          <div class="reminder-save">
            {props.canManage ? (
              <button type="submit" class="btn btn-primary" data-testid="reminder-save" disabled={busy}>{t("reminderSettings.save")}</button>
            ) : <p class="muted small">{t("reminderSettings.managersOnly")}</p>}
            {saved ? <span class="success-text" role="status">{t("reminderSettings.saved")}</span> : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
