// Backups and restore (back office → Backups, the Settings line): one function per Tauri command
// of src-tauri/src/commands/backups.rs. The browser mock does not implement them (a rejected
// call, shown as an error banner): check these screens in the app.
import type {
  BackupFileView, BackupPreviewView, BackupProgressView, BackupSettingsView, BackupStatusView, RestoreDoneView,
  RestoreProgressView,
} from "./bindings";
import { call, subscribe } from "./commands";

export const backupStatus = () => call<BackupStatusView>("backup_status");
/** Saves the folder (the backend checks it takes a file) and the schedule. */
export const saveBackupSettings = (settings: BackupSettingsView) =>
  call<BackupStatusView>("save_backup_settings", { settings });
export const listBackups = () => call<BackupFileView[]>("list_backups");
export const restorePreview = (file: string) => call<BackupPreviewView>("restore_preview", { file });

/** Backs up now; `onProgress` receives the `backup-progress` events (pages copied) meanwhile. */
export async function backUpNow(onProgress: (p: BackupProgressView) => void): Promise<BackupFileView> {
  const unlisten = await subscribe<BackupProgressView>("backup-progress", onProgress);
  try {
    return await call<BackupFileView>("back_up_now");
  } finally {
    unlisten();
  }
}

/** Replaces the database with `file` (owner); everyone is logged out after. */
export async function restoreBackup(file: string, onStep: (p: RestoreProgressView) => void): Promise<RestoreDoneView> {
  const unlisten = await subscribe<RestoreProgressView>("restore-progress", onStep);
  try {
    return await call<RestoreDoneView>("restore_backup", { file });
  } finally {
    unlisten();
  }
}
