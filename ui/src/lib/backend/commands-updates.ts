// Updates from the chain's own server (src-tauri/src/commands/updates.rs, README "Updates"): the
// status, installing the version the cashier agreed to, and the checkout telling the core what
// its cart holds (the core decides whether a sale is open). Not in the browser mock: a rejected
// call there, shown as an error banner (or ignored, for the cart report).
import type { UpdateStatusView } from "./bindings";
import { call, subscribe } from "./commands";

export const updateStatus = () => call<UpdateStatusView>("update_status");
/** The checkout's cart now has `lines` lines (0: emptied or paid). */
export const saleCartChanged = (lines: number) => call<null>("sale_cart_changed", { lines });
/** Runs the downloaded installer (Windows: the app then closes); `sale_open` while a sale is open. */
export const installUpdate = () => call<null>("install_update");
export const onUpdateStatus = (handler: (s: UpdateStatusView) => void) =>
  subscribe<UpdateStatusView>("update-status", handler);
