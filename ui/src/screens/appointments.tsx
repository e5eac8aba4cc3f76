// Appointments (预约): the day view (a column per beautician, a 15-minute grid, blocks coloured
// by status; a free slot books, a block drags or moves with the keys), the week of one
// beautician (with its .ics export), the reminders waiting to be sent by hand. Booking, the
// appointment's detail and the outside-hours question open as dialogs.
import "../styles/appointments.css";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ApiError, AppointmentView, DayViewDto, Session, StaffBrief, WeekViewDto } from "../lib/backend/bindings";
import { dayView, exportIcs, moveAppointment, resizeAppointment, weekView } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { addDays, downloadText, hhmm, instantAt, SLOT_MIN, todayAt, weekStart } from "../lib/calendar";
import { useI18n, type Locale } from "../lib/i18n";
import type { Route } from "../lib/route";
import { CalendarIcon, ChevronLeftIcon, ChevronRightIcon, DownloadIcon, PlusIcon } from "../components/appointment-icons";
import { AppointmentDetail } from "../components/appointment-detail";
import { BookingDialog, type BookingPrefill } from "../components/booking-dialog";
import { DayGrid } from "../components/day-grid";
import { Dialog } from "../components/dialog";
import { ErrorBanner } from "../components/error-banner";
import { Kbd } from "../components/kbd";
import { RemindersPanel } from "../components/reminders-panel";

type Props = {
  session: Session;
  date?: string;
  onNavigate: (route: Route) => void;
  notify: (text: string) => void;
};

type Ask = { message: string; confirm: () => void };

const localOffset = () => -new Date().getTimezoneOffset();

/** "11月24日 星期二" / "Tue 24 Nov". */
export function longDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" })
    .format(new Date(`${date}T00:00:00Z`));
}

