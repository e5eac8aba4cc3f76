// Importing from the store's old system (back office → Import): one function per Tauri command
// of src-tauri/src/commands/import.rs. The browser mock does not implement them (a rejected call,
// shown as an error banner): check this screen in the app.
import type {
  ExportView, ImportField, ImportKind, ImportPreviewView, ImportProgress, ImportReportView, StagedFileView,
} from "./bindings";
import { call, subscribe } from "./commands";

/** The largest file the backend takes (it refuses more with a `validation` error on `file`). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Sends the chosen file's bytes to be staged (read once; the steps below work on it). */
export async function stageImportFile(file: File): Promise<StagedFileView> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Header values must be ASCII: the name is for the screen only.
  return call<StagedFileView>("import_stage", bytes, { headers: { "x-file-name": encodeURIComponent(file.name) } });
}

export const importPreview = (kind: ImportKind) => call<ImportPreviewView>("import_preview", { kind });
export const importDryRun = (kind: ImportKind, mapping: (ImportField | null)[]) =>
  call<ImportReportView>("import_dry_run", { kind, mapping });

/** Imports the staged file; `onProgress` receives the `import-progress` events while it runs. */
export async function importRun(
  kind: ImportKind, mapping: (ImportField | null)[], onProgress: (p: ImportProgress) => void,
): Promise<ImportReportView> {
  const unlisten = await subscribe<ImportProgress>("import-progress", onProgress);
  try {
    return await call<ImportReportView>("import_run", { kind, mapping });
  } finally {
    unlisten();
  }
}

/** Writes the last dry run's refused rows as CSV into the data folder's exports/; returns its path. */
export const importRefusalsFile = (lang: string) => call<ExportView>("import_refusals_file", { lang });
