// The day view's grid: a column per beautician (her hours shaded outside, a day off marked), a
// 15-minute grid with hour labels, and the appointments as blocks coloured by status. A free
// slot books; a block drags to another time or beautician, its bottom edge drags to change the
// end (snapping to 15 minutes); the selected block moves with the arrow keys (see the screen).
import { Component } from "preact";
import { useRef, useState } from "preact/hooks";
import type { AppointmentView, DayViewDto, StaffColumnView } from "../lib/backend/bindings";
import { staffColor } from "../lib/staff-colors";
import { gridSpan, hhmm, lanes, minToPx, outsideHours, SLOT_MIN, slots, snap, type Span } from "../lib/calendar";
import { type I18n, useI18n } from "../lib/i18n";

export const PX_PER_SLOT = 18;

type Props = {
  day: DayViewDto;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onSlot: (staffId: string, min: number) => void;
  onMove: (a: AppointmentView, startMin: number, staffId: string) => void;
  onResize: (a: AppointmentView, endMin: number) => void;
  onKey: (e: KeyboardEvent, a: AppointmentView) => void;
};

type Drag = {
  id: string; mode: "move" | "resize"; x0: number; y0: number; moved: boolean;
  startMin: number; endMin: number; staffId: string;
};

export function DayGrid(props: Props) {
  const { t, locale } = useI18n();
  const { day } = props;
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const cols = useRef<HTMLDivElement>(null);

  const span: Span = gridSpan([
    ...day.columns.map((c) => c.hours),
    ...day.columns.flatMap((c) => c.appointments.map((a) => ({ startMin: a.startMin, endMin: a.endMin }))),
  ]);
  const height = minToPx(span.endMin, span, PX_PER_SLOT);
  const hours = slots(span, 60);

  const columnAt = (clientX: number): string | null => {
    const els = cols.current?.querySelectorAll<HTMLElement>("[data-column]") ?? [];
    for (const el of els) {
      const r = el.getBoundingClientRect();
      if (clientX >= r.left && clientX < r.right) return el.dataset.column ?? null;
    }
    return null;
  };

  const begin = (e: PointerEvent, a: AppointmentView, mode: Drag["mode"]) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const editable = a.status === "booked" || a.status === "confirmed" || a.status === "arrived";
    // Completed, cancelled and no-show blocks stay put: a press only opens them.
    const d: Drag = { id: a.id, mode: editable ? mode : "move", x0: e.clientX, y0: e.clientY, moved: false, startMin: a.startMin, endMin: a.endMin, staffId: a.staffId };
    dragRef.current = d;
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    const original = { ...d };
    const onMove = (ev: PointerEvent) => {
      const cur = dragRef.current;
      if (!cur || !editable) return;
      const dy = ev.clientY - original.y0;
      const dx = ev.clientX - original.x0;
      if (!cur.moved && Math.abs(dy) < 6 && Math.abs(dx) < 6) return;
      const delta = snap((dy / PX_PER_SLOT) * SLOT_MIN);
      let next: Drag;
      if (cur.mode === "resize") {
        const endMin = Math.max(original.startMin + SLOT_MIN, Math.min(span.endMin, original.endMin + delta));
        next = { ...cur, moved: true, endMin };
      } else {
        const len = original.endMin - original.startMin;
        const startMin = Math.max(span.startMin, Math.min(span.endMin - len, original.startMin + delta));
        next = { ...cur, moved: true, startMin, endMin: startMin + len, staffId: columnAt(ev.clientX) ?? cur.staffId };
      }
      dragRef.current = next;
      setDrag(next);
    };
    const onUp = () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      const cur = dragRef.current;
      dragRef.current = null;
      setDrag(null);
      if (!cur) return;
      if (!cur.moved) {
        props.onSelect(a.id);
        props.onOpen(a.id);
      } else if (cur.mode === "resize" && cur.endMin !== a.endMin) {
        props.onResize(a, cur.endMin);
      } else if (cur.mode === "move" && (cur.startMin !== a.startMin || cur.staffId !== a.staffId)) {
        props.onMove(a, cur.startMin, cur.staffId);
      }
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
  };

  const dragged = drag ? day.columns.flatMap((c) => c.appointments).find((a) => a.id === drag.id) ?? null : null;

  const column = (c: StaffColumnView) => {
    const shown = c.appointments.filter((a) => a.id !== drag?.id)
      .concat(dragged && drag && drag.staffId === c.staffId ? [{ ...dragged, startMin: drag.startMin, endMin: drag.endMin }] : []);
    // Cancelled and no-show blocks sit in the lanes too, but faded, so the slot still reads free.
    const laid = lanes(shown);
    const name = c.staffName;
    return (
      <div class={`day-col ${c.dayOff ? "day-col-off" : ""}`} data-column={c.staffId} data-testid="day-column"
        data-staff-id={c.staffId} style={{ height: `${height}px` }}>
        <SlotLayer staffId={c.staffId} name={name} hours={c.hours} dayOff={c.dayOff} span={span} locale={locale} t={t}
          onSlot={props.onSlot} />
        {c.dayOff ? <div class="day-off-label">{t("appt.dayOff")}</div> : null}
        {laid.map(({ block: a, lane, of }) => {
          const top = minToPx(a.startMin, span, PX_PER_SLOT);
          const h = Math.max(PX_PER_SLOT, minToPx(a.endMin, span, PX_PER_SLOT) - top);
          const short = a.endMin - a.startMin <= 30;
          const dragging = drag?.id === a.id;
          return (
            <div key={a.id} class={`appt-block status-${a.status} ${props.selectedId === a.id ? "selected" : ""} ${dragging ? "dragging" : ""} ${short ? "short" : ""}`}
              data-testid="appt-block" data-id={a.id} data-status={a.status} tabIndex={0} role="button"
              aria-label={`${a.clientName} ${a.serviceName} ${hhmm(a.startMin)}–${hhmm(a.endMin)} ${t(`appt.status.${a.status}`)}`}
              style={{ top: `${top}px`, height: `${h - 2}px`, left: `calc(${(lane / of) * 100}% + 2px)`, width: `calc(${100 / of}% - 4px)` }}
              onPointerDown={(e) => begin(e, a, "move")}
              onFocus={() => props.onSelect(a.id)}
              onKeyDown={(e) => props.onKey(e, a)}>
              <div class="appt-block-top">
                <span class="appt-client truncate">{a.clientName}{a.walkIn ? <span class="appt-walkin"> · {t("appt.walkIn")}</span> : null}</span>
                <span class="appt-time mono">{hhmm(a.startMin)}–{hhmm(a.endMin)}</span>
              </div>
              {short ? null : <div class="appt-service truncate">{a.serviceName}{a.roomName ? ` · ${a.roomName}` : ""}</div>}
              {short ? null : <div class="appt-status-text">{t(`appt.status.${a.status}`)}</div>}
              <div class="appt-resize" data-testid="appt-resize" onPointerDown={(e) => begin(e, a, "resize")} />
            </div>
          );
        })}
      </div>
    );
  };

  return (
    <div class="day-grid" data-testid="day-grid" data-date={day.date} style={{ "--cols": String(day.columns.length) }}>
      <div class="day-head">
        <div class="day-corner" />
        {day.columns.map((c) => (
          <div key={c.staffId} class="day-head-cell" data-testid="day-column-head" data-staff-id={c.staffId}
            data-color={c.color ?? undefined}
            style={staffColor(c.color) ? { boxShadow: `inset 0 -3px 0 ${staffColor(c.color)}` } : undefined}>
            <span class="avatar avatar-small" aria-hidden="true"
              style={staffColor(c.color) ? { background: staffColor(c.color) ?? undefined, color: "#fff" } : undefined}>
              {[...c.staffName][0]}
            </span>
            <span class="day-head-text">
              <span class="day-head-name truncate">{c.staffName}</span>
              <span class={`day-head-hours ${c.dayOff || !c.hours ? "off" : ""}`}>
                {c.dayOff ? t("appt.dayOff") : c.hours ? t("appt.hours", { from: hhmm(c.hours.startMin), to: hhmm(c.hours.endMin) }) : t("appt.notWorking")}
              </span>
            </span>
            {(() => {
              const n = c.appointments.filter((a) => a.status !== "cancelled" && a.status !== "no_show").length;
              return n > 0 ? <span class="day-head-count" title={t("appt.count", { n })} aria-label={t("appt.count", { n })}>{n}</span> : null;
            })()}
          </div>
        ))}
      </div>
      <div class="day-body">
        <div class="day-times" style={{ height: `${height}px` }}>
          {hours.map((m) => (
            <div key={m} class="day-time mono" style={{ top: `${minToPx(m, span, PX_PER_SLOT)}px` }}>{hhmm(m)}</div>
          ))}
        </div>
        <div class="day-cols" ref={cols}>{day.columns.map(column)}</div>
      </div>
    </div>
  );
}

