// The chain owner's console (issue 18): one function per Tauri command of
// src-tauri/src/commands/chain.rs. The browser mock does not implement them (a rejected call,
// shown as an error banner): check this screen in the app.
import type { ChainCodeView, ChainConsoleView, ChainStoreView, ChainTillView } from "./bindings";
import { call } from "./commands";

/** Whether the console runs here (`blocked`: `not_enrolled`, `not_head_office`) and where its key is. */
export const chainConsole = () => call<ChainConsoleView>("chain_console", {});

/** Checks the owner key with the server and keeps it (`chain_refused` on `ownerKey`: `key_refused`, `other_chain`). */
export const chainConnect = (ownerKey: string) => call<ChainConsoleView>("chain_connect", { ownerKey });

export const chainForgetKey = () => call<ChainConsoleView>("chain_forget_key", {});

export const chainStores = () => call<ChainStoreView[]>("chain_stores", {});

/** Adds a store (`validation` on `name`/`code`; `chain_refused` `store_code_taken` on `code`). */
export const chainAddStore = (name: string, code: string) =>
  call<ChainStoreView[]>("chain_add_store", { name, code });

/** A one-time code for a new till of the store, as text and a QR code (SVG drawn by the core). */
export const chainEnrolmentCode = (storeId: string, headOffice: boolean) =>
  call<ChainCodeView>("chain_enrolment_code", { storeId, headOffice });

export const chainTills = () => call<ChainTillView[]>("chain_tills", {});

/** Revokes a lost till (`chain_refused` `own_till` for this one), then lists the tills. */
export const chainRevokeTill = (deviceId: string) => call<ChainTillView[]>("chain_revoke_till", { deviceId });
