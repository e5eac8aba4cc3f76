// The appointments side of the in-browser mock backend (see mock.ts): a realistic day for the
// demo (three beauticians with working hours and a day off, rooms, an appointment of every
// status), clashes (`conflict` naming the clash), `outside_hours`, reminders and the .ics export.
// Follows docs/ui-contract.md (appointments section). Nothing persists across a reload.
import type {
  ApiError, AppointmentCartView, AppointmentStatus, AppointmentView, BookingInputDto, BookingServiceView,
  CatalogItem, DayHoursView, DayViewDto, ErrorCode, HistoryEntryView, MessageView, ReminderSettingsView, Role,
  RoomView, Session, SuggestionView, StaffBrief, Tier, WeekViewDto, WorkingHoursView,
} from "./bindings";
import { addDays, hhmm, instantAt, storeTime, todayAt, weekdayIndex } from "../calendar";

type Args = Record<string, unknown>;
export type ApptCtx = {
  requireSession: (...roles: Role[]) => Session;
  staff: () => StaffBrief[];
  member: (id: string) => { id: string; name: string; phone: string; tier: Tier } | null;
  someMembers: (n: number) => Array<{ id: string; name: string; phone: string; tier: Tier }>;
  services: () => CatalogItem[];
};

const OFFSET = 480;
type Appt = Omit<AppointmentView, "startMin" | "endMin" | "staffName" | "roomName" | "serviceName" | "clientName" | "memberTier" | "phone"> & {
  date: string; startMin: number; endMin: number; clientName: string; phone: string | null;
};
type Msg = MessageView;

const appts = new Map<string, Appt>();
const history = new Map<string, HistoryEntryView[]>();
const hours = new Map<string, WorkingHoursView>();
const rooms: RoomView[] = [];
const messages: Msg[] = [];
let reminder: ReminderSettingsView = { webhookUrl: "", lang: "zh-CN" };
let seeded = false;

function fail(code: ErrorCode, message: string, field: string | null = null): never {
  const error: ApiError = { code, message, field, memberId: null };
  throw error;
}
const str = (v: unknown) => (typeof v === "string" ? v : "");
const bool = (v: unknown) => v === true;
const today = () => todayAt(OFFSET);

const SERVICE_KIND: Record<string, RoomView["kind"] | null> = {};

