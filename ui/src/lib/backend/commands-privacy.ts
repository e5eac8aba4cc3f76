// Members' data requests (PIPL): her consent history and consent set on her profile, her data
// exported as a file, and erasing her — one function per Tauri command of
// src-tauri/src/commands/privacy.rs. The browser mock does not implement them (a rejected call,
// shown as an error banner): check these screens in the app.
import type { ConsentInput, ConsentRecordView, ExportView } from "./bindings";
import { call } from "./commands";

export const consentHistory = (id: string) => call<ConsentRecordView[]>("consent_history", { id });
/** Sets her marketing consent, saying how; returns her history as it now is. */
export const setMarketingConsent = (id: string, input: ConsentInput) =>
  call<ConsentRecordView[]>("set_marketing_consent", { id, input });
/** Writes everything held about her into the data folder's exports/ and returns the file's path. */
export const exportMemberData = (id: string) => call<ExportView>("export_member_data", { id });
/** `confirm`: her name or her phone's last four digits, as typed. */
export const eraseMember = (id: string, confirm: string) => call<null>("erase_member", { id, confirm });
