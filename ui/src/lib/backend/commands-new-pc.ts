// Restore on a new PC (the first-run screen): one function per Tauri command of
// src-tauri/src/commands/new_pc.rs. The browser mock does not implement them (a rejected call,
// shown as an error banner): check this screen in the app.
import type { BackupPreviewView, RestoreDoneView, RestoreProgressView } from "./bindings";
import { call, subscribe } from "./commands";

/** What the backup at `file` holds, opened with its key file (found beside it) and `passphrase`. */
export const newPcRestorePreview = (file: string, passphrase: string) =>
  call<BackupPreviewView>("new_pc_restore_preview", { file, passphrase });

/** Replaces this fresh install's database with the backup; `onStep` gets the `restore-progress` steps. */
export async function newPcRestore(file: string, passphrase: string, onStep: (p: RestoreProgressView) => void): Promise<RestoreDoneView> {
  const unlisten = await subscribe<RestoreProgressView>("restore-progress", onStep);
  try {
    return await call<RestoreDoneView>("new_pc_restore", { file, passphrase });
  } finally {
    unlisten();
  }
}
