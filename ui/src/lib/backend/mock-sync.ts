// The in-browser mock of sync with the chain's server, following the shell (commands/sync.rs,
// sync_task.rs): the status and its `sync-status` events, enrolment (address checks as the
// Rust side makes them, refused codes, unreachable servers), sync now, refused operations and
// the managers' conflicts inbox. A simulated engine "pushes" what the desk writes about a
// second later while online and keeps it counted while offline.
// `?sync=enrolled|offline|initial|refused` starts enrolled in that state (default: not enrolled).
import type {
  ApiError, ConflictView, EnrolmentView, ErrorCode, RejectedOpView, Role, Session, StaffBrief, SyncProblem,
  SyncStatusView,
} from "./bindings";

type Args = Record<string, unknown>;
export type MockPerson = { id: string; name: string; memberNo: string; phone: string };

export type SyncMockCtx = {
  requireSession: (...roles: Role[]) => Session;
  emit: (event: string, payload: unknown) => void;
  /** Operations the rest of the mock has written and not yet "sent". */
  pendingOps: () => number;
  clearPending: () => void;
  someMembers: (n: number) => MockPerson[];
  staff: () => StaffBrief[];
  /** The phone as the logged-in role may see it. */
  shownPhone: (phone: string) => string;
};

type State = {
  enrolment: EnrolmentView | null;
  online: boolean;
  syncing: boolean;
  /** Operations the scenario starts with, on top of what the desk writes. */
  extraPending: number;
  lastSyncAt: string | null;
  problem: SyncProblem | null;
  refused: boolean;
  initial: { cursor: number; head: number } | null;
};

type StoredConflict = Omit<ConflictView, "members"> & { people: MockPerson[] };

const MANAGERS: Role[] = ["owner", "manager"];
const STORE_HERE = "0190f5a2-0000-7000-8000-000000000001";
const STORE_XUHUI = "0190f5a2-0000-7000-8000-000000000002";

