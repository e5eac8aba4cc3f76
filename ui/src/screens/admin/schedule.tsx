// Back office: hours and rooms (排班与房间). Each beautician's weekly hours and days off, the
// rooms and beds with their kind and capacity, and which kind of room each service needs.
import { useState } from "preact/hooks";
import type { AdminProps } from "./props";
import { useI18n } from "../../lib/i18n";
import { ScheduleHours } from "../../components/schedule-hours";
import { ScheduleRooms } from "../../components/schedule-rooms";
import { ScheduleServices } from "../../components/schedule-services";

type Tab = "hours" | "rooms" | "services";
const TABS: Tab[] = ["hours", "rooms", "services"];

export function ScheduleAdmin(props: AdminProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("hours");
  return (
    <section class="card schedule-admin" data-testid="schedule-admin">
      <div class="admin-toolbar">
        <h2 class="section-title">{t("admin.section.schedule")}</h2>
        <div class="segmented" role="tablist">
          {TABS.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} class={`segment ${tab === k ? "active" : ""}`}
              data-testid={`schedule-tab-${k}`} onClick={() => setTab(k)}>
              {t(`schedule.tab.${k}`)}
            </button>
          ))}
        </div>
      </div>
      {tab === "hours" ? <ScheduleHours notify={props.notify} /> : null}
      {tab === "rooms" ? <ScheduleRooms notify={props.notify} /> : null}
      {tab === "services" ? <ScheduleServices notify={props.notify} /> : null}
    </section>
  );
}
