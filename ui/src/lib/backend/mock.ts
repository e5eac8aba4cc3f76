// In-memory stand-in for the Rust core, used only in a plain browser (no Tauri runtime):
// `npm run dev`, `vite preview`, screenshots. It follows docs/ui-contract.md, including its
// errors (validation with `field`, duplicate_phone with `memberId`, locked_out) and phone
// masking for roles without `canSeeFullPhone`. Nothing persists across a reload.
// `?mock=demo` starts with staff and members (PINs in mock-data.ts); `&login=<role>` also
// logs that role in.
import type {
  ApiError, AppInfo, DemoPinView, ErrorCode, MatchKind, MemberHit, MemberInput, MemberView, Permission, Role, Session, StaffBrief,
} from "./bindings";
import { DEMO_STAFF, demoPerson, pinyinOf, rng } from "./mock-data";

type Staff = StaffBrief & { pin: string; failed: number; lockedUntil: number };
type Member = Omit<MemberView, "preferredStaffName" | "referrerName" | "sensitiveHidden"> & { pinyin: string; initials: string };
type Args = Record<string, unknown>;

const LOCK_MS = 5 * 60_000;
const staff: Staff[] = [];
const members = new Map<string, Member>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let session: Session | null = null;
let nextNo = 100001;

function fail(code: ErrorCode, message: string, field: string | null = null, memberId: string | null = null): never {
  const error: ApiError = { code, message, field, memberId };
  throw error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const canSeeFullPhone = (role: Role) => role === "owner" || role === "manager";
// As the core shows phones: "138****5678" masked, "138 1234 5678" in full.
const mask = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****");
const display = (phone: string) => (phone.length === 11 ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone);
let pendingOps = 0;

function addStaff(name: string, role: Role, pin: string): Staff {
  const s: Staff = { id: crypto.randomUUID(), name, role, pin, failed: 0, lockedUntil: 0 };
  staff.push(s);
  return s;
}

function brief(s: Staff): StaffBrief {
  return { id: s.id, name: s.name, role: s.role };
}

// The preview's rough copy of the core's matrix (the app asks the core): the desk sells and keeps
// members; managers do the rest but tier rules and joining a chain, the owner's.
const DESK: Permission[] = ["sell", "register_member", "edit_member"];
const MANAGERS: Permission[] = [
  ...DESK, "refund", "void", "manual_discount", "price_override", "pay_out", "see_full_phone", "see_sensitive_notes",
  "archive_member", "merge_members", "export", "view_records", "edit_catalog", "manage_stock", "manage_schedule",
  "manage_staff", "edit_store_settings", "load_demo_data", "resolve_conflicts",
];
const permissionsOf = (role: Role): Permission[] =>
  role === "owner" ? [...MANAGERS, "edit_tier_rules", "enrol_till"] : role === "manager" ? MANAGERS : DESK;

function startSession(s: Staff): Session {
  session = {
    staff: brief(s), canSeeFullPhone: canSeeFullPhone(s.role), canManage: canSeeFullPhone(s.role),
    permissions: permissionsOf(s.role),
  };
  return session;
}

function requireSession(...roles: Role[]): Session {
  if (!session) fail("not_logged_in", "please log in with your PIN");
  if (roles.length > 0 && !roles.includes(session.staff.role)) fail("forbidden", `a ${session.staff.role} may not do this; ask a manager`);
  return session;
}

function shownPhone(phone: string): string {
  return session?.canSeeFullPhone ? display(phone) : mask(phone);
}

function view(m: Member): MemberView {
  const { pinyin: _p, initials: _i, ...rest } = m;
  return {
    ...rest,
    phone: shownPhone(m.phone),
    tags: [...m.tags],
    preferredStaffName: staff.find((s) => s.id === m.preferredStaffId)?.name ?? null,
    referrerName: m.referrerId ? members.get(m.referrerId)?.name ?? null : null,
    // The preview shows everyone everything; the core withholds sensitive notes.
    sensitiveHidden: false,
  };
}

function hit(m: Member, matched: MatchKind, exact: boolean): MemberHit {
  return { id: m.id, memberNo: m.memberNo, name: m.name, phone: shownPhone(m.phone), tier: m.tier, lastVisitAt: m.lastVisitAt, matched, exact };
}

function activeMember(id: unknown): Member {
  const m = typeof id === "string" ? members.get(id) : undefined;
  if (!m || m.archived) fail("not_found", "member not found");
  return m;
}

function matchOf(m: Member, q: string): [MatchKind, boolean] | null {
  const digits = /^\d+$/.test(q);
  if (m.memberNo.toLowerCase() === q) return ["member_no", true];
  if (digits && m.phone === q) return ["phone", true];
  if (digits && q.length >= 3 && m.phone.endsWith(q)) return ["phone_suffix", false];
  if (m.name.toLowerCase().includes(q)) return ["name", m.name.toLowerCase() === q];
  if (/^[a-z]+$/.test(q) && q.length >= 2) {
    if (m.initials.startsWith(q)) return ["initials", m.initials === q];
    if (m.pinyin.startsWith(q)) return ["pinyin", m.pinyin === q];
  }
  return null;
}

function search(query: string, limit: number): MemberHit[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const found: Array<{ m: Member; kind: MatchKind; exact: boolean }> = [];
  for (const m of members.values()) {
    if (m.archived) continue;
    const match = matchOf(m, q);
    if (match) found.push({ m, kind: match[0], exact: match[1] });
  }
  found.sort((a, b) => Number(b.exact) - Number(a.exact) || (b.m.lastVisitAt ?? "").localeCompare(a.m.lastVisitAt ?? ""));
  return found.slice(0, limit).map((f) => hit(f.m, f.kind, f.exact));
}

function checkInput(input: MemberInput, self: Member | null): void {
  const name = input.name.trim();
  if (name === "") fail("validation", "a name is required", "name");
  if (name.length > 40) fail("validation", "at most 40 characters", "name");
  if (self === null && (input.phone === null || input.phone.trim() === "")) fail("validation", "a phone number is required", "phone");
  if (input.phone !== null) {
    const phone = cleanPhone(input.phone);
    if (!/^1[3-9]\d{9}$/.test(phone)) fail("validation", "mainland numbers must be mobile numbers (11 digits starting with 1)", "phone");
    const other = [...members.values()].find((m) => !m.archived && m.phone === phone && m.id !== self?.id);
    if (other) fail("duplicate_phone", `phone ${mask(phone)} already belongs to member ${other.name} (${other.memberNo})`, "phone", other.id);
  }
  if (input.memberNo !== null && input.memberNo.trim() !== "") {
    const no = input.memberNo.trim();
    if (!/^[A-Za-z0-9-]{3,20}$/.test(no)) fail("validation", "3 to 20 letters or digits", "memberNo");
    if ([...members.values()].some((m) => m.memberNo === no && m.id !== self?.id)) fail("duplicate_member_no", `member number ${no} is already in use`, "memberNo");
  }
  if (input.birthday !== null) {
    const d = new Date(`${input.birthday}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.birthday) || Number.isNaN(d.getTime())) fail("validation", "not a date", "birthday");
    if (d.getTime() > Date.now() || d.getUTCFullYear() < 1900) fail("validation", "a birthday cannot be in the future", "birthday");
  }
  if (input.preferredStaffId !== null && !staff.some((s) => s.id === input.preferredStaffId)) fail("validation", "no such beautician", "preferredStaffId");
  if (input.referrerId !== null && (input.referrerId === self?.id || !members.has(input.referrerId))) fail("validation", "no such member", "referrerId");
}

function cleanPhone(text: string): string {
  return text.replace(/[\s()\u3000-]/g, "").replace(/^\+86/, "");
}

function apply(input: MemberInput, into: Member): Member {
  const name = input.name.trim();
  const { full, initials } = pinyinOf(name);
  return {
    ...into, name, pinyin: full, initials,
    phone: input.phone === null ? into.phone : cleanPhone(input.phone),
    memberNo: input.memberNo?.trim() || into.memberNo || String(nextNo++),
    gender: input.gender, birthday: input.birthday, region: input.region.trim(), skinType: input.skinType,
    allergies: input.allergies.trim(), preferredStaffId: input.preferredStaffId, notes: input.notes,
    tags: [...new Set(input.tags.map((t) => t.trim()).filter((t) => t !== ""))],
    consentMarketing: input.consentMarketing, source: input.source.trim(), referrerId: input.referrerId,
  };
}

function blankMember(): Member {
  return {
    id: crypto.randomUUID(), memberNo: "", name: "", phone: "", gender: null, birthday: null, region: "",
    skinType: null, allergies: "", preferredStaffId: null, notes: "", tags: [], consentMarketing: false,
    source: "", referrerId: null, tier: "standard", archived: false, erased: false, registeredAt: new Date().toISOString(),
    lastVisitAt: null, visitCount: 0, pinyin: "", initials: "",
  };
}

function addDemoMember(rand: () => number): void {
  const p = demoPerson(rand, Date.now());
  if ([...members.values()].some((m) => m.phone === p.phone)) return;
  const beauticians = staff.filter((s) => s.role === "beautician");
  const { full, initials } = pinyinOf(p.name);
  const m: Member = {
    ...blankMember(), ...p, pinyin: full, initials, memberNo: String(nextNo++),
    preferredStaffId: beauticians.length > 0 && rand() < 0.5 ? beauticians[Math.floor(rand() * beauticians.length)]!.id : null,
  };
  members.set(m.id, m);
}

// Demo staff get random PINs, returned once (as the real backend does).
function ensureDemoStaff(): DemoPinView[] {
  const added: DemoPinView[] = [];
  for (const d of DEMO_STAFF) {
    if (d.role === "owner" && staff.some((s) => s.role === "owner")) continue;
    if (staff.some((s) => s.name === d.name)) continue;
    const pin = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
    addStaff(d.name, d.role, pin);
    added.push({ name: d.name, role: d.role, pin });
  }
  return added;
}

async function seed(count: unknown): Promise<DemoPinView[]> {
  requireSession("owner", "manager");
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 200_000) fail("validation", "demo members: 1 to 200,000", "members");
  const pins = ensureDemoStaff();
  const rand = rng(members.size + 7);
  for (let done = 0; done < count;) {
    const batch = Math.min(25, count - done);
    for (let i = 0; i < batch; i++) addDemoMember(rand);
    done += batch;
    listeners.get("seed-progress")?.forEach((h) => h({ done, total: count }));
    await sleep(12);
  }
  return pins;
}

/** Checks a staff member's PIN with the core's lock-out (5 wrong → 5 minutes); returns her. */
function checkPin(staffId: unknown, pin: unknown): Staff {
  const s = staff.find((x) => x.id === staffId);
  if (!s) fail("not_found", "staff not found");
  const now = Date.now();
  const lockedFor = (ms: number) => `too many wrong PINs: locked for ${Math.ceil(ms / 60_000)} more minute(s)`;
  if (s.lockedUntil > now) fail("locked_out", lockedFor(s.lockedUntil - now));
  if (s.pin !== pin) {
    s.failed += 1;
    if (s.failed >= 5) {
      s.failed = 0;
      s.lockedUntil = now + LOCK_MS;
      fail("locked_out", lockedFor(LOCK_MS));
    }
    fail("wrong_pin", `wrong PIN (${5 - s.failed} attempts left before lock-out)`);
  }
  s.failed = 0;
  return s;
}

function login(staffId: unknown, pin: unknown): Session {
  return startSession(checkPin(staffId, pin));
}

function info(): AppInfo {
  return {
    version: "0.1.0 (browser preview)", dbPath: "/home/salon/.local/share/com.salondesk.desk/salondesk.db",
    dataDir: "/home/salon/.local/share/com.salondesk.desk", hasOwner: staff.some((s) => s.role === "owner"),
    systemLocale: navigator.language, memberCount: [...members.values()].filter((m) => !m.archived).length,
    deviceId: "0190f5a2-7c1e-7d4b-9a1e-3f2b6c8d9e01", pendingOps,
  };
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

const handlers: Record<string, (a: Args) => unknown> = {
  app_info: () => info(),
  create_owner: (a) => {
    const input = a.input as Args;
    if (staff.some((s) => s.role === "owner")) fail("forbidden", "the owner already exists");
    if (str(input.name).trim() === "") fail("validation", "a name is required", "name");
    if (!/^\d{6,8}$/.test(str(input.pin))) fail("pin_too_short", "an owner's PIN has at least 6 digits", "pin");
    return startSession(addStaff(str(input.name).trim(), "owner", str(input.pin)));
  },
  login_staff_list: () => staff.map(brief),
  login: (a) => login(a.staffId, a.pin),
  change_pin: (a) => {
    const s = checkPin(a.staffId, a.oldPin);
    const min = s.role === "owner" || s.role === "manager" ? 6 : 4;
    if (!new RegExp(`^\\d{${min},8}$`).test(str(a.newPin))) fail("pin_too_short", "PIN too short", "pin");
    s.pin = str(a.newPin);
    return startSession(s);
  },
  logout: () => { requireSession(); session = null; return null; },
  current_session: () => session,
  search_members: (a) => { requireSession(); return search(str(a.query), typeof a.limit === "number" ? a.limit : 20); },
  member_by_card: (a) => {
    requireSession();
    const m = [...members.values()].find((x) => !x.archived && x.memberNo.toLowerCase() === str(a.memberNo).trim().toLowerCase());
    return m ? hit(m, "member_no", true) : null;
  },
  get_member: (a) => { requireSession(); return view(activeMember(a.id)); },
  register_member: (a) => {
    requireSession();
    const input = a.input as MemberInput;
    checkInput(input, null);
    const m = apply(input, blankMember());
    members.set(m.id, m);
    pendingOps += 1;
    return view(m);
  },
  update_member: (a) => {
    requireSession();
    const old = activeMember(a.id);
    const input = a.input as MemberInput;
    checkInput(input, old);
    const m = apply(input, old);
    members.set(m.id, m);
    pendingOps += 1;
    return view(m);
  },
  archive_member: (a) => { requireSession("owner", "manager"); activeMember(a.id).archived = true; pendingOps += 1; return null; },
  merge_members: (a) => {
    requireSession("owner", "manager");
    if (a.survivorId === a.mergedId) fail("validation", "a member cannot be merged into herself", "mergedId");
    const survivor = activeMember(a.survivorId);
    const merged = activeMember(a.mergedId);
    survivor.visitCount += merged.visitCount;
    survivor.tags = [...new Set([...survivor.tags, ...merged.tags])];
    if ((merged.lastVisitAt ?? "") > (survivor.lastVisitAt ?? "")) survivor.lastVisitAt = merged.lastVisitAt;
    merged.archived = true;
    pendingOps += 2;
    return view(survivor);
  },
  list_staff: () => { requireSession(); return staff.map(brief); },
};

// ---- Checkout (mock-checkout.ts): what it needs from here, handed in as functions.
import { checkoutHandlers, presetCheckoutFromUrl, seedDemoBalances, type MockCtx } from "./mock-checkout";
import { salesHandlers } from "./mock-sales";
import { seedDemoSales } from "./mock-sales-demo";
import { storeHandlers } from "./mock-store";
import { mockPrinter } from "./mock-checkout";
import type { ZReportView } from "./bindings";

const mockCtx: MockCtx = {
  requireSession: () => requireSession(),
  member: (id) => {
    const m = members.get(id);
    return m && !m.archived ? { id: m.id, name: m.name, memberNo: m.memberNo, tier: m.tier, birthday: m.birthday } : null;
  },
  // As login does (same lock-out), without starting a session.
  checkPin: (staffId, pin) => brief(checkPin(staffId, pin)),
  staffName: (id) => staff.find((s) => s.id === id)?.name ?? null,
  visited: (memberId, ops) => {
    const m = memberId ? members.get(memberId) : undefined;
    if (m) {
      m.visitCount += 1;
      m.lastVisitAt = new Date().toISOString();
    }
    pendingOps += ops;
  },
};
Object.assign(handlers, checkoutHandlers(mockCtx));
// ---- Shift, sales history, refunds, printer settings (mock-sales.ts); may delegate to the above.
Object.assign(handlers, salesHandlers(mockCtx, { ...handlers }));
// ---- Tiers set by hand, the owner's store settings, the Z report's text (mock-store.ts).
Object.assign(handlers, storeHandlers({
  requireSession: () => requireSession(),
  memberTier: (id) => {
    const m = members.get(id);
    return m && !m.archived ? m.tier : null;
  },
  setMemberTier: (id, tier) => {
    const m = members.get(id);
    if (m) m.tier = tier;
    pendingOps += 2;
  },
  zReport: (shiftId) => handlers.z_report!({ shiftId }) as ZReportView,
  printerPath: () => mockPrinter.target,
}));

// ---- Appointments (mock-appointments.ts): the day, booking, statuses, reminders; a sale with an
// appointmentId completes that appointment, as the shell does.
import { appointmentHandlers } from "./mock-appointments";
import type { CatalogItem, SaleDone } from "./bindings";
Object.assign(handlers, appointmentHandlers({
  requireSession: (...roles) => requireSession(...roles),
  staff: () => staff.map(brief),
  member: (id) => {
    const m = members.get(id);
    return m && !m.archived ? { id: m.id, name: m.name, phone: m.phone, tier: m.tier } : null;
  },
  someMembers: (n) => [...members.values()].filter((m) => !m.archived).slice(0, n)
    .map((m) => ({ id: m.id, name: m.name, phone: m.phone, tier: m.tier })),
  services: () => (handlers.catalog!({ query: "" }) as { services: CatalogItem[] }).services,
}));
{
  const sale = handlers.complete_sale!;
  handlers.complete_sale = (a) => {
    const done = sale(a) as SaleDone;
    if (typeof a.appointmentId === "string" && a.appointmentId !== "") {
      handlers.complete_appointment_after_sale!({ appointmentId: a.appointmentId, saleId: done.saleId });
    }
    return done;
  };
}

// ---- Sync with the chain's server (mock-sync.ts): status events, enrolment, conflicts.
import { syncHandlers } from "./mock-sync";
Object.assign(handlers, syncHandlers({
  requireSession: (...roles) => requireSession(...roles),
  emit: (event, payload) => listeners.get(event)?.forEach((h) => h(payload)),
  pendingOps: () => pendingOps,
  clearPending: () => { pendingOps = 0; },
  someMembers: (n) => [...members.values()].filter((m) => !m.archived).slice(0, n)
    .map((m) => ({ id: m.id, name: m.name, memberNo: m.memberNo, phone: m.phone })),
  staff: () => staff.map(brief),
  shownPhone: (phone) => shownPhone(phone),
}));

/** A day of sales history for the demo (after the checkout demo members and the open shift). */
function addSalesDemoHistory(): void {
  const known = ["880001", "880002"]
    .map((no) => [...members.values()].find((m) => m.memberNo === no))
    .flatMap((m) => (m ? [mockCtx.member(m.id)].filter((x) => x !== null) : []));
  const named = (role: Role) => staff.filter((s) => s.role === role).map((s) => s.name);
  seedDemoSales(known, Object.fromEntries(staff.map((s) => [s.name, s.id])), {
    cashier: named("cashier")[0] ?? "", manager: named("manager")[0] ?? "",
    beautician: named("beautician")[0] ?? "", beautician2: named("beautician")[1] ?? "",
  });
}

/** A known gold member for the checkout demo: card 880001, points, stored value, packages. */
function addCheckoutDemoMembers(): void {
  const known: Array<[string, string, string, "gold" | "silver", boolean]> = [
    ["林雅琪", "13800138000", "880001", "gold", true],
    ["陈思涵", "13911112222", "880002", "silver", false],
  ];
  for (const [name, phone, memberNo, tier, rich] of known) {
    if ([...members.values()].some((m) => m.memberNo === memberNo)) continue;
    const { full, initials } = pinyinOf(name);
    const m: Member = {
      ...blankMember(), name, phone, memberNo, tier, pinyin: full, initials, gender: "female",
      birthday: "1990-03-18", region: "静安区", visitCount: 23, lastVisitAt: new Date(Date.now() - 9 * 86_400_000).toISOString(),
    };
    members.set(m.id, m);
    seedDemoBalances(m.id, rich);
  }
}

export async function mockInvoke(command: string, args: Args): Promise<unknown> {
  await sleep(command === "search_members" ? 5 + Math.random() * 60 : 40);
  if (command === "seed_demo") return seed(args.members);
  const handler = handlers[command];
  if (!handler) fail("internal", `Unknown command ${command}`);
  return handler(args);
}

export function mockListen(event: string, handler: (payload: unknown) => void): () => void {
  const set = listeners.get(event) ?? new Set();
  set.add(handler);
  listeners.set(event, set);
  return () => set.delete(handler);
}

function presetFromUrl(): void {
  const params = new URLSearchParams(location.search);
  if (params.get("mock") !== "demo") return;
  ensureDemoStaff();
  const rand = rng(42);
  for (let i = 0; i < 400; i++) addDemoMember(rand);
  addCheckoutDemoMembers();
  presetCheckoutFromUrl(params, staff.find((s) => s.role === "cashier")?.name ?? "");
  addSalesDemoHistory();
  const role = params.get("login");
  const who = staff.find((s) => s.role === role);
  if (who) startSession(who);
}
presetFromUrl();
