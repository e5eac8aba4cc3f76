// The back office's staff section and the first-run store setup: one Tauri command each.
// Not in the browser mock: there a call is rejected, and the screens show it as an error.
import type { SetupProgressView, StaffInput, StaffRecordView, TimeZoneView } from "./bindings";
import { call } from "./commands";

/** Everyone, active or not (owner and managers). */
export const staffAdminList = () => call<StaffRecordView[]>("staff_admin_list");
export const addStaffMember = (input: StaffInput, pin: string) =>
  call<StaffRecordView>("add_staff_member", { input, pin });
export const editStaff = (id: string, input: StaffInput) => call<StaffRecordView>("edit_staff", { id, input });
/** Deactivates (`active` false) or reactivates. */
export const setStaffActive = (id: string, active: boolean) =>
  call<StaffRecordView>("set_staff_active", { id, active });
/** Answers the one-time temporary PIN: show it once, keep it nowhere. */
export const resetStaffPin = (id: string) => call<string>("reset_staff_pin", { id });
export const setupProgress = () => call<SetupProgressView>("setup_progress");
export const timeZones = () => call<TimeZoneView[]>("time_zones");
