// The store's time zone as a salon understands it: a place and its UTC offset, from the list
// the core offers (zones without daylight saving; China +08:00 first). A store saved before
// zones were offered (no zone) shows the first zone with its offset.
import { useEffect, useState } from "preact/hooks";
import type { TimeZoneView } from "../lib/backend/bindings";
import { timeZones } from "../lib/backend/commands-staff-admin";
import { useI18n, type MessageKey } from "../lib/i18n";

/** "UTC+08:00", "UTC+05:30". */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `UTC${sign}${hh}:${mm}`;
}

export function TimeZoneSelect(props: {
  /** The field's id (the control is `f-<id>`) and the control's test id. */
  id: string; testId: string; zone: string; offsetMinutes: number; disabled?: boolean;
  onChange: (zone: string, offsetMinutes: number) => void;
}) {
  const { t } = useI18n();
  const [zones, setZones] = useState<TimeZoneView[]>([]);
  useEffect(() => {
    timeZones().then(setZones, () => setZones([]));
  }, []);
  const current = props.zone || zones.find((z) => z.offsetMinutes === props.offsetMinutes)?.zone || "";
  const name = (zone: string) => t(`staffAdmin.zone.${zone}` as MessageKey) ?? zone;
  return (
    <select id={`f-${props.id}`} class="input" data-testid={props.testId} value={current} disabled={props.disabled}
      onChange={(e) => {
        const z = zones.find((x) => x.zone === e.currentTarget.value);
        if (z) props.onChange(z.zone, z.offsetMinutes);
      }}>
      {current === "" ? <option value="">{offsetLabel(props.offsetMinutes)}</option> : null}
      {zones.map((z) => (
        <option key={z.zone} value={z.zone}>{`${name(z.zone)} (${offsetLabel(z.offsetMinutes)})`}</option>
      ))}
    </select>
  );
}
