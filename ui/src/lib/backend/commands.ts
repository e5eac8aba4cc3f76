// The only module that talks to the desktop shell. Each function is one Tauri command of
// docs/ui-contract.md; every rejection is normalised into an `ApiError` (see errors.ts).
// In a plain browser (`npm run dev`, screenshots) there is no Tauri runtime, so calls go to
// the in-memory mock in mock.ts, loaded lazily so the desktop app never runs it.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  ApiError, AppInfo, MemberHit, MemberInput, MemberView, OwnerInput, SeedProgress, Session, StaffBrief,
} from "./bindings";
import { toApiError } from "./errors";

type Args = Record<string, unknown>;
type Unlisten = () => void;

export function hasTauriRuntime(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

let mockModule: Promise<typeof import("./mock")> | null = null;
function mock() {
  mockModule ??= import("./mock");
  return mockModule;
}

const sessionLostHandlers = new Set<() => void>();

/** Called whenever any command answers `not_logged_in` (e.g. the session ended elsewhere). */
export function onSessionLost(handler: () => void): Unlisten {
  sessionLostHandlers.add(handler);
  return () => sessionLostHandlers.delete(handler);
}

async function call<T>(command: string, args?: Args): Promise<T> {
  try {
    if (hasTauriRuntime()) return await invoke<T>(command, args);
    return (await (await mock()).mockInvoke(command, args ?? {})) as T;
  } catch (reason) {
    const error: ApiError = toApiError(reason);
    if (error.code === "not_logged_in") sessionLostHandlers.forEach((h) => h());
    throw error;
  }
}

async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  if (hasTauriRuntime()) return listen<T>(event, (e) => handler(e.payload));
  return (await mock()).mockListen(event, (payload) => handler(payload as T));
}

export const appInfo = () => call<AppInfo>("app_info");
// docs/ui-contract.md gives `{ name, pin }`; the shell's command takes `input: OwnerInput`.
// Tauri ignores arguments a command does not declare, so both shapes are sent until they agree.
export const createOwner = (name: string, pin: string) => {
  const input: OwnerInput = { name, pin };
  return call<Session>("create_owner", { input });
};
export const loginStaffList = () => call<StaffBrief[]>("login_staff_list");
export const login = (staffId: string, pin: string) => call<Session>("login", { staffId, pin });
export const logout = () => call<null>("logout");
export const currentSession = () => call<Session | null>("current_session");

export const searchMembers = (query: string, limit: number) =>
  call<MemberHit[]>("search_members", { query, limit });
export const memberByCard = (memberNo: string) => call<MemberHit | null>("member_by_card", { memberNo });
export const getMember = (id: string) => call<MemberView>("get_member", { id });
export const registerMember = (input: MemberInput) => call<MemberView>("register_member", { input });
export const updateMember = (id: string, input: MemberInput) =>
  call<MemberView>("update_member", { id, input });
export const archiveMember = (id: string) => call<null>("archive_member", { id });
export const mergeMembers = (survivorId: string, mergedId: string) =>
  call<MemberView>("merge_members", { survivorId, mergedId });
export const listStaff = () => call<StaffBrief[]>("list_staff");

/** Seeds demo members; `onProgress` receives the `seed-progress` events while it runs. */
export async function seedDemo(members: number, onProgress: (p: SeedProgress) => void): Promise<void> {
  const unlisten = await subscribe<SeedProgress>("seed-progress", onProgress);
  try {
    await call<null>("seed_demo", { members });
  } finally {
    unlisten();
  }
}