export function Appointments(props: Props) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<"day" | "week">("day");
  const [date, setDate] = useState(props.date ?? todayAt(localOffset()));
  const [day, setDay] = useState<DayViewDto | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [booking, setBooking] = useState<BookingPrefill | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [weekStaff, setWeekStaff] = useState<string | null>(null);
  const [week, setWeek] = useState<WeekViewDto | null>(null);
  const [tick, setTick] = useState(0);
  const refocus = useRef<string | null>(null);

  const offset = day?.utcOffsetMinutes ?? localOffset();
  const staff: StaffBrief[] = (day?.columns ?? []).map((c) => ({ id: c.staffId, name: c.staffName, role: c.role }));

  // Asked at render (a layout effect), not after the next paint: the new day comes a frame sooner.
  useLayoutEffect(() => {
    let live = true;
    dayView(date).then((d) => {
      if (!live) return;
      setDay(d);
      setLoadError(null);
      if (refocus.current) {
        const id = refocus.current;
        refocus.current = null;
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid=appt-block][data-id="${id}"]`)?.focus());
      }
    }, (r: unknown) => live && setLoadError(toApiError(r)));
    return () => { live = false; };
  }, [date, tick]);

  const shownStaff = weekStaff ?? staff[0]?.id ?? null;
  useEffect(() => {
    if (mode !== "week" || !shownStaff) return;
    let live = true;
    weekView(shownStaff, weekStart(date)).then((w) => live && setWeek(w), (r: unknown) => live && setLoadError(toApiError(r)));
    return () => { live = false; };
  }, [mode, shownStaff, weekStart(date), tick]);

  const reload = () => setTick((n) => n + 1);

  const afterError = (e: ApiError, retry: () => void) => {
    if (e.code === "outside_hours") setAsk({ message: e.message, confirm: retry });
    else setActionError(e);
  };

  const move = async (a: AppointmentView, startMin: number, staffId: string, allow = false) => {
    setActionError(null);
    try {
      const b = await moveAppointment(a.id, instantAt(date, startMin, offset), staffId !== a.staffId ? staffId : null, null, allow);
      props.notify(t("appt.moved", { time: hhmm(b.startMin), name: b.staffName }));
    } catch (reason) {
      afterError(toApiError(reason), () => void move(a, startMin, staffId, true));
    }
    refocus.current = a.id;
    reload();
  };

  const resize = async (a: AppointmentView, endMin: number, allow = false) => {
    setActionError(null);
    try {
      const b = await resizeAppointment(a.id, instantAt(date, endMin, offset), allow);
      props.notify(t("appt.resized", { time: hhmm(b.endMin) }));
    } catch (reason) {
      afterError(toApiError(reason), () => void resize(a, endMin, true));
    }
    refocus.current = a.id;
    reload();
  };

  const onKey = (e: KeyboardEvent, a: AppointmentView) => {
    if (!day) return;
    if (e.key === "Enter") {
      e.preventDefault();
      setDetailId(a.id);
      return;
    }
    const editable = a.status === "booked" || a.status === "confirmed" || a.status === "arrived";
    if (!["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(e.key)) return;
    e.preventDefault();
    if (!editable) return;
    const step = e.key === "ArrowUp" ? -SLOT_MIN : SLOT_MIN;
    if (e.shiftKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      const end = a.endMin + step;
      if (end > a.startMin) void resize(a, end);
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      const start = a.startMin + step;
      if (start >= 0 && a.endMin + step <= 1440) void move(a, start, a.staffId);
    } else {
      const i = day.columns.findIndex((c) => c.staffId === a.staffId);
      const next = day.columns[i + (e.key === "ArrowLeft" ? -1 : 1)];
      if (next) void move(a, a.startMin, next.staffId);
    }
  };

  const today = todayAt(offset);
  const stepDays = mode === "day" ? 1 : 7;

  const exportWeek = async () => {
    if (!week) return;
    try {
      const to = addDays(week.weekStart, 6);
      const text = await exportIcs(week.staffId, week.weekStart, to);
      const file = `${week.staffName}-${week.weekStart}.ics`;
      downloadText(file, text);
      props.notify(t("appt.exported", { file }));
    } catch (reason) {
      setActionError(toApiError(reason));
    }
  };

  return (
    <main class="screen appt-screen" data-testid="appointments-screen">
      <header class="appt-toolbar">
        <h1 class="appt-title">{t("appt.title")}</h1>
        <div class="segmented" role="tablist">
          <button type="button" role="tab" class={`segment ${mode === "day" ? "active" : ""}`} aria-selected={mode === "day"}
            data-testid="appt-mode-day" onClick={() => setMode("day")}>{t("appt.day")}</button>
          <button type="button" role="tab" class={`segment ${mode === "week" ? "active" : ""}`} aria-selected={mode === "week"}
            data-testid="appt-mode-week" onClick={() => setMode("week")}>{t("appt.week")}</button>
        </div>
        <div class="appt-datenav">
          <button type="button" class="btn btn-secondary btn-icon" data-testid="appt-prev" aria-label={mode === "day" ? t("appt.prevDay") : t("appt.prevWeek")}
            title={mode === "day" ? t("appt.prevDay") : t("appt.prevWeek")} onClick={() => setDate(addDays(date, -stepDays))}><ChevronLeftIcon /></button>
          <label class="appt-date">
            <CalendarIcon size={18} />
            <span class="appt-date-long">{mode === "day" ? longDate(date, locale) : t("appt.weekOf", { date: longDate(weekStart(date), locale) })}</span>
            <input type="date" class="appt-date-input" data-testid="appt-date" aria-label={t("appt.date")} value={date}
              onInput={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
          </label>
          <button type="button" class="btn btn-secondary btn-icon" data-testid="appt-next" aria-label={mode === "day" ? t("appt.nextDay") : t("appt.nextWeek")}
            title={mode === "day" ? t("appt.nextDay") : t("appt.nextWeek")} onClick={() => setDate(addDays(date, stepDays))}><ChevronRightIcon /></button>
          <button type="button" class="btn btn-secondary" data-testid="appt-today" disabled={date === today} onClick={() => setDate(today)}>
            {t("appt.today")}
          </button>
        </div>
        <button type="button" class="btn btn-primary appt-new" data-testid="appt-new" disabled={staff.length === 0}
          onClick={() => setBooking({ date, staffId: mode === "week" ? shownStaff ?? undefined : undefined })}>
          <PlusIcon /> {t("appt.new")}
        </button>
      </header>

      {actionError ? (
        actionError.code === "conflict" ? (
          <div class="banner banner-error appt-clash" role="alert" data-testid="appt-error">
            <strong>{t("booking.clash")}</strong> <span>{actionError.message}</span>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setActionError(null)} aria-label={t("common.close")}>×</button>
          </div>
        ) : <div data-testid="appt-error"><ErrorBanner error={actionError} text={actionError.code === "validation" ? actionError.message : undefined} /></div>
      ) : null}
      {loadError ? <ErrorBanner error={loadError} testId="appt-load-error" /> : null}

      <div class={`appt-layout ${mode === "week" ? "appt-layout-week" : ""}`}>
        <section class="appt-main">
          {day === null && !loadError ? <div class="card empty-state"><p class="muted">{t("appt.loading")}</p></div> : null}
          {day && day.columns.length === 0 ? <div class="card empty-state"><p class="muted">{t("appt.noStaff")}</p></div> : null}
          {day && day.columns.length > 0 && mode === "day" ? (
            <div class="card day-view" data-testid="day-view" data-date={day.date}>
              <DayGrid day={day} selectedId={selectedId} onSelect={setSelectedId} onOpen={setDetailId}
                onSlot={(staffId, m) => setBooking({ date, staffId, startMin: m })}
                onMove={(a, s, st) => void move(a, s, st)} onResize={(a, e) => void resize(a, e)} onKey={onKey} />
            </div>
          ) : null}
          {day && day.columns.length > 0 && mode === "week" ? (
            <WeekView week={week} staff={staff} staffId={shownStaff} onStaff={setWeekStaff} onOpen={setDetailId}
              onDay={(d) => { setDate(d); setMode("day"); }} onExport={() => void exportWeek()} />
          ) : null}
        </section>
        <aside class="appt-side">
          <section class="card appt-keys" data-testid="appt-shortcuts">
            <h2 class="section-title">{t("appt.shortcuts")}</h2>
            <ul class="appt-keys-list">
              <li><span class="appt-keys-k"><Kbd keys="↑" /><Kbd keys="↓" /></span><span>{t("appt.keys.move")}</span></li>
              <li><span class="appt-keys-k"><Kbd keys="←" /><Kbd keys="→" /></span><span>{t("appt.keys.staff")}</span></li>
              <li><span class="appt-keys-k"><Kbd keys="Shift+↑↓" /></span><span>{t("appt.keys.resize")}</span></li>
              <li><span class="appt-keys-k"><Kbd keys="Enter" /></span><span>{t("appt.keys.open")}</span></li>
            </ul>
            <p class="muted small appt-keys-drag">{t("appt.keys.drag")}</p>
            <ul class="appt-legend">
              {(["booked", "confirmed", "arrived", "in_service", "completed", "cancelled", "no_show"] as const).map((s) => (
                <li key={s}><span class={`legend-swatch status-${s}`} />{t(`appt.status.${s}`)}</li>
              ))}
            </ul>
          </section>
          <RemindersPanel refresh={tick} utcOffsetMinutes={offset} />
        </aside>
      </div>

      {booking && day ? (
        <BookingDialog prefill={booking} staff={staff} utcOffsetMinutes={offset} onClose={() => setBooking(null)}
          onBooked={(a) => {
            setBooking(null);
            props.notify(t("booking.booked", { name: a.clientName, time: hhmm(a.startMin) }));
            setSelectedId(a.id);
            reload();
          }} />
      ) : null}
      {detailId ? (
        <AppointmentDetail id={detailId} onClose={() => setDetailId(null)} onChanged={() => reload()}
          onProfile={(id) => props.onNavigate({ name: "profile", id })}
          onCheckout={(a) => props.onNavigate({ name: "checkout", appointmentId: a.id })} />
      ) : null}
      {ask ? (
        <Dialog title={t("appt.outside.title")} onClose={() => setAsk(null)} testId="appt-outside-dialog"
          actions={(
            <>
              <button type="button" class="btn btn-secondary" onClick={() => setAsk(null)}>{t("common.cancel")}</button>
              <button type="button" class="btn btn-primary" data-testid="appt-confirm-outside" data-autofocus
                onClick={() => { const go = ask.confirm; setAsk(null); go(); }}>{t("appt.outside.moveConfirm")}</button>
            </>
          )}>
          <p>{t("appt.outside.body", { message: ask.message })}</p>
        </Dialog>
      ) : null}
    </main>
  );
}

type WeekProps = {
  week: WeekViewDto | null;
  staff: StaffBrief[];
  staffId: string | null;
  onStaff: (id: string) => void;
  onOpen: (id: string) => void;
  onDay: (date: string) => void;
  onExport: () => void;
};

function WeekView(props: WeekProps) {
  const { t, locale } = useI18n();
  const { week } = props;
  return (
    <div class="card week-view" data-testid="week-view" data-staff-id={props.staffId ?? undefined}>
      <div class="week-head">
        <div class="segmented week-staff" role="tablist" aria-label={t("appt.beautician")}>
          {props.staff.map((s) => (
            <button key={s.id} type="button" role="tab" class={`segment ${s.id === props.staffId ? "active" : ""}`}
              aria-selected={s.id === props.staffId} data-testid="week-staff" data-staff-id={s.id} onClick={() => props.onStaff(s.id)}>
              {s.name}
            </button>
          ))}
        </div>
        <button type="button" class="btn btn-secondary" data-testid="export-ics" disabled={!week} onClick={props.onExport}>
          <DownloadIcon /> {t("appt.exportIcs")}
        </button>
      </div>
      {!week ? <p class="muted">{t("common.loading")}</p> : (
        <div class="week-grid">
          {week.days.map((d) => (
            <div key={d.date} class={`week-day ${d.dayOff ? "week-day-off" : ""}`} data-testid="week-day" data-date={d.date}>
              <button type="button" class="week-day-head" onClick={() => props.onDay(d.date)}>
                <span class="week-day-name">{longDate(d.date, locale)}</span>
                <span class="week-day-hours muted small">
                  {d.dayOff ? t("appt.dayOff") : d.hours ? t("appt.hours", { from: hhmm(d.hours.startMin), to: hhmm(d.hours.endMin) }) : t("appt.notWorking")}
                </span>
              </button>
              <ul class="week-list">
                {d.appointments.length === 0 ? <li class="muted week-none" aria-label={t("appt.noAppointments")} title={t("appt.noAppointments")}>—</li> : null}
                {d.appointments.map((a) => (
                  <li key={a.id}>
                    <button type="button" class={`week-appt status-${a.status}`} data-testid="week-appt" data-id={a.id} data-status={a.status}
                      onClick={() => props.onOpen(a.id)}>
                      <span class="mono week-appt-time">{hhmm(a.startMin)}–{hhmm(a.endMin)}</span>
                      <span class="truncate week-appt-name">{a.clientName}</span>
                      <span class="truncate muted small">{a.serviceName}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