function fail(code: ErrorCode, message: string, field: string | null = null): never {
  const error: ApiError = { code, message, field, memberId: null };
  throw error;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** As `salondesk_sync::normalize_server_url`: https, or http on this machine or the store's network. */
export function checkServerUrl(input: string): string {
  const text = input.trim();
  if (text === "") fail("validation", "enter the sync server's address", "serverUrl");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail("validation", "not a web address: it should look like https://sync.example.com", "serverUrl");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = host === "localhost" || host.endsWith(".local") || host === "::1"
    || /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(host);
  if (url.protocol === "http:" && !local) fail("validation", "use https:// for a server outside this store's network", "serverUrl");
  if (url.protocol !== "https:" && url.protocol !== "http:") fail("validation", "the address must start with https://", "serverUrl");
  if (!host) fail("validation", "the address has no server name", "serverUrl");
  if (url.username || url.password) fail("validation", "leave the user name and password out of the address", "serverUrl");
  if (url.search || url.hash) fail("validation", "the address cannot have ? or # parts", "serverUrl");
  return url.href.replace(/\/+$/, "");
}

/** `scenario` as `?sync=` gives it (tests pass it in); null: not enrolled. */
export function syncHandlers(ctx: SyncMockCtx, scenario = scenarioFromUrl()): Record<string, (a: Args) => unknown> {
  const now = Date.now();
  const state: State = {
    enrolment: null, online: false, syncing: false, extraPending: 0, lastSyncAt: null, problem: null, refused: false, initial: null,
  };
  if (scenario) {
    state.enrolment = {
      serverUrl: "https://sync.meiye-chain.cn", storeName: "静安店", storeCode: "S01", deviceCode: "001",
      enrolledAt: iso(now - 40 * 86_400_000),
    };
    state.online = scenario !== "offline" && scenario !== "refused";
    state.lastSyncAt = iso(now - (scenario === "offline" ? 47 : 2) * 60_000);
    if (scenario === "offline") {
      state.extraPending = 12;
      state.problem = "offline";
    }
    if (scenario === "refused") {
      state.refused = true;
      state.problem = "unauthorized";
      state.extraPending = 3;
    }
    if (scenario === "initial") state.initial = { cursor: 380_000, head: 1_200_000 };
  }

  const rejected: RejectedOpView[] = scenario
    ? [{
      opId: "0190f5a2-7c1e-7d4b-9a1e-3f2b6c8d9e77", entity: "member", code: "field_not_allowed",
      message: "member.storedValue cannot be written by a device", createdAt: iso(now - 3 * 86_400_000),
    }]
    : [];

  let conflicts: StoredConflict[] | null = null;
  const seedConflicts = (): StoredConflict[] => {
    if (conflicts) return conflicts;
    conflicts = [];
    if (!scenario) return conflicts;
    const people = ctx.someMembers(3);
    const lin = people[0] ?? { id: "m-lin", name: "林雅琪", memberNo: "880001", phone: "13800138000" };
    const twin: MockPerson = { id: "m-twin", name: "林雅琦", memberNo: "S02-100023", phone: lin.phone };
    const beautician = ctx.staff().find((s) => s.role === "beautician");
    const base = {
      entityIds: [], stores: [], ledger: null, belowZero: null, beautician: null, appointments: [], refund: null,
      resolvedAt: null, resolvedBy: null, resolution: null,
    };
    const bothStores = [
      { id: STORE_HERE, name: "静安店", thisStore: true },
      { id: STORE_XUHUI, name: "徐汇店", thisStore: false },
    ];
    const at = new Date(now);
    at.setHours(14, 0, 0, 0);
    conflicts.push(
      {
        ...base, id: "c-overdraft", kind: "overdraft", entity: "member", entityIds: [lin.id], people: [lin],
        stores: bothStores, ledger: "stored_value", belowZero: 8_600, detectedAt: iso(now - 25 * 60_000),
      },
      {
        ...base, id: "c-booking", kind: "double_booking", entity: "appointment", entityIds: ["a1", "a2"], people: [],
        stores: [bothStores[0]!], beautician: beautician?.name ?? "王芳", detectedAt: iso(now - 3 * 3600_000),
        appointments: [
          { id: "a1", clientName: people[1]?.name ?? "张三", serviceName: "深层清洁护理", start: iso(at.getTime()), end: iso(at.getTime() + 75 * 60_000) },
          { id: "a2", clientName: people[2]?.name ?? "李四", serviceName: "补水美白", start: iso(at.getTime() + 30 * 60_000), end: iso(at.getTime() + 90 * 60_000) },
        ],
      },
      {
        ...base, id: "c-phone", kind: "duplicate_phone", entity: "member", entityIds: [lin.id, twin.id], people: [lin, twin],
        stores: bothStores, detectedAt: iso(now - 26 * 3600_000),
      },
      {
        ...base, id: "c-points", kind: "overdraft", entity: "member", entityIds: [twin.id], people: [twin],
        stores: bothStores, ledger: "points", belowZero: 1_200, detectedAt: iso(now - 6 * 86_400_000),
        resolvedAt: iso(now - 5 * 86_400_000), resolvedBy: "陈静", resolution: "已与会员沟通，扣减下次消费积分",
      },
    );
    return conflicts;
  };

  const openConflicts = () => (state.enrolment ? seedConflicts().filter((c) => c.resolvedAt === null).length : 0);
  const pending = () => ctx.pendingOps() + state.extraPending;

  const status = (): SyncStatusView => ({
    enrolment: state.enrolment,
    online: state.enrolment !== null && state.online,
    syncing: state.enrolment !== null && state.syncing,
    pendingOps: pending(),
    lastSyncAt: state.lastSyncAt,
    lastError: state.enrolment && state.problem ? { problem: state.problem, message: problemDetail(state.problem) } : null,
    credentialRefused: state.enrolment !== null && state.refused,
    conflictsOpen: openConflicts(),
    rejectedOps: state.enrolment ? rejected.length : 0,
    initialSync: state.enrolment ? state.initial : null,
    nextRetryAt: state.enrolment && state.problem === "offline" ? iso(Date.now() + 40_000) : null,
    clockSkewMinutes: null,
  });

  let lastSent = "";
  const emit = () => {
    const s = status();
    const key = JSON.stringify({ ...s, nextRetryAt: null });
    if (key === lastSent) return;
    lastSent = key;
    ctx.emit("sync-status", s);
  };

  /** One round of the simulated engine: send what waits, move the initial sync on. */
  const round = () => {
    if (!state.enrolment || state.refused || !state.online) return;
    state.problem = null;
    if (state.initial) {
      state.initial.cursor = Math.min(state.initial.head, state.initial.cursor + 20_000);
      if (state.initial.cursor >= state.initial.head) state.initial = null;
    }
    if (pending() > 0 && !state.syncing) {
      state.syncing = true;
      emit();
      setTimeout(() => {
        ctx.clearPending();
        state.extraPending = 0;
        state.syncing = false;
        state.lastSyncAt = iso(Date.now());
        emit();
      }, 700);
    }
    emit();
  };
  if (typeof window !== "undefined" && typeof setInterval === "function") setInterval(round, 1000);

  return {
    sync_status: () => {
      ctx.requireSession();
      return status();
    },
    enrol_device: (a) => {
      ctx.requireSession(...MANAGERS);
      const url = checkServerUrl(String(a.serverUrl ?? ""));
      const code = String(a.code ?? "").trim();
      if (code === "") fail("validation", "enter the enrolment code from the server", "code");
      if ([...String(a.deviceName ?? "").trim()].length > 40) fail("validation", "at most 40 characters", "deviceName");
      if (/offline|unreachable|\.invalid(:|\/|$)/.test(url)) {
        fail("sync_unreachable", "no SalonDesk sync server answered at this address", "serverUrl");
      }
      if (!/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/i.test(code) || /^expired/i.test(code)) {
        fail("enrolment_refused", "the server did not accept this code: it may be mistyped, used or expired", "code");
      }
      state.enrolment = {
        serverUrl: url, storeName: "静安店", storeCode: "S01", deviceCode: "002", enrolledAt: iso(Date.now()),
      };
      state.online = true;
      state.refused = false;
      state.problem = null;
      state.initial = { cursor: 0, head: 240_000 };
      emit();
      return status();
    },
    sync_now: () => {
      ctx.requireSession();
      if (state.enrolment && state.refused) state.problem = "unauthorized";
      else if (state.enrolment && !state.online) state.problem = "offline";
      else if (state.enrolment) {
        ctx.clearPending();
        state.extraPending = 0;
        state.problem = null;
        state.lastSyncAt = iso(Date.now());
      }
      emit();
      return status();
    },
    rejected_ops: () => {
      const me = ctx.requireSession();
      const manager = (MANAGERS as readonly string[]).includes(me.staff.role);
      return state.enrolment ? rejected.map((r) => ({ ...r, message: manager ? r.message : "" })) : [];
    },
    retry_set_aside: (a) => {
      ctx.requireSession(...MANAGERS);
      const i = rejected.findIndex((r) => r.opId === a.opId);
      if (i < 0) fail("not_found", "no such set-aside operation");
      rejected.splice(i, 1);
      emit();
      return status();
    },
    discard_set_aside: (a) => {
      ctx.requireSession(...MANAGERS);
      const i = rejected.findIndex((r) => r.opId === a.opId);
      if (i < 0) fail("not_found", "no such set-aside operation");
      rejected.splice(i, 1);
      emit();
      return status();
    },
    sync_conflicts: (a) => {
      ctx.requireSession(...MANAGERS);
      if (!state.enrolment) return [];
      return seedConflicts()
        .filter((c) => !a.openOnly || c.resolvedAt === null)
        .map(({ people, ...c }): ConflictView => ({
          ...c, members: people.map((p) => ({ id: p.id, name: p.name, memberNo: p.memberNo, phone: ctx.shownPhone(p.phone) })),
        }));
    },
    resolve_conflict: (a) => {
      const me = ctx.requireSession(...MANAGERS);
      const note = String(a.resolution ?? "").trim();
      if (note === "") fail("validation", "say how it was resolved", "resolution");
      const c = seedConflicts().find((x) => x.id === a.id);
      if (!c) fail("not_found", "conflict not found");
      if (c.resolvedAt === null) {
        c.resolvedAt = iso(Date.now());
        c.resolvedBy = me.staff.name;
        c.resolution = note;
      }
      emit();
      return null;
    },
  };
}

function scenarioFromUrl(): string | null {
  return typeof location === "undefined" ? null : new URLSearchParams(location.search).get("sync");
}

function problemDetail(p: SyncProblem): string {
  return p === "offline" ? "the sync server could not be reached (could not connect)"
    : p === "unauthorized" ? "the sync server refused this device's credential: enrol the device again"
      : "the sync server answered 503: restarting (internal)";
}
