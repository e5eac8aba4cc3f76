// Reminders waiting to be sent by hand (no webhook set, or it failed): the text, the phone as
// the backend shows it, copy and mark sent. On the appointments screen.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, MessageView } from "../lib/backend/bindings";
import { markMessageSent, pendingMessages } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { hhmm, storeTime } from "../lib/calendar";
import { useI18n } from "../lib/i18n";
import { BellIcon } from "./appointment-icons";
import { ErrorBanner } from "./error-banner";

export function RemindersPanel(props: { refresh: number; utcOffsetMinutes: number }) {
  const { t } = useI18n();
  const [list, setList] = useState<MessageView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const load = () => pendingMessages().then((l) => { setList(l); setError(null); }, (r: unknown) => setError(toApiError(r)));
  useEffect(() => void load(), [props.refresh]);

  const sent = async (id: string) => {
    try {
      await markMessageSent(id);
      setList((l) => (l ? l.filter((m) => m.id !== id) : l));
    } catch (reason) {
      setError(toApiError(reason));
    }
  };
  const copy = (m: MessageView) => {
    void navigator.clipboard?.writeText(m.body).then(() => setCopied(m.id), () => undefined);
  };

  return (
    <section class="card reminders" data-testid="reminders">
      <h2 class="section-title reminders-title"><BellIcon size={18} /> {t("reminders.title")}
        {list && list.length > 0 ? <span class="count-badge">{list.length}</span> : null}</h2>
      {error ? <ErrorBanner error={error} /> : null}
      {list === null && !error ? <p class="muted small">{t("common.loading")}</p> : null}
      {list?.length === 0 ? <p class="muted small" data-testid="reminders-empty">{t("reminders.none")}</p> : null}
      {list && list.length > 0 ? <p class="muted small reminders-hint">{t("reminders.hint")}</p> : null}
      <ul class="reminder-list">
        {(list ?? []).map((m) => (
          <li key={m.id} class="reminder" data-testid="reminder" data-id={m.id}>
            <div class="reminder-who">
              <span class={`chip reminder-kind reminder-kind-${m.kind}`} data-testid="reminder-kind">{t(`reminders.kind.${m.kind}`)}</span>
              <span class="truncate">{t("reminders.for", { name: m.recipientName, phone: m.phone })}</span>
              <span class="muted small mono">
                {m.kind === "appointment_reminder" ? "" : `${t("reminders.queued")} `}
                {whenText(m.appointmentStart, props.utcOffsetMinutes)}
              </span>
            </div>
            <p class="reminder-body">{m.body}</p>
            <div class="reminder-actions">
              <button type="button" class="btn btn-ghost btn-small" onClick={() => copy(m)}>
                {copied === m.id ? t("reminders.copied") : t("reminders.copy")}
              </button>
              <button type="button" class="btn btn-secondary btn-small" data-testid="reminder-mark-sent" onClick={() => void sent(m.id)}>
                {t("reminders.markSent")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The appointment's store date and time ("2026-11-24 10:30"), whatever this computer's zone. */
function whenText(instant: string, offset: number): string {
  const { date, min } = storeTime(instant, offset);
  return `${date} ${hhmm(min)}`;
}
