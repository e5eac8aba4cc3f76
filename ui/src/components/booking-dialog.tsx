// Booking an appointment (新建预约): a member found by search, or a walk-in's name and mobile;
// the member's usual beautician is suggested and her no-shows shown; service, beautician, date
// and start (the end follows the service's duration), notes. A clash comes back as `conflict`
// and is shown with the backend's message naming it; `outside_hours` asks first, then books
// with allowOutsideHours. Whatever was typed stays after an error.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, AppointmentView, BookingServiceView, MemberHit, StaffBrief, SuggestionView } from "../lib/backend/bindings";
import { bookAppointment, bookingServices, memberNoShows, suggestBeautician } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { hhmm, instantAt, parseHhmm } from "../lib/calendar";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field, type FieldError } from "./field";
import { MemberPicker } from "./member-picker";
import { TierBadge } from "./tier-badge";

/** `member`: she is booked already chosen (a care task done by booking). */
export type BookingPrefill = { date: string; staffId?: string; startMin?: number; member?: MemberHit };

type Props = {
  prefill: BookingPrefill;
  staff: StaffBrief[];
  utcOffsetMinutes: number;
  onBooked: (a: AppointmentView) => void;
  onClose: () => void;
};

export function BookingDialog(props: Props) {
  const { t, money } = useI18n();
  const [mode, setMode] = useState<"member" | "walkin">("member");
  const [member, setMember] = useState<MemberHit | null>(props.prefill.member ?? null);
  const [suggestion, setSuggestion] = useState<SuggestionView | null>(null);
  const [noShows, setNoShows] = useState(0);
  const [walkInName, setWalkInName] = useState("");
  const [walkInPhone, setWalkInPhone] = useState("");
  const [services, setServices] = useState<BookingServiceView[] | null>(null);
  const [serviceId, setServiceId] = useState("");
  const [staffId, setStaffId] = useState(props.prefill.staffId ?? props.staff[0]?.id ?? "");
  const [date, setDate] = useState(props.prefill.date);
  const [start, setStart] = useState(hhmm(props.prefill.startMin ?? 600));
  const [notes, setNotes] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [outside, setOutside] = useState<string | null>(null);

  useEffect(() => {
    bookingServices().then(setServices, (r: unknown) => setError(toApiError(r)));
  }, []);

  const pick = (hit: MemberHit) => {
    setMember(hit);
    setSuggestion(null);
    setNoShows(0);
    setLocal({});
    suggestBeautician(hit.id).then((s) => {
      setSuggestion(s);
      // A slot clicked in a column already chose the beautician; otherwise take the suggestion.
      if (s && !props.prefill.staffId && props.staff.some((x) => x.id === s.staffId)) setStaffId(s.staffId);
    }, () => undefined);
    memberNoShows(hit.id).then(setNoShows, () => undefined);
  };

  const service = services?.find((s) => s.id === serviceId) ?? null;
  const startMin = parseHhmm(start);
  const endText = service && startMin !== null ? hhmm(startMin + service.durationMin) : null;

  const submit = async (allowOutsideHours: boolean) => {
    const problems: Record<string, string> = {};
    if (mode === "member" && !member) problems.client = t("booking.needClient");
    if (mode === "walkin" && walkInName.trim() === "") problems.walkInName = t("booking.needClient");
    if (mode === "walkin" && walkInPhone.trim() === "") problems.walkInPhone = t("booking.needClient");
    if (!service) problems.serviceId = t("booking.needService");
    if (startMin === null) problems.start = t("error.validation");
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !service || startMin === null) return;
    setBusy(true);
    setError(null);
    try {
      const a = await bookAppointment({
        memberId: mode === "member" ? member!.id : null,
        walkInName: mode === "walkin" ? walkInName.trim() : null,
        walkInPhone: mode === "walkin" ? walkInPhone.replace(/\s/g, "") : null,
        serviceId: service.id, staffId, roomId: null, start: instantAt(date, startMin, props.utcOffsetMinutes), end: null,
        notes: notes.trim(), allowOutsideHours,
      });
      props.onBooked(a);
    } catch (reason) {
      const e = toApiError(reason);
      if (e.code === "outside_hours" && !allowOutsideHours) {
        setOutside(e.message);
      } else {
        setOutside(null);
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string, ...aliases: string[]): FieldError | undefined => {
    if (local[field]) return { text: local[field]! };
    if (error && error.code === "validation" && error.field && [field, ...aliases].includes(error.field)) {
      return { text: t("error.validation"), detail: error.message };
    }
    return undefined;
  };
  const fieldKnown = error?.code === "validation" && ["walkInName", "walkInPhone", "serviceId", "staffId", "start", "end"].includes(error.field ?? "");

  return (
    <Dialog title={t("booking.title")} onClose={props.onClose} testId="booking-dialog" wide
      actions={outside !== null ? (
        <>
          <button type="button" class="btn btn-secondary" onClick={() => setOutside(null)}>{t("detail.back")}</button>
          <button type="button" class="btn btn-primary" data-testid="booking-confirm-outside" disabled={busy}
            onClick={() => void submit(true)}>{t("appt.outside.confirm")}</button>
        </>
      ) : (
        <>
          <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
          <button type="button" class="btn btn-primary" data-testid="booking-submit" disabled={busy}
            onClick={() => void submit(false)}>{t("booking.submit")}</button>
        </>
      )}>
      {error && error.code === "conflict" ? (
        <div class="banner banner-error booking-clash" role="alert" data-testid="booking-error">
          <strong>{t("booking.clash")}</strong>
          <span>{error.message}</span>
        </div>
      ) : error && !fieldKnown ? (
        <div data-testid="booking-error"><ErrorBanner error={error} /></div>
      ) : null}
      {outside !== null ? (
        <div class="banner banner-warn" role="alert" data-testid="booking-outside">
          <strong>{t("appt.outside.title")}</strong>
          <div>{t("appt.outside.body", { message: outside })}</div>
        </div>
      ) : null}

      <div class="booking-form">
        <div class="field field-wide">
          <div class="booking-client-head">
            <span class="field-label">{t("booking.client")}</span>
            <div class="segmented" role="tablist">
              <button type="button" role="tab" class={`segment ${mode === "member" ? "active" : ""}`} aria-selected={mode === "member"}
                data-testid="booking-mode-member" onClick={() => setMode("member")}>{t("booking.member")}</button>
              <button type="button" role="tab" class={`segment ${mode === "walkin" ? "active" : ""}`} aria-selected={mode === "walkin"}
                data-testid="booking-mode-walkin" onClick={() => setMode("walkin")}>{t("booking.walkIn")}</button>
            </div>
          </div>
          {mode === "member" ? (
            member ? (
              <div class="booking-member" data-testid="booking-member" data-member-id={member.id}>
                <span class="avatar avatar-small" aria-hidden="true">{[...member.name][0]}</span>
                <span class="booking-member-text">
                  <span class="booking-member-name">{member.name} <TierBadge tier={member.tier} /></span>
                  <span class="muted small mono">{member.memberNo} · {member.phone}</span>
                </span>
                {noShows > 0 ? <span class="noshow-badge" data-testid="booking-no-shows">{t("booking.noShows", { n: noShows })}</span> : null}
                <button type="button" class="btn btn-ghost btn-small" onClick={() => { setMember(null); setSuggestion(null); setNoShows(0); }}>
                  {t("booking.change")}
                </button>
              </div>
            ) : (
              <>
                <MemberPicker id="booking-member-search" onPick={pick} placeholder={t("booking.searchMember")} autoFocus />
                {local.client ? <div class="field-error" role="alert" data-testid="error-client">{local.client}</div> : null}
              </>
            )
          ) : (
            <div class="form-row">
              <Field id="booking-walkin-name" label={t("booking.walkInName")} error={fieldError("walkInName")}>
                <input class="input" id="f-booking-walkin-name" data-testid="booking-walkin-name" value={walkInName} autocomplete="off"
                  onInput={(e) => setWalkInName(e.currentTarget.value)} />
              </Field>
              <Field id="booking-walkin-phone" label={t("booking.walkInPhone")} error={fieldError("walkInPhone")}>
                <input id="f-booking-walkin-phone" data-testid="booking-walkin-phone" value={walkInPhone} inputMode="tel" class="input mono"
                  autocomplete="off" onInput={(e) => setWalkInPhone(e.currentTarget.value)} />
              </Field>
            </div>
          )}
          {mode === "member" && suggestion ? (
            <div class="booking-suggestion" data-testid="booking-suggestion" data-staff-id={suggestion.staffId}>
              <span>{suggestion.reason === "preferred" ? t("booking.suggestedPreferred", { name: suggestion.staffName }) : t("booking.suggested", { name: suggestion.staffName })}</span>
              {suggestion.staffId !== staffId && props.staff.some((s) => s.id === suggestion.staffId) ? (
                <button type="button" class="link-button" onClick={() => setStaffId(suggestion.staffId)}>
                  {t("booking.useSuggested", { name: suggestion.staffName })}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>

        <Field id="booking-service" label={t("booking.service")} error={fieldError("serviceId")} wide>
          <select class="input" id="f-booking-service" data-testid="booking-service" value={serviceId} onChange={(e) => setServiceId(e.currentTarget.value)}>
            <option value="">{t("booking.pickService")}</option>
            {(services ?? []).map((s) => (
              <option key={s.id} value={s.id}>{s.name} · {t("booking.minutes", { n: s.durationMin })} · {money(s.price)}</option>
            ))}
          </select>
        </Field>
        <Field id="booking-staff" label={t("booking.staff")} error={fieldError("staffId")}>
          <select class="input" id="f-booking-staff" data-testid="booking-staff" value={staffId} onChange={(e) => setStaffId(e.currentTarget.value)}>
            {props.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <div class="form-row booking-when">
          <Field id="booking-date" label={t("booking.date")}>
            <input class="input" id="f-booking-date" type="date" data-testid="booking-date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </Field>
          <Field id="booking-start" label={t("booking.start")} error={fieldError("start", "end")}
            hint={endText ? t("booking.end", { time: endText }) : undefined}>
            <input class="input" id="f-booking-start" type="time" step={900} data-testid="booking-start" value={start}
              onInput={(e) => setStart(e.currentTarget.value)} />
          </Field>
        </div>
        <Field id="booking-notes" label={t("booking.notes")} wide>
          <input class="input" id="f-booking-notes" data-testid="booking-notes" value={notes} placeholder={t("booking.notesHint")}
            onInput={(e) => setNotes(e.currentTarget.value)} />
        </Field>
      </div>
    </Dialog>
  );
}
