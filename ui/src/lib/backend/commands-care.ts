// Care tasks (回访/关怀) at the desk and the care settings in the back office — one function per
// Tauri command of src-tauri/src/commands/care.rs. The browser mock does not implement them (a
// rejected call, shown as an error banner): check these screens in the app.
import type {
  CareCursor, CareFilterView, CareList, CareOutcome, CareSettingsView, MessageLang,
} from "./bindings";
import { call } from "./commands";

/** Today's list (overdue included), or only hers (`mine`), a page at a time. */
export const careList = (filter: CareFilterView, after: CareCursor | null, limit = 100) =>
  call<CareList>("care_list", { filter, after, limit });
/** How many tasks are open on today's list (the top bar's badge). */
export const careOpenCount = (mine: boolean) => call<number>("care_open_count", { mine });
/** Done with what came of it; a booking may link the appointment made. */
export const completeCareTask = (id: string, outcome: CareOutcome, note: string, appointmentId: string | null) =>
  call<null>("care_complete", { id, outcome, note, appointmentId });
/** Off the list until `until` (YYYY-MM-DD, after today). */
export const snoozeCareTask = (id: string, until: string) => call<null>("care_snooze", { id, until });
/** To a staff member, or back to the store's list (`null`). Needs manage_care. */
export const reassignCareTask = (id: string, staffId: string | null) =>
  call<null>("care_reassign", { id, staffId });
/** Her message into the outbox (the reminders' sender sends it, or the desk by hand). */
export const sendCareMessage = (id: string, lang: MessageLang) => call<string>("care_send_message", { id, lang });
export const careSettings = () => call<CareSettingsView>("care_settings");
export const saveCareSettings = (settings: CareSettingsView) => call<null>("save_care_settings", { settings });
/** Generates the days not yet done on this device; returns how many tasks were added. */
export const runCareDaily = () => call<number>("care_run_daily");
