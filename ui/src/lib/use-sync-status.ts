// The sync status shared by every screen: read once, then kept current by the shell's
// `sync-status` events (and by whatever a command answers: sync now, enrolment). A ticking
// clock keeps "2 minutes ago" true without asking the backend.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, SyncStatusView } from "./backend/bindings";
import { onSyncStatus, syncNow, syncStatus } from "./backend/commands";
import { toApiError } from "./backend/errors";

let current: SyncStatusView | null = null;
const subscribers = new Set<(s: SyncStatusView | null) => void>();
let listening = false;

export function setSyncStatus(s: SyncStatusView): void {
  current = s;
  subscribers.forEach((h) => h(s));
}

export function getSyncStatus(): SyncStatusView | null {
  return current;
}

/** Asks the backend again (after login, enrolment, resolving a conflict). */
export async function refreshSyncStatus(): Promise<SyncStatusView | null> {
  try {
    setSyncStatus(await syncStatus());
  } catch {
    // Not logged in or no store: the indicator keeps what it had.
  }
  return current;
}

/** Syncs now; the answer becomes everyone's status. Resolves to what went wrong, if anything. */
export async function runSyncNow(): Promise<ApiError | null> {
  try {
    setSyncStatus(await syncNow());
    return null;
  } catch (reason) {
    return toApiError(reason);
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  void onSyncStatus(setSyncStatus);
}

export function useSyncStatus(): SyncStatusView | null {
  const [status, setStatus] = useState(current);
  useEffect(() => {
    subscribers.add(setStatus);
    listen();
    void refreshSyncStatus();
    return () => void subscribers.delete(setStatus);
  }, []);
  return status;
}

/** Now, re-rendered every `everyMs` so relative times move on. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