type SlotLayerProps = {
  staffId: string; name: string; hours: Span | null; dayOff: boolean; span: Span; locale: string; t: I18n["t"];
  onSlot: (staffId: string, min: number) => void;
};

const sameSpan = (a: Span | null, b: Span | null) => a === b || (a !== null && b !== null && a.startMin === b.startMin && a.endMin === b.endMin);

/**
 * A column's free slots (a few dozen clickable quarter hours). Drawn again only when her hours,
 * the grid's span or the language change: on the next day, or after a move, the same slots stay
 * as they are and only the appointments are redrawn (issue 16: day switch and booking moves).
 */
class SlotLayer extends Component<SlotLayerProps> {
  override shouldComponentUpdate(next: SlotLayerProps) {
    const p = this.props;
    return p.staffId !== next.staffId || p.name !== next.name || p.dayOff !== next.dayOff || p.locale !== next.locale
      || !sameSpan(p.hours, next.hours) || !sameSpan(p.span, next.span);
  }

  override render() {
    const { staffId, name, hours, dayOff, span, t } = this.props;
    return (
      <>
        {slots(span).map((m) => {
          const out = outsideHours(m, hours, dayOff);
          return (
            <div key={m} class={`slot ${out ? "slot-out" : ""} ${m % 60 === 0 ? "slot-hour" : ""}`} data-testid="slot"
              data-staff-id={staffId} data-time={hhmm(m)} data-outside={out ? "true" : undefined}
              title={t("appt.slot", { name, time: hhmm(m) })} style={{ top: `${minToPx(m, span, PX_PER_SLOT)}px`, height: `${PX_PER_SLOT}px` }}
              // The latest handler (props are kept up to date even when the slots are not redrawn).
              onClick={() => this.props.onSlot(staffId, m)} />
          );
        })}
      </>
    );
  }
}
