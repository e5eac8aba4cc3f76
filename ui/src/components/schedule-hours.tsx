// One beautician's weekly hours (per weekday: off, or start–end) and her days off with a reason.
// Hours never set mean "any time" for booking; saving them makes them count.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, DayOffView, StaffBrief } from "../lib/backend/bindings";
import { listStaff, saveWorkingHours, workingHours } from "../lib/backend/commands";
import { addDayOff, daysOff, removeDayOff } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { fromDraft, toDraft, type DayDraft } from "../lib/hours-draft";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export function ScheduleHours(props: { notify: (text: string) => void }) {
  const { t, date } = useI18n();
  const [staff, setStaff] = useState<StaffBrief[]>([]);
  const [who, setWho] = useState<string | null>(null);
  const [days, setDays] = useState<DayDraft[] | null>(null);
  /** Whose hours the form holds once loaded, and how many saves succeeded (for tests to wait on). */
  const [loadedFor, setLoadedFor] = useState("");
  const [saves, setSaves] = useState(0);
  const [configured, setConfigured] = useState(false);
  const [off, setOff] = useState<DayOffView[]>([]);
  const [badDay, setBadDay] = useState<number | null>(null);
  const [offDate, setOffDate] = useState("");
  const [offReason, setOffReason] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listStaff().then((list) => {
      // Beauticians first: they are the ones clients book.
      const sorted = [...list].sort((a, b) => Number(b.role === "beautician") - Number(a.role === "beautician"));
      setStaff(sorted);
      setWho((w) => w ?? sorted[0]?.id ?? null);
    }, (e) => setError(toApiError(e)));
  }, []);
  useEffect(() => {
    if (!who) return;
    setDays(null);
    setLoadedFor("");
    setBadDay(null);
    setError(null);
    workingHours(who).then((h) => {
      setDays(toDraft(h.week, h.configured));
      setConfigured(h.configured);
      setLoadedFor(who);
    }, (e) => setError(toApiError(e)));
    daysOff(who).then(setOff, (e) => setError(toApiError(e)));
  }, [who]);

  const edit = (i: number, patch: Partial<DayDraft>) => setDays((ds) => ds && ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (!who || !days) return;
    const parsed = fromDraft(days);
    if (!parsed.ok) {
      setBadDay(parsed.day);
      return;
    }
    setBadDay(null);
    void run(async () => {
      const h = await saveWorkingHours({ staffId: who, week: parsed.week, daysOff: off.map((d) => d.date), configured: true });
      setDays(toDraft(h.week, h.configured));
      setConfigured(true);
      setSaves((n) => n + 1);
      props.notify(t("schedule.hoursSaved"));
    });
  };
  const addOff = () => {
    if (!who) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(offDate)) {
      setError({ code: "validation", message: "", field: "date", memberId: null });
      return;
    }
    void run(async () => {
      setOff(await addDayOff(who, offDate, offReason));
      setOffDate("");
      setOffReason("");
    });
  };

  return (
    <div class="stock-pane" data-testid="schedule-hours" data-loaded-for={loadedFor} data-saves={saves}>
      <label class="stock-filter">
        <span class="field-label">{t("schedule.staff")}</span>
        <select class="input" data-testid="hours-staff" value={who ?? ""} onChange={(e) => setWho(e.currentTarget.value)}>
          {staff.map((s) => <option key={s.id} value={s.id} data-name={s.name}>{s.name} · {t(`role.${s.role}`)}</option>)}
        </select>
      </label>
      {!configured && days ? <p class="muted" data-testid="hours-unset">{t("schedule.hoursUnset")}</p> : null}
      {days ? (
        <table class="stock-table schedule-week" data-testid="hours-week">
          <thead><tr><th>{t("schedule.weekday")}</th><th>{t("schedule.works")}</th><th>{t("schedule.start")}</th><th>{t("schedule.end")}</th></tr></thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={WEEKDAYS[i]} data-testid={`hours-day-${WEEKDAYS[i]}`} class={badDay === i ? "stock-bad" : ""}>
                <td>{t(`schedule.day.${WEEKDAYS[i]!}`)}</td>
                <td>
                  <label class="stock-check">
                    <input type="checkbox" data-testid="hours-works" checked={d.works} onChange={(e) => edit(i, { works: e.currentTarget.checked })} />
                    {d.works ? t("schedule.working") : t("schedule.off")}
                  </label>
                </td>
                <td><input class="input input-cell mono" data-testid="hours-start" value={d.start} disabled={!d.works}
                  aria-label={t("schedule.start")} placeholder="10:00" onInput={(e) => edit(i, { start: e.currentTarget.value })} /></td>
                <td><input class="input input-cell mono" data-testid="hours-end" value={d.end} disabled={!d.works}
                  aria-label={t("schedule.end")} placeholder="21:00" onInput={(e) => edit(i, { end: e.currentTarget.value })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {badDay !== null ? <p class="field-error" role="alert" data-testid="hours-day-error">
        {t("schedule.dayInvalid", { day: t(`schedule.day.${WEEKDAYS[badDay]!}`) })}</p> : null}
      <div class="stock-footer">
        <button type="button" class="btn btn-primary" data-testid="hours-save" disabled={busy || !days} onClick={save}>{t("schedule.saveHours")}</button>
      </div>

      <h3 class="subsection-title">{t("schedule.daysOff")}</h3>
      {off.length === 0 ? <p class="muted">{t("schedule.noDaysOff")}</p> : (
        <ul class="schedule-days-off" data-testid="days-off">
          {off.map((d) => (
            <li key={d.date} data-testid="day-off" data-date={d.date}>
              <span class="mono">{date(d.date)}</span>
              <span>{d.reason || "—"}</span>
              <button type="button" class="btn btn-ghost btn-small" data-testid="day-off-remove" disabled={busy}
                onClick={() => who && void run(async () => setOff(await removeDayOff(who, d.date)))}>{t("schedule.remove")}</button>
            </li>
          ))}
        </ul>
      )}
      <div class="stock-form-grid">
        <Field id="day-off-date" label={t("schedule.date")}
          error={error?.field === "date" ? { text: t("schedule.dateInvalid"), detail: error.message || null } : undefined}>
          <input id="f-day-off-date" type="date" class="input" data-testid="day-off-date" value={offDate}
            onInput={(e) => setOffDate(e.currentTarget.value)} />
        </Field>
        <Field id="day-off-reason" label={t("schedule.reason")}>
          <input id="f-day-off-reason" class="input" data-testid="day-off-reason" value={offReason} maxLength={60}
            placeholder={t("schedule.reasonHint")} onInput={(e) => setOffReason(e.currentTarget.value)} />
        </Field>
        <div class="schedule-add">
          <button type="button" class="btn btn-secondary" data-testid="day-off-add" disabled={busy} onClick={addOff}>{t("schedule.addDayOff")}</button>
        </div>
      </div>
      {error && error.field !== "date" ? <ErrorBanner error={error} testId="hours-error" /> : null}
    </div>
  );
}
