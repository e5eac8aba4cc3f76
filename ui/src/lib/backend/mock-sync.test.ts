import { describe, expect, it } from "vitest";
import type { ApiError, ConflictView, Role, Session, SyncStatusView } from "./bindings";
import { checkServerUrl, syncHandlers, type SyncMockCtx } from "./mock-sync";

function setup(role: Role, scenario: string | null) {
  let pending = 4;
  const events: SyncStatusView[] = [];
  const session: Session = {
    staff: { id: "x", name: "陈静", role }, canSeeFullPhone: role === "owner" || role === "manager",
    canManage: role === "owner" || role === "manager", permissions: [],
  };
  const ctx: SyncMockCtx = {
    requireSession: (...roles) => {
      if (roles.length > 0 && !roles.includes(role)) {
        const e: ApiError = { code: "forbidden", message: "no", field: null, memberId: null };
        throw e;
      }
      return session;
    },
    emit: (_event, payload) => events.push(payload as SyncStatusView),
    pendingOps: () => pending,
    clearPending: () => { pending = 0; },
    someMembers: () => [{ id: "m1", name: "林雅琪", memberNo: "880001", phone: "13800138000" }],
    staff: () => [{ id: "b1", name: "王芳", role: "beautician" }],
    shownPhone: (p) => (session.canSeeFullPhone ? p : `${p.slice(0, 3)}****${p.slice(-4)}`),
  };
  return { h: syncHandlers(ctx, scenario), events, pending: () => pending };
}

const error = (f: () => unknown): ApiError | null => {
  try { f(); return null; } catch (e) { return e as ApiError; }
};

describe("mock sync", () => {
  it("checks the server address as the shell does", () => {
    expect(checkServerUrl(" https://sync.example.com/ ")).toBe("https://sync.example.com");
    expect(checkServerUrl("http://192.168.1.20:8080")).toBe("http://192.168.1.20:8080");
    for (const bad of ["", "sync.example.com", "http://sync.example.com", "ftp://x.cn", "https://u:p@x.cn", "https://x.cn/?a=1"]) {
      const e = error(() => checkServerUrl(bad));
      expect(e?.code, bad).toBe("validation");
      expect(e?.field, bad).toBe("serverUrl");
    }
  });

  it("lets only a manager or owner enrol, refuses a bad code at its field, then reports enrolled and syncing", () => {
    expect(error(() => setup("cashier", null).h.enrol_device!({ serverUrl: "https://s.cn", code: "ABCD-1234", deviceName: "" }))?.code)
      .toBe("forbidden");
    const { h, events } = setup("manager", null);
    expect((h.sync_status!({}) as SyncStatusView).enrolment).toBeNull();
    const refused = error(() => h.enrol_device!({ serverUrl: "https://s.cn", code: "nope", deviceName: "前台" }));
    expect([refused?.code, refused?.field]).toEqual(["enrolment_refused", "code"]);
    const down = error(() => h.enrol_device!({ serverUrl: "https://offline.example.cn", code: "ABCD-1234", deviceName: "前台" }));
    expect([down?.code, down?.field]).toEqual(["sync_unreachable", "serverUrl"]);
    const s = h.enrol_device!({ serverUrl: "https://sync.example.com/", code: "ABCD-1234", deviceName: "前台" }) as SyncStatusView;
    expect(s.enrolment?.serverUrl).toBe("https://sync.example.com");
    expect(s.initialSync).not.toBeNull();
    expect(events.at(-1)?.enrolment).not.toBeNull();
  });

  it("keeps operations waiting while offline and sends them once online", () => {
    const offline = setup("cashier", "offline");
    const s = offline.h.sync_now!({}) as SyncStatusView;
    expect(s.lastError?.problem).toBe("offline");
    expect(s.pendingOps).toBe(16);
    const online = setup("cashier", "enrolled");
    expect((online.h.sync_now!({}) as SyncStatusView).pendingOps).toBe(0);
    expect(online.pending()).toBe(0);
  });

  it("shows conflicts to managers only, phones masked for roles that may not see them, and resolves with a note", () => {
    expect(error(() => setup("cashier", "enrolled").h.sync_conflicts!({ openOnly: true }))?.code).toBe("forbidden");
    const { h } = setup("manager", "enrolled");
    const open = h.sync_conflicts!({ openOnly: true }) as ConflictView[];
    expect(open.map((c) => c.kind).sort()).toEqual(["double_booking", "duplicate_phone", "overdraft"]);
    expect(open.find((c) => c.kind === "overdraft")?.members[0]?.phone).toBe("13800138000");
    expect(error(() => h.resolve_conflict!({ id: "c-overdraft", resolution: "  " }))?.field).toBe("resolution");
    h.resolve_conflict!({ id: "c-overdraft", resolution: "会员已补充值" });
    expect((h.sync_conflicts!({ openOnly: true }) as ConflictView[]).map((c) => c.id)).not.toContain("c-overdraft");
    const done = (h.sync_conflicts!({ openOnly: false }) as ConflictView[]).find((c) => c.id === "c-overdraft");
    expect([done?.resolvedBy, done?.resolution]).toEqual(["陈静", "会员已补充值"]);
    expect((h.sync_status!({}) as SyncStatusView).conflictsOpen).toBe(2);
  });
});