export function appointmentHandlers(ctx: ApptCtx): Record<string, (a: Args) => unknown> {
  const beauticians = () => ctx.staff().filter((s) => s.role === "beautician");
  const staffName = (id: string) => ctx.staff().find((s) => s.id === id)?.name ?? "?";
  const services = (): BookingServiceView[] => ctx.services().map((s) => ({
    id: s.id, name: s.name, category: s.category, durationMin: s.durationMin ?? 60, price: s.price,
    resourceKind: SERVICE_KIND[s.id] ?? (/(SPA|护理|面部|清洁|补水)/.test(s.name) ? "bed" : null),
  }));
  const service = (id: string) => services().find((s) => s.id === id) ?? fail("validation", "pick a service", "serviceId");

  const hoursOf = (staffId: string): WorkingHoursView => {
    let h = hours.get(staffId);
    if (!h) {
      h = { staffId, week: Array.from({ length: 7 }, () => ({ startMin: 600, endMin: 1260 })), daysOff: [], configured: false };
      hours.set(staffId, h);
    }
    return h;
  };
  const dayHours = (staffId: string, date: string): { hours: DayHoursView | null; dayOff: boolean } => {
    const h = hoursOf(staffId);
    if (h.daysOff.includes(date)) return { hours: null, dayOff: true };
    const d = h.week[weekdayIndex(date)] ?? null;
    return { hours: d, dayOff: d === null };
  };

  const view = (a: Appt): AppointmentView => {
    const m = a.memberId ? ctx.member(a.memberId) : null;
    const session = ctx.requireSession();
    const phone = a.phone && !session.canSeeFullPhone ? `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}` : a.phone;
    return {
      ...a, clientName: m?.name ?? a.clientName, memberTier: m?.tier ?? null, phone,
      serviceName: services().find((s) => s.id === a.serviceId)?.name ?? "?", staffName: staffName(a.staffId),
      roomName: rooms.find((r) => r.id === a.roomId)?.name ?? null,
    };
  };
  const get = (id: unknown) => appts.get(str(id)) ?? fail("not_found", "appointment not found");
  const live = (a: Appt) => a.status !== "cancelled" && a.status !== "no_show";
  const who = () => ctx.requireSession().staff.id;
  const log = (a: Appt, e: Omit<HistoryEntryView, "staffId" | "staffName" | "at">) => {
    const s = ctx.requireSession().staff;
    const list = history.get(a.id) ?? [];
    list.push({ ...e, staffId: s.id, staffName: s.name, at: new Date().toISOString() });
    history.set(a.id, list);
  };
  const describe = (a: { date: string; startMin: number; endMin: number; staffId: string }) =>
    `${a.date} ${hhmm(a.startMin)}–${hhmm(a.endMin)} ${staffName(a.staffId)}`;

  /** Throws `conflict` naming the clash, or `outside_hours` unless allowed. */
  const check = (c: { id: string | null; date: string; startMin: number; endMin: number; staffId: string; roomId: string | null; memberId: string | null }, allowOutside: boolean) => {
    if (c.date < today()) fail("validation", `${c.date} has passed`, "start");
    for (const o of appts.values()) {
      if (o.id === c.id || !live(o) || o.status === "completed" || o.date !== c.date) continue;
      if (o.startMin >= c.endMin || o.endMin <= c.startMin) continue;
      const what = `${o.date} ${hhmm(o.startMin)}–${hhmm(o.endMin)} (${services().find((s) => s.id === o.serviceId)?.name ?? ""})`;
      if (o.staffId === c.staffId) fail("conflict", `${staffName(o.staffId)} already has ${view(o).clientName} ${what}`);
      if (c.memberId && o.memberId === c.memberId) fail("conflict", `${view(o).clientName} is already booked with ${staffName(o.staffId)} ${what}`);
      if (c.roomId && o.roomId === c.roomId) {
        const r = rooms.find((x) => x.id === c.roomId)!;
        fail("conflict", `${r.name} is full (holds ${r.capacity}): ${view(o).clientName} ${what}`);
      }
    }
    if (!allowOutside && hoursOf(c.staffId).configured) {
      const d = dayHours(c.staffId, c.date);
      if (!d.hours) fail("outside_hours", `${staffName(c.staffId)} is off on ${c.date}`);
      if (c.startMin < d.hours.startMin || c.endMin > d.hours.endMin) {
        fail("outside_hours", `${staffName(c.staffId)} works ${hhmm(d.hours.startMin)}–${hhmm(d.hours.endMin)} on ${c.date}`);
      }
    }
  };
  const freeRoom = (kind: RoomView["kind"] | null, date: string, s: number, e: number, except: string | null) => {
    if (!kind) return null;
    const r = rooms.find((x) => x.kind === kind && [...appts.values()].filter((o) => o.id !== except && live(o) && o.roomId === x.id
      && o.date === date && o.startMin < e && o.endMin > s).length < x.capacity);
    return r?.id ?? fail("conflict", `no free ${kind} at ${date} ${hhmm(s)}–${hhmm(e)}`);
  };

  const remind = (a: Appt) => {
    if (!a.phone || a.date < today()) return;
    const body = reminder.lang === "en"
      ? `Hi ${a.clientName}, a reminder of your appointment tomorrow at ${hhmm(a.startMin)} with ${staffName(a.staffId)}. Reply to change it.`
      : `${a.clientName}您好，提醒您明天 ${hhmm(a.startMin)} 的预约（美容师 ${staffName(a.staffId)}），如需改期请回复。`;
    const masked = ctx.requireSession().canSeeFullPhone ? a.phone : `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}`;
    messages.push({
      id: crypto.randomUUID(), kind: "appointment_reminder", appointmentId: a.id, appointmentStart: a.start, recipientName: a.clientName, phone: masked,
      lang: reminder.lang, body, status: "pending", attempts: 0, lastError: null, sentAt: null,
    });
  };

  const create = (input: BookingInputDto, status: AppointmentStatus = "booked", skipChecks = false): Appt => {
    const svc = service(input.serviceId);
    if (!ctx.staff().some((s) => s.id === input.staffId)) fail("validation", "pick a beautician", "staffId");
    const m = input.memberId ? ctx.member(input.memberId) ?? fail("not_found", "member not found") : null;
    if (!m && str(input.walkInName).trim() === "") fail("validation", "a walk-in needs a name", "walkInName");
    if (!m && !/^1\d{10}$/.test(str(input.walkInPhone).replace(/\s/g, ""))) fail("validation", "an 11-digit mobile number", "walkInPhone");
    if (Number.isNaN(Date.parse(input.start))) fail("validation", "a start time", "start");
    const st = storeTime(input.start, OFFSET);
    const endMin = input.end ? storeTime(input.end, OFFSET).min : st.min + svc.durationMin;
    if (endMin <= st.min) fail("validation", "the end is before the start", "end");
    const c = { id: null, date: st.date, startMin: st.min, endMin, staffId: input.staffId, roomId: input.roomId, memberId: m?.id ?? null };
    if (!skipChecks) check(c, input.allowOutsideHours);
    const roomId = input.roomId ?? (skipChecks ? rooms.find((r) => r.kind === svc.resourceKind)?.id ?? null : freeRoom(svc.resourceKind, st.date, st.min, endMin, null));
    const a: Appt = {
      id: crypto.randomUUID(), memberId: m?.id ?? null, clientName: m?.name ?? str(input.walkInName).trim(), walkIn: !m,
      phone: m?.phone ?? str(input.walkInPhone).replace(/\s/g, ""), serviceId: svc.id, staffId: input.staffId, roomId,
      date: st.date, startMin: st.min, endMin, start: new Date(Date.parse(instantAt(st.date, st.min, OFFSET))).toISOString(),
      end: new Date(Date.parse(instantAt(st.date, endMin, OFFSET))).toISOString(), status, notes: input.notes,
      cancelReason: null, saleId: null, createdBy: skipChecks ? input.staffId : who(), createdAt: new Date().toISOString(),
    };
    appts.set(a.id, a);
    history.set(a.id, []);
    if (!skipChecks) {
      log(a, { action: "booked", fromStatus: null, toStatus: "booked", reason: "", detail: describe(a) });
      if (a.date === addDays(today(), 1)) remind(a);
    }
    return a;
  };

  const setTimes = (a: Appt, date: string, s: number, e: number) => {
    a.date = date;
    a.startMin = s;
    a.endMin = e;
    a.start = new Date(Date.parse(instantAt(date, s, OFFSET))).toISOString();
    a.end = new Date(Date.parse(instantAt(date, e, OFFSET))).toISOString();
  };
  const editable = (a: Appt) => {
    if (!(a.status === "booked" || a.status === "confirmed" || a.status === "arrived")) {
      fail("validation", `a ${a.status.replace("_", " ")} appointment cannot be moved`, "status");
    }
  };

  const seed = () => {
    if (seeded) return;
    const b = beauticians().filter((s) => s.role === "beautician");
    const svcs = services();
    const mems = ctx.someMembers(8);
    if (b.length === 0 || svcs.length === 0) return;
    seeded = true;
    rooms.push(
      { id: crypto.randomUUID(), name: "VIP1", kind: "room", capacity: 1 },
      { id: crypto.randomUUID(), name: "美容床 A", kind: "bed", capacity: 1 },
      { id: crypto.randomUUID(), name: "美容床 B", kind: "bed", capacity: 1 },
    );
    const d = today();
    b.forEach((s, i) => {
      const week: Array<DayHoursView | null> = Array.from({ length: 7 }, (_, w) =>
        w === (weekdayIndex(d) + 2 + i) % 7 ? null : { startMin: i === 1 ? 720 : 600, endMin: i === 1 ? 1260 : 1140 });
      week[weekdayIndex(d)] = i === 2 ? null : { startMin: i === 1 ? 720 : 600, endMin: i === 1 ? 1260 : 1140 };
      hours.set(s.id, { staffId: s.id, week, daysOff: [], configured: true });
    });
    const svc = (i: number) => svcs[i % svcs.length]!;
    const plan: Array<[number, number, number, number | null, AppointmentStatus, string]> = [
      // staff, start, service, member index (null = walk-in), status, notes
      [0, 600, 0, 0, "completed", ""],
      [0, 690, 1, 1, "in_service", ""],
      [0, 840, 2, 2, "confirmed", "对精油过敏"],
      [0, 960, 0, null, "booked", ""],
      [1, 720, 3, 3, "arrived", ""],
      [1, 810, 1, 4, "no_show", ""],
      [1, 900, 2, 5, "booked", "第一次来店"],
      [1, 1050, 4, 6, "cancelled", ""],
      [1, 1140, 0, 7, "confirmed", ""],
    ];
    for (const [si, start, vi, mi, status, notes] of plan) {
      const s = b[si % b.length]!;
      const v = svc(vi);
      const m = mi === null ? null : mems[mi % Math.max(1, mems.length)] ?? null;
      const a = create({
        memberId: m?.id ?? null, walkInName: m ? null : "王女士", walkInPhone: m ? null : "13600001234", serviceId: v.id,
        staffId: s.id, roomId: null, start: instantAt(d, start, OFFSET), end: null, notes, allowOutsideHours: true,
      }, status, true);
      if (status === "cancelled") a.cancelReason = "客人临时有事";
      history.set(a.id, [{ action: "booked", fromStatus: null, toStatus: "booked", reason: "", detail: describe(a), staffId: s.id, staffName: s.name, at: new Date(Date.now() - 86_400_000).toISOString() }]);
      if (status !== "booked") history.get(a.id)!.push({ action: "status", fromStatus: "booked", toStatus: status, reason: a.cancelReason ?? "", detail: "", staffId: s.id, staffName: s.name, at: new Date().toISOString() });
    }
    // Tomorrow: two bookings with their reminders waiting to be sent by hand.
    const t = addDays(d, 1);
    [[0, 630, 1, 2], [1, 780, 0, 4]].forEach(([si, start, vi, mi]) => {
      const m = mems[mi! % Math.max(1, mems.length)] ?? null;
      const a = create({
        memberId: m?.id ?? null, walkInName: m ? null : "李女士", walkInPhone: m ? null : "13700005678", serviceId: svc(vi!).id,
        staffId: b[si! % b.length]!.id, roomId: null, start: instantAt(t, start!, OFFSET), end: null, notes: "", allowOutsideHours: true,
      }, "confirmed", true);
      remind(a);
    });
  };

  const TRANSITIONS: Record<AppointmentStatus, AppointmentStatus[]> = {
    booked: ["confirmed", "arrived", "cancelled", "no_show"],
    confirmed: ["arrived", "cancelled", "no_show"],
    arrived: ["in_service", "completed", "cancelled"],
    in_service: ["completed"],
    completed: [], cancelled: [], no_show: [],
  };

  return {
    day_view: (a): DayViewDto => {
      ctx.requireSession();
      seed();
      const date = str(a.date);
      return {
        date, utcOffsetMinutes: OFFSET, rooms: [...rooms],
        columns: beauticians().map((s) => ({
          staffId: s.id, staffName: s.name, role: s.role, color: null, ...dayHours(s.id, date),
          appointments: [...appts.values()].filter((x) => x.staffId === s.id && x.date === date)
            .sort((x, y) => x.startMin - y.startMin).map(view),
        })),
      };
    },
    week_view: (a): WeekViewDto => {
      ctx.requireSession();
      seed();
      const staffId = str(a.staffId);
      const ws = str(a.weekStart);
      return {
        staffId, staffName: staffName(staffId), weekStart: ws, utcOffsetMinutes: OFFSET,
        days: Array.from({ length: 7 }, (_, i) => {
          const date = addDays(ws, i);
          return {
            date, ...dayHours(staffId, date),
            appointments: [...appts.values()].filter((x) => x.staffId === staffId && x.date === date)
              .sort((x, y) => x.startMin - y.startMin).map(view),
          };
        }),
      };
    },
    get_appointment: (a) => view(get(a.id)),
    book_appointment: (a) => { ctx.requireSession(); seed(); return view(create(a.input as BookingInputDto)); },
    move_appointment: (a) => {
      const x = get(a.id);
      editable(x);
      const st = storeTime(str(a.start), OFFSET);
      const len = x.endMin - x.startMin;
      const staffId = str(a.staffId) || x.staffId;
      const roomId = str(a.roomId) || x.roomId;
      check({ id: x.id, date: st.date, startMin: st.min, endMin: st.min + len, staffId, roomId, memberId: x.memberId }, bool(a.allowOutsideHours));
      const before = describe(x);
      setTimes(x, st.date, st.min, st.min + len);
      x.staffId = staffId;
      x.roomId = roomId;
      log(x, { action: "moved", fromStatus: x.status, toStatus: x.status, reason: "", detail: `${before} → ${describe(x)}` });
      return view(x);
    },
    resize_appointment: (a) => {
      const x = get(a.id);
      editable(x);
      const e = storeTime(str(a.end), OFFSET);
      const endMin = e.date === x.date ? e.min : 1440;
      if (endMin <= x.startMin) fail("validation", "the end is before the start", "end");
      check({ id: x.id, date: x.date, startMin: x.startMin, endMin, staffId: x.staffId, roomId: x.roomId, memberId: x.memberId }, bool(a.allowOutsideHours));
      const before = describe(x);
      setTimes(x, x.date, x.startMin, endMin);
      log(x, { action: "resized", fromStatus: x.status, toStatus: x.status, reason: "", detail: `${before} → ${describe(x)}` });
      return view(x);
    },
    set_appointment_status: (a) => {
      const x = get(a.id);
      const to = str(a.status) as AppointmentStatus;
      if (!TRANSITIONS[x.status].includes(to)) fail("validation", `a ${x.status} appointment cannot become ${to}`, "status");
      const reason = str(a.reason).trim();
      if (to === "cancelled" && reason === "") fail("validation", "say why it is cancelled", "reason");
      log(x, { action: "status", fromStatus: x.status, toStatus: to, reason, detail: "" });
      x.status = to;
      if (to === "cancelled") x.cancelReason = reason;
      if (to !== "booked" && to !== "confirmed") {
        messages.forEach((m) => { if (m.appointmentId === x.id && m.status === "pending") m.status = "cancelled"; });
      }
      return view(x);
    },
    appointment_history: (a) => { get(a.id); return [...(history.get(str(a.id)) ?? [])]; },
    suggest_beautician: (a): SuggestionView | null => {
      ctx.requireSession();
      const counts = new Map<string, number>();
      for (const x of appts.values()) if (x.memberId === str(a.memberId) && x.status === "completed") counts.set(x.staffId, (counts.get(x.staffId) ?? 0) + 1);
      const best = [...counts.entries()].sort((p, q) => q[1] - p[1])[0];
      if (best) return { staffId: best[0], staffName: staffName(best[0]), reason: "most_served" };
      const any = [...appts.values()].find((x) => x.memberId === str(a.memberId));
      return any ? { staffId: any.staffId, staffName: staffName(any.staffId), reason: "most_served" } : null;
    },
    member_no_shows: (a) => { ctx.requireSession(); return [...appts.values()].filter((x) => x.memberId === str(a.memberId) && x.status === "no_show").length; },
    appointment_cart: (a): AppointmentCartView => {
      const x = get(a.id);
      if (x.saleId) fail("validation", `already checked out (sale ${x.saleId.slice(0, 8)})`, "id");
      if (x.status === "cancelled" || x.status === "no_show") fail("validation", `a ${x.status} appointment has nothing to check out`, "status");
      const v = view(x);
      const svc = service(x.serviceId);
      return {
        appointmentId: x.id, memberId: x.memberId, clientName: v.clientName,
        lines: [{ kind: "service", itemId: svc.id, qty: 1, staff: [{ staffId: x.staffId, shareBp: 10_000 }], priceOverride: null, name: svc.name, price: svc.price }],
      };
    },
    complete_appointment_after_sale: (a) => {
      const x = get(a.appointmentId);
      if (x.status !== "completed") {
        log(x, { action: "status", fromStatus: x.status, toStatus: "completed", reason: "", detail: "" });
        x.status = "completed";
      }
      x.saleId = str(a.saleId) || x.saleId;
      return view(x);
    },
    working_hours: (a) => { ctx.requireSession(); return hoursOf(str(a.staffId)); },
    save_working_hours: (a) => {
      ctx.requireSession("owner", "manager");
      const input = a.input as WorkingHoursView;
      const h = { ...input, configured: true };
      hours.set(input.staffId, h);
      return h;
    },
    list_rooms: () => { ctx.requireSession(); seed(); return [...rooms]; },
    add_room: (a) => {
      ctx.requireSession("owner", "manager");
      const input = a.input as { name: string; kind: RoomView["kind"]; capacity: number };
      if (input.name.trim() === "") fail("validation", "a room needs a name", "name");
      const r: RoomView = { id: crypto.randomUUID(), name: input.name.trim(), kind: input.kind, capacity: Math.max(1, input.capacity) };
      rooms.push(r);
      return r;
    },
    booking_services: () => { ctx.requireSession(); return services(); },
    set_service_resource_kind: (a) => { ctx.requireSession("owner", "manager"); SERVICE_KIND[str(a.serviceId)] = (a.kind as RoomView["kind"] | null) ?? null; return null; },
    pending_messages: () => {
      ctx.requireSession();
      seed();
      const now = new Date().toISOString();
      return messages.filter((m) => m.status === "pending" && m.appointmentStart > now)
        .sort((p, q) => p.appointmentStart.localeCompare(q.appointmentStart));
    },
    mark_message_sent: (a) => {
      ctx.requireSession();
      const m = messages.find((x) => x.id === str(a.id)) ?? fail("not_found", "message not found");
      m.status = "sent";
      m.sentAt = new Date().toISOString();
      return null;
    },
    reminder_settings: () => { ctx.requireSession(); return { ...reminder }; },
    save_reminder_settings: (a) => {
      ctx.requireSession("owner", "manager");
      const input = a.input as ReminderSettingsView;
      const url = input.webhookUrl.trim();
      if (url !== "" && !/^https?:\/\/\S+$/.test(url)) fail("validation", "a webhook URL starts with http:// or https://", "webhookUrl");
      reminder = { webhookUrl: url, lang: input.lang };
      return { ...reminder };
    },
    run_reminders: () => {
      ctx.requireSession();
      const configured = reminder.webhookUrl !== "";
      let sent = 0;
      if (configured) messages.forEach((m) => { if (m.status === "pending") { m.status = "sent"; m.sentAt = new Date().toISOString(); sent += 1; } });
      return { created: 0, sent, failed: 0, senderConfigured: configured };
    },
    export_ics: (a) => {
      ctx.requireSession();
      const staffId = str(a.staffId);
      const from = str(a.from);
      const to = str(a.to);
      const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+/, "");
      const events = [...appts.values()].filter((x) => x.staffId === staffId && x.date >= from && x.date <= to && live(x)).map((x) => {
        const v = view(x);
        return ["BEGIN:VEVENT", `UID:${x.id}@salondesk`, `DTSTAMP:${stamp(new Date().toISOString())}`, `DTSTART:${stamp(x.start)}`,
          `DTEND:${stamp(x.end)}`, `SUMMARY:${v.serviceName} – ${v.clientName}`, "END:VEVENT"].join("\r\n");
      });
      return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SalonDesk//Appointments//EN", ...events, "END:VCALENDAR", ""].join("\r\n");
    },
  };
}
