// Export data (back office → Export data): the Tauri command of src-tauri/src/commands/exports.rs.
// The browser mock does not implement it (a rejected call, shown as an error banner): check the
// screen in the app.
import { listen } from "@tauri-apps/api/event";
import type { ExportInput, ExportProgress, ExportResultView } from "./bindings";
import { call, hasTauriRuntime } from "./commands";

/**
 * Writes one export into the data folder's exports/; `onProgress` receives the
 * `export-progress` events while it runs. Returns where it went, how many rows, masked or not.
 */
export async function exportData(input: ExportInput, onProgress: (p: ExportProgress) => void): Promise<ExportResultView> {
  const unlisten = hasTauriRuntime()
    ? await listen<ExportProgress>("export-progress", (e) => onProgress(e.payload))
    : () => undefined;
  try {
    return await call<ExportResultView>("export_data", { input });
  } finally {
    unlisten();
  }
}
