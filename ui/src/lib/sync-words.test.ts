import { describe, expect, it } from "vitest";
import type { ConflictView, SyncStatusView } from "./backend/bindings";
import { agoText, clockSkewText, conflictWords, entityName, initialPercent, lastSyncText, pendingText, relativeTime, setAsideReason, syncState } from "./sync-words";

const NOW = Date.parse("2026-11-24T06:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

function status(patch: Partial<SyncStatusView> = {}): SyncStatusView {
  return {
    enrolment: { serverUrl: "https://sync.example.com", storeName: "静安店", storeCode: "S01", deviceCode: "001", enrolledAt: ago(86_400) },
    online: true, syncing: false, pendingOps: 0, lastSyncAt: ago(30), lastError: null, credentialRefused: false,
    conflictsOpen: 0, rejectedOps: 0, initialSync: null, nextRetryAt: null, clockSkewMinutes: null, ...patch,
  };
}

function conflict(patch: Partial<ConflictView>): ConflictView {
  return {
    id: "c1", kind: "overdraft", entity: "member", entityIds: ["m1"], stores: [], members: [], ledger: null,
    belowZero: null, beautician: null, appointments: [], refund: null, detectedAt: ago(600), resolvedAt: null, resolvedBy: null,
    resolution: null, ...patch,
  };
}

describe("syncState", () => {
  it("is local for a device that is not enrolled, whatever else the status says", () => {
    expect(syncState(null)).toBe("local");
    expect(syncState(status({ enrolment: null, online: true }))).toBe("local");
  });

  it("puts a refused credential first, then offline, so a probe while offline does not flicker to syncing", () => {
    expect(syncState(status({ credentialRefused: true, lastError: { problem: "unauthorized", message: "" } }))).toBe("refused");
    expect(syncState(status({ online: false, syncing: true, lastError: { problem: "offline", message: "timed out" } }))).toBe("offline");
    expect(syncState(status({ syncing: true }))).toBe("syncing");
    expect(syncState(status({ lastError: { problem: "server", message: "500" } }))).toBe("error");
    expect(syncState(status())).toBe("online");
    expect(syncState(status({ online: false }))).toBe("offline");
  });
});

describe("relativeTime", () => {
  it("says just now for the last few seconds and counts minutes, hours and days in each language", () => {
    expect(relativeTime(ago(10), NOW, "en")).toBe("just now");
    expect(relativeTime(ago(10), NOW, "zh-CN")).toBe("刚刚");
    expect(relativeTime(ago(5 * 60), NOW, "en")).toBe("5 minutes ago");
    expect(relativeTime(ago(5 * 60), NOW, "zh-CN")).toBe("5分钟前");
    expect(relativeTime(ago(3 * 3600), NOW, "en")).toBe("3 hours ago");
    expect(relativeTime(ago(86_400), NOW, "en")).toBe("yesterday");
    expect(relativeTime(ago(86_400), NOW, "zh-CN")).toBe("昨天");
  });

  it("has a short form for the top bar", () => {
    expect(relativeTime(ago(5 * 60), NOW, "en", "short")).toBe("5 min. ago");
    expect(relativeTime(ago(5 * 60), NOW, "zh-CN", "short")).toBe("5分钟前");
  });

  it("words a retry that is still ahead as the future, not as just now", () => {
    expect(relativeTime(ago(-30), NOW, "en")).toBe("in 30 seconds");
    expect(relativeTime(ago(-30), NOW, "zh-CN")).toBe("30秒钟后");
  });

  it("says just now, not in the future, for an event a little after a clock read earlier", () => {
    expect(agoText(ago(-9), NOW, "en")).toBe("just now");
    expect(agoText(ago(-9), NOW, "zh-CN", "short")).toBe("刚刚");
    expect(agoText(ago(120), NOW, "en")).toBe("2 minutes ago");
  });

  it("falls back to the date and time after a week, and leaves a bad instant as it is", () => {
    expect(relativeTime(ago(30 * 86_400), NOW, "en")).toMatch(/Oct 25, 2026/);
    expect(relativeTime("not a date", NOW, "en")).toBe("not a date");
  });
});

describe("pending and last sync", () => {
  it("counts operations waiting with grouping and a singular", () => {
    expect(pendingText(0, "en")).toBe("Everything has been sent");
    expect(pendingText(1, "en")).toBe("1 operation waiting to be sent");
    expect(pendingText(12_345, "en")).toBe("12,345 operations waiting to be sent");
    expect(pendingText(12_345, "zh-CN")).toBe("12,345 条操作待同步");
  });

  it("says when the last sync was, or that there was none", () => {
    expect(lastSyncText(status({ lastSyncAt: ago(120) }), NOW, "en")).toBe("Last sync 2 minutes ago");
    expect(lastSyncText(status({ lastSyncAt: null }), NOW, "zh-CN")).toBe("尚未同步");
  });
});

describe("initialPercent", () => {
  it("reports whole percent and reaches 100 only when the cursor reaches the head", () => {
    expect(initialPercent({ cursor: 0, head: 0 })).toBe(0);
    expect(initialPercent({ cursor: 250_000, head: 1_000_000 })).toBe(25);
    expect(initialPercent({ cursor: 999_999, head: 1_000_000 })).toBe(99);
    expect(initialPercent({ cursor: 1_000_000, head: 1_000_000 })).toBe(100);
  });
});

describe("conflictWords", () => {
  const stores = [
    { id: "s1", name: "静安店", thisStore: true },
    { id: "s2", name: "徐汇店", thisStore: false },
  ];
  const lin = { id: "m1", name: "林雅琪", memberNo: "880001", phone: "138****8000" };

  it("words an overdraft with the member, which balance, how far below zero and which stores", () => {
    const c = conflict({ members: [lin], ledger: "stored_value", belowZero: 8_600, stores });
    expect(conflictWords(c, "en").body).toBe("林雅琪's stored value balance is ¥86.00 below zero after offline sales in 静安店 and 徐汇店.");
    expect(conflictWords(c, "zh-CN").body).toBe("林雅琪的储值余额在静安店和徐汇店离线消费后透支 ¥86.00。");
    expect(conflictWords(c, "en").lines).toEqual(["林雅琪 · 880001 · 138****8000"]);
  });

  it("counts points and package sessions in their own units, not money", () => {
    expect(conflictWords(conflict({ members: [lin], ledger: "points", belowZero: 1_200, stores }), "en").body)
      .toContain("points balance is 1,200 points below zero");
    expect(conflictWords(conflict({ members: [lin], ledger: "package", belowZero: 1, stores }), "zh-CN").body)
      .toContain("透支 1 次");
  });

  it("names a member or store not on this device in words, never by id", () => {
    const c = conflict({ ledger: "stored_value", belowZero: 100, stores: [{ id: "s9", name: null, thisStore: false }] });
    const body = conflictWords(c, "en").body;
    expect(body).toContain("a member not on this device yet");
    expect(body).toContain("another store");
    expect(body).not.toContain("s9");
  });

  it("words a double booking with the beautician and both appointments", () => {
    const c = conflict({
      kind: "double_booking", entity: "appointment", beautician: "王芳",
      appointments: [
        { id: "a1", clientName: "张三", serviceName: "深层清洁", start: "2026-11-24T02:00:00Z", end: "2026-11-24T03:15:00Z" },
        { id: "a2", clientName: "李四", serviceName: "补水护理", start: "2026-11-24T02:30:00Z", end: "2026-11-24T03:30:00Z" },
      ],
    });
    const w = conflictWords(c, "zh-CN");
    expect(w.title).toBe("美容师重复预约");
    expect(w.body).toBe("王芳在同一时间有两个预约（来自两台设备）：");
    expect(w.lines).toHaveLength(2);
    expect(w.lines[0]).toContain("张三 · 深层清洁");
  });

  it("words a duplicate phone with the two members and the phones as the role may see them", () => {
    const other = { id: "m2", name: "林雅琦", memberNo: "S02-0001", phone: "138****8000" };
    const w = conflictWords(conflict({ kind: "duplicate_phone", members: [lin, other] }), "en");
    expect(w.body).toBe("Two members were registered with the same phone: 林雅琪 and 林雅琦.");
    expect(w.lines[1]).toBe("林雅琦 · S02-0001 · 138****8000");
  });

  it("words a double refund with the receipts, the money paid back twice and what to do", () => {
    const c = conflict({
      kind: "double_refund", entity: "sale",
      refund: {
        originalReceiptNo: "S01-001-000007", refundReceiptNos: ["S01-001-000009", "S01-002-000004"], amountTwice: 26_800,
        paidBack: [{ kind: "cash", amount: 13_400 }, { kind: "stored_value", amount: 13_400 }],
      },
    });
    const en = conflictWords(c, "en");
    expect(en.title).toBe("Refunded twice");
    expect(en.body).toBe("Sale S01-001-000007 was refunded on two tills while they were offline (S01-001-000009 and S01-002-000004): ¥268.00 was paid back twice.");
    expect(en.lines).toEqual(["The later refund paid back: Cash ¥134.00 and Stored value ¥134.00"]);
    expect(en.advice).toContain("Recover the money from the client");
    const zh = conflictWords(c, "zh-CN");
    expect(zh.body).toBe("收银单 S01-001-000007 在两台收银台离线时各退了一次款（S01-001-000009和S01-002-000004）：¥268.00 被退了两次。");
    expect(zh.advice).toContain("追回");
  });

  it("words a member coupon used twice with her name and what to do", () => {
    const c = conflict({ kind: "double_coupon_use", entity: "member_coupon", members: [lin] });
    const en = conflictWords(c, "en");
    expect(en.title).toBe("Coupon used twice");
    expect(en.body).toContain("林雅琪's coupon was redeemed at two tills");
    const zh = conflictWords(c, "zh-CN");
    expect(zh.title).toBe("优惠券重复使用");
    expect(zh.advice).toContain("先到的那笔消费保留这张券");
  });

  it("still says something for a kind this build does not know", () => {
    expect(conflictWords(conflict({ kind: "other", entity: "gift_card" }), "en").body)
      .toBe("A change could not be merged (Record (gift_card)).");
    expect(entityName("sale", "zh-CN")).toBe("收银单");
  });
});

describe("clockSkewText", () => {
  it("tells the desk in both languages how far the till's clock is off and what to do", () => {
    expect(clockSkewText(192, "en")).toBe("This till's clock is 3 h 12 min ahead of the server: fix the PC's date and time");
    expect(clockSkewText(192, "zh-CN")).toBe("本收银台的时钟比服务器快 3 小时 12 分钟：请校正电脑的日期和时间");
    expect(clockSkewText(-45, "en")).toBe("This till's clock is 45 min behind the server: fix the PC's date and time");
    expect(clockSkewText(365 * 1440 + 90, "en")).toBe("This till's clock is 365 d 1 h ahead of the server: fix the PC's date and time");
  });

  it("says nothing while the clocks agree", () => {
    expect(clockSkewText(null, "en")).toBeNull();
  });
});

describe("setAsideReason", () => {
  it("says why an operation was set aside in both languages, by its code", () => {
    expect(setAsideReason("push_failed", "en")).toBe("The server failed every time this change was sent");
    expect(setAsideReason("push_failed", "zh-CN")).toBe("每次发送此更改，服务器都出错");
    expect(setAsideReason("forbidden", "zh-CN")).toBe("本设备无权做此更改");
  });

  it("words the server's authority refusals and names the chain-wide records they are about", () => {
    // A store till that loaded demo data before enrolling has its catalog refused this way.
    expect(setAsideReason("head_office_only", "zh-CN")).toContain("总部");
    expect(setAsideReason("not_your_store_staff", "en")).toContain("another store");
    for (const entity of ["service", "product", "tier", "top_up_plan", "package_plan", "coupon", "room", "stock_move"]) {
      // Words, not the code shown as it is ("Record (top_up_plan)").
      expect(entityName(entity, "zh-CN")).not.toMatch(/[a-z_]{3,}/);
      expect(entityName(entity, "en")).not.toContain(`(${entity})`);
    }
  });

  it("shows a code this build has no words for as it is, never nothing", () => {
    expect(setAsideReason("clock_ahead_of_schedule", "en")).toBe("Refused (clock_ahead_of_schedule)");
    expect(setAsideReason("clock_ahead_of_schedule", "zh-CN")).toBe("被拒绝（clock_ahead_of_schedule）");
  });
});
