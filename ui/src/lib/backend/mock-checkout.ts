// The checkout side of the in-browser mock backend (see mock.ts; its catalog is mock-catalog.ts):
// members' balances as ledgers, quoting a cart, a manager's approval,
// completing a sale with split tenders, the receipt text, printing, and this device's shift.
// It follows the core's rules and errors (crates/salondesk-core/src/checkout), so the desk
// behaves the same in a browser: tier discounts, coupons with a minimum spend, stock and
// package sessions, top-ups that prepaid value cannot pay for, a shift that must be open.
// mock.ts hands in what it owns (session, members, staff PINs) through `MockCtx`.
// URL switches: `shift=closed` starts without an open shift; `printer=fail` makes the first
// automatic print fail (a reprint then works); `printer=off` has no auto-print.
import type {
  ApiError, ApprovalGranted, CartInput, CartLineInput, ErrorCode, LineKind, MemberBalancesView,
  PackageView, Permission, PrintResult, QuoteLineView, QuoteView, SaleDone, Session, StaffBrief, TenderInput, Tier,
  ZReportView,
} from "./bindings";
import {
  DAY, catalog, coupons, isoDay, packagePlans, productItem, products, services, stockMoves, stockOf, today,
  topUpPlans, yuan, type Coupon, type PackagePlan,
} from "./mock-catalog";

type Args = Record<string, unknown>;

export type MockMember = { id: string; name: string; memberNo: string; tier: Tier; birthday: string | null };

export type MockCtx = {
  requireSession: () => Session;
  /** An active (not archived) member, or null. */
  member: (id: string) => MockMember | null;
  /** Checks a PIN with the usual lock-out; throws wrong_pin / locked_out / not_found. */
  checkPin: (staffId: string, pin: string) => StaffBrief;
  staffName: (staffId: string) => string | null;
  /** A sale was made for this member (visit count, last visit, waiting-to-sync count). */
  visited: (memberId: string | null, ops: number) => void;
};

function fail(code: ErrorCode, message: string, field: string | null = null): never {
  const error: ApiError = { code, message, field, memberId: null };
  throw error;
}
function bad(field: string, message: string): never {
  return fail("validation", message, field);
}

// ---- Pricing rules (the demo catalog is in mock-catalog.ts) ----

const TIER_RULES: Record<Tier, { discountBp: number; pointsPct: number }> = {
  standard: { discountBp: 0, pointsPct: 100 },
  silver: { discountBp: 500, pointsPct: 120 },
  gold: { discountBp: 1000, pointsPct: 150 },
  platinum: { discountBp: 1500, pointsPct: 200 },
};
const POINT_VALUE_FEN = 1;
const POINTS_PER_YUAN = 1;
const BIRTHDAY_PCT = 200;

// ---- Members' ledgers: points, stored value, package sessions ----

type MemberPackage = { id: string; memberId: string; planId: string; serviceId: string; name: string; expiresOn: string };
const pointsLedger = new Map<string, number[]>();
const storedLedger = new Map<string, number[]>();
const memberPackages: MemberPackage[] = [];
const sessionMoves = new Map<string, number[]>();

const sum = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0);
const push = <K>(m: Map<K, number[]>, k: K, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
const pointsOf = (memberId: string) => sum(pointsLedger.get(memberId));
const storedOf = (memberId: string) => sum(storedLedger.get(memberId));
const sessionsLeft = (packageId: string) => sum(sessionMoves.get(packageId));

function balances(memberId: string): MemberBalancesView {
  const packages: PackageView[] = memberPackages
    .filter((k) => k.memberId === memberId && sessionsLeft(k.id) > 0 && k.expiresOn >= today())
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))
    .map((k) => ({ packageId: k.id, serviceId: k.serviceId, name: k.name, sessionsLeft: sessionsLeft(k.id), expiresOn: k.expiresOn }));
  return { points: pointsOf(memberId), storedValue: storedOf(memberId), packages };
}

function grantPackage(memberId: string, plan: PackagePlan, sessions: number, expiresOn: string): MemberPackage {
  const k: MemberPackage = { id: crypto.randomUUID(), memberId, planId: plan.id, serviceId: plan.serviceId, name: plan.name, expiresOn };
  memberPackages.push(k);
  push(sessionMoves, k.id, sessions);
  return k;
}

/** Gives a demo member what a regular has: points, stored value and a package part used. */
export function seedDemoBalances(memberId: string, rich: boolean): void {
  push(pointsLedger, memberId, rich ? 2680 : 320);
  push(storedLedger, memberId, rich ? yuan(1580) : 0);
  if (rich) {
    grantPackage(memberId, packagePlans[0]!, 10, isoDay(Date.now() + 200 * DAY));
    const k = memberPackages.at(-1)!;
    push(sessionMoves, k.id, -4);
    grantPackage(memberId, packagePlans[1]!, 10, isoDay(Date.now() + 30 * DAY));
    push(sessionMoves, memberPackages.at(-1)!.id, -9);
  }
}

// ---- Quoting (resolve, then price: the core's pricing.rs and resolve.rs) ----

type Resolved = {
  kind: LineKind; itemId: string; name: string; qty: number; unitPrice: number; overridden: boolean;
  staff: CartLineInput["staff"];
};
type Priced = Resolved & { tier: number; coupon: number; manual: number; amount: number };

function resolve(ctx: MockCtx, cart: CartInput, member: MockMember | null): Resolved[] {
  if (cart.lines.length === 0) bad("lines", "a sale needs at least one line");
  const stockWanted = new Map<string, number>();
  const sessionsWanted = new Map<string, number>();
  return cart.lines.map((l) => {
    if (!Number.isInteger(l.qty) || l.qty < 1 || l.qty > 9_999) bad("qty", "quantity is 1 to 9,999");
    const needsMember = (what: string) => member ?? bad("memberId", `${what} needs a member`);
    let r: Resolved;
    if (l.kind === "service") {
      const s = services.find((x) => x.id === l.itemId && x.active) ?? bad("lines", "the service is not in the catalog");
      r = { kind: l.kind, itemId: s.id, name: s.name, qty: l.qty, unitPrice: s.price, overridden: false, staff: l.staff };
    } else if (l.kind === "product") {
      const p = products.find((x) => x.id === l.itemId && x.active) ?? bad("lines", "the product is not in the catalog");
      const wanted = (stockWanted.get(p.id) ?? 0) + l.qty;
      stockWanted.set(p.id, wanted);
      const onHand = stockOf(p.id);
      if (wanted > onHand) bad("lines", `only ${onHand} of ${p.name} in stock`);
      r = { kind: l.kind, itemId: p.id, name: p.name, qty: l.qty, unitPrice: p.price, overridden: false, staff: l.staff };
    } else if (l.kind === "package_purchase") {
      needsMember("a package");
      const p = packagePlans.find((x) => x.id === l.itemId) ?? bad("lines", "the package is not in the catalog");
      r = { kind: l.kind, itemId: p.id, name: p.name, qty: 1, unitPrice: p.price, overridden: false, staff: l.staff };
    } else if (l.kind === "top_up") {
      needsMember("a top-up");
      const p = topUpPlans.find((x) => x.id === l.itemId) ?? bad("lines", "the top-up plan is not in the catalog");
      r = { kind: l.kind, itemId: p.id, name: p.name, qty: 1, unitPrice: p.pay, overridden: false, staff: l.staff };
    } else {
      const m = needsMember("a package session");
      const k = memberPackages.find((x) => x.id === l.itemId) ?? bad("lines", "the package is not in the catalog");
      if (k.memberId !== m.id) bad("lines", `${k.name} belongs to another member`);
      if (k.expiresOn < today()) bad("lines", `${k.name} expired on ${k.expiresOn}`);
      const wanted = (sessionsWanted.get(k.id) ?? 0) + 1;
      sessionsWanted.set(k.id, wanted);
      const left = sessionsLeft(k.id);
      if (wanted > left) bad("lines", `${k.name} has ${left} session(s) left`);
      r = { kind: l.kind, itemId: k.id, name: k.name, qty: 1, unitPrice: 0, overridden: false, staff: l.staff };
    }
    if (r.qty > 999) bad("qty", "a quantity is 1 to 999");
    if (l.priceOverride !== null) {
      if (l.priceOverride < 0 || !(r.kind === "service" || r.kind === "product")) {
        bad("priceOverride", "only service and product prices can be overridden, and not below 0");
      }
      r = { ...r, unitPrice: l.priceOverride, overridden: true };
    }
    if (l.staff.length > 0) {
      if (l.staff.reduce((a, s) => a + s.shareBp, 0) !== 10_000 || l.staff.some((s) => s.shareBp <= 0)) {
        bad("staff", "the credited staff's shares must add up to 100%");
      }
      if (l.staff.some((s) => ctx.staffName(s.staffId) === null)) bad("staff", "a credited staff member does not exist");
    }
    return r;
  });
}

/** Splits `total` over `weights` to the fen, largest remainders first (the core's allocate). */
function allocate(total: number, weights: number[]): number[] {
  const all = weights.reduce((a, b) => a + b, 0);
  if (all === 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / all);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

const discountable = (k: LineKind) => k === "service" || k === "product" || k === "package_purchase";
const couponEligible = (k: LineKind) => k === "service" || k === "product";
const money = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

function findCoupon(code: string | null): Coupon | null {
  const c = code?.trim() ?? "";
  if (c === "") return null;
  return coupons.find((x) => x.code.toLowerCase() === c.toLowerCase()) ?? bad("coupon", `no coupon ${c}`);
}

function price(lines: Resolved[], tierBp: number, coupon: Coupon | null, manualDiscount: number): Priced[] {
  const lists = lines.map((l) => l.unitPrice * l.qty);
  const tier = lines.map((l, i) => (discountable(l.kind) && !l.overridden ? Math.floor((lists[i]! * tierBp) / 10_000) : 0));
  const afterTier = lists.map((l, i) => l - tier[i]!);
  const couponWeights = lines.map((l, i) => (couponEligible(l.kind) ? afterTier[i]! : 0));
  let couponTotal = 0;
  if (coupon) {
    const eligible = couponWeights.reduce((a, b) => a + b, 0);
    const d = today();
    if (d < coupon.validFrom || d > coupon.validTo) bad("coupon", `coupon ${coupon.code} is valid ${coupon.validFrom} to ${coupon.validTo}`);
    if (coupon.maxUses !== null && coupon.used >= coupon.maxUses) bad("coupon", `coupon ${coupon.code} has been used up`);
    if (eligible < coupon.minSpend || eligible === 0) {
      bad("coupon", `coupon ${coupon.code} needs a spend of at least ${money(coupon.minSpend)} on services and products`);
    }
    couponTotal = coupon.fixed ? Math.min(coupon.value, eligible) : Math.floor((eligible * coupon.value) / 10_000);
  }
  const couponParts = allocate(couponTotal, couponWeights);
  const manualWeights = lines.map((l, i) => (discountable(l.kind) ? afterTier[i]! - couponParts[i]! : 0));
  if (!Number.isInteger(manualDiscount) || manualDiscount < 0 || manualDiscount > manualWeights.reduce((a, b) => a + b, 0)) {
    bad("manualDiscount", "a discount cannot be negative or more than the discountable items cost");
  }
  const manual = allocate(manualDiscount, manualWeights);
  return lines.map((l, i) => ({
    ...l, tier: tier[i]!, coupon: couponParts[i]!, manual: manual[i]!,
    amount: afterTier[i]! - couponParts[i]! - manual[i]!,
  }));
}

function birthdayMonth(m: MockMember): boolean {
  return m.birthday !== null && m.birthday.slice(5, 7) === today().slice(5, 7);
}

function pointsFor(m: MockMember | null, base: number): number {
  if (!m) return 0;
  const pct = TIER_RULES[m.tier].pointsPct * (birthdayMonth(m) ? BIRTHDAY_PCT : 100);
  return Math.floor((Math.max(0, base) * POINTS_PER_YUAN * pct) / 1_000_000);
}

type Priced_ = { member: MockMember | null; coupon: Coupon | null; lines: Priced[]; total: number; topUpTotal: number };

function priceCart(ctx: MockCtx, cart: CartInput): Priced_ {
  const memberId = cart.memberId && cart.memberId !== "" ? cart.memberId : null;
  const member = memberId ? ctx.member(memberId) ?? fail("not_found", "member not found") : null;
  const resolved = resolve(ctx, cart, member);
  const coupon = findCoupon(cart.coupon);
  const lines = price(resolved, member ? TIER_RULES[member.tier].discountBp : 0, coupon, cart.manualDiscount);
  const total = lines.reduce((a, l) => a + l.amount, 0);
  const topUpTotal = lines.filter((l) => l.kind === "top_up").reduce((a, l) => a + l.amount, 0);
  return { member, coupon, lines, total, topUpTotal };
}

function quote(ctx: MockCtx, cart: CartInput): QuoteView {
  const p = priceCart(ctx, cart);
  const lines: QuoteLineView[] = p.lines.map((l) => ({
    kind: l.kind, itemId: l.itemId, name: l.name, qty: l.qty, unitPrice: l.unitPrice, overridden: l.overridden,
    discount: l.tier + l.coupon + l.manual, campaignDiscount: 0, amount: l.amount,
  }));
  const total = (f: (l: Priced) => number) => p.lines.reduce((a, l) => a + f(l), 0);
  return {
    lines,
    subtotal: total((l) => l.unitPrice * l.qty),
    // Member prices are the real app's (campaigns are not in the preview).
    campaignDiscount: 0,
    tierDiscount: total((l) => l.tier),
    couponDiscount: total((l) => l.coupon),
    manualDiscount: total((l) => l.manual),
    total: p.total,
    topUpTotal: p.topUpTotal,
    pointValueFen: POINT_VALUE_FEN,
    pointsToEarn: pointsFor(p.member, p.total - p.topUpTotal),
  };
}

// ---- Tenders (the core's tenders.rs) ----

function luhn(s: string): boolean {
  const digits = [...s].filter((c) => /\d/.test(c)).map(Number).reverse();
  return digits.reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0) % 10 === 0;
}

function checkReference(reference: string): void {
  const r = reference.trim();
  if (r === "" || r.length > 64) bad("reference", "the payment's reference number (1 to 64 characters)");
  const digits = [...r].filter((c) => /\d/.test(c)).length;
  if (digits >= 13 && digits <= 19 && luhn(r)) bad("reference", "that looks like a card number: enter the terminal's reference instead");
}

type Paid = { change: number; pointsUsed: number; pointsValue: number; stored: number; cash: number };

function checkTenders(tenders: TenderInput[], total: number, topUpTotal: number, member: MockMember | null): Paid {
  let cash = 0;
  let nonCash = 0;
  let pointsUsed = 0;
  let stored = 0;
  for (const t of tenders) {
    let value: number;
    switch (t.kind) {
      case "cash": cash += t.amount; value = t.amount; break;
      case "bank_card":
        if (!/^\d{4}$/.test(t.last4)) bad("last4", "the card's last 4 digits, as on the terminal slip");
        checkReference(t.reference);
        nonCash += t.amount; value = t.amount; break;
      case "wechat_pay": case "alipay":
        checkReference(t.reference);
        nonCash += t.amount; value = t.amount; break;
      case "stored_value": stored += t.amount; nonCash += t.amount; value = t.amount; break;
      case "points": pointsUsed += t.points; value = t.points * POINT_VALUE_FEN; nonCash += value; break;
    }
    if (!(value > 0)) bad("tenders", "each payment must be more than 0");
  }
  if ((stored > 0 || pointsUsed > 0) && !member) bad("tenders", "stored value and points need a member");
  if (member && stored > 0 && stored > storedOf(member.id)) bad("tenders", `stored value balance is only ${money(storedOf(member.id))}`);
  if (member && pointsUsed > 0 && pointsUsed > pointsOf(member.id)) bad("tenders", `the member has only ${pointsOf(member.id)} points`);
  if (stored + pointsUsed * POINT_VALUE_FEN > total - topUpTotal) bad("tenders", "stored value and points cannot pay for a top-up");
  if (nonCash > total) bad("tenders", "only cash can be more than the total (change)");
  const paid = nonCash + cash;
  if (paid < total) bad("tenders", `${money(total - paid)} still to pay`);
  return { change: paid - total, pointsUsed, pointsValue: pointsUsed * POINT_VALUE_FEN, stored, cash };
}

// ---- Sales, the shift, the printer ----

export type MockSale = {
  id: string; receiptNo: string; createdAt: string; cashierName: string; member: MockMember | null;
  lines: Array<Priced & { staffNames: string[] }>; tenders: TenderInput[]; subtotal: number; discountTotal: number;
  total: number; change: number; pointsEarned: number; shiftId: string;
};

/** Every sale made in this page's life, oldest first (mock history for other screens too). */
export const mockSales: MockSale[] = [];

export type MockShift = { id: string; openedAt: string; openedBy: string; float: number; closedAt: string | null; payIns: number; payOuts: number };
/** This device's shift; null when none is open. Other mock modules may open and close it. */
export const mockShiftState: { current: MockShift | null } = { current: null };

export const mockPrinter = { target: "/dev/usb/lp0", autoPrint: true, failNext: false, lang: "zh-CN" as "zh-CN" | "en", paperMm: 58 };
let receiptSeq = 41;

function printSale(saleId: string): PrintResult {
  if (!mockSales.some((s) => s.id === saleId)) fail("not_found", "sale not found");
  if (mockPrinter.failNext) {
    mockPrinter.failNext = false;
    return { ok: false, target: mockPrinter.target, error: `${mockPrinter.target}: No such device (is the printer on and connected?)` };
  }
  return { ok: true, target: mockPrinter.target, error: null };
}

function zReport(shift: MockShift): ZReportView {
  const sales = mockSales.filter((s) => s.shiftId === shift.id);
  const byKind = new Map<string, number>();
  let cashIn = 0;
  for (const s of sales) {
    for (const t of s.tenders) {
      const amount = t.kind === "points" ? t.points * POINT_VALUE_FEN : t.amount;
      byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + amount);
      if (t.kind === "cash") cashIn += amount;
    }
    cashIn -= s.change;
    byKind.set("cash", (byKind.get("cash") ?? 0) - s.change);
  }
  const kinds = ["cash", "bank_card", "wechat_pay", "alipay", "stored_value", "points"];
  return {
    shiftId: shift.id, openedAt: shift.openedAt, closedAt: shift.closedAt, openedBy: shift.openedBy, float: shift.float,
    sales: sales.length, refunds: 0, salesTotal: sales.reduce((a, s) => a + s.total, 0), refundsTotal: 0,
    discountsTotal: sales.reduce((a, s) => a + s.discountTotal, 0), payIns: shift.payIns, payOuts: shift.payOuts,
    tenders: kinds.map((kind) => ({
      kind,
      expected: kind === "cash" ? shift.float + cashIn + shift.payIns - shift.payOuts : byKind.get(kind) ?? 0,
      counted: null, difference: null,
    })),
  };
}

/** Approval tokens given and not yet spent (the preview's stand-in for the core's). */
const approvals = new Map<string, StaffBrief>();
let approvalSeq = 0;

function approve(ctx: MockCtx, approval: unknown): ApprovalGranted {
  const a = approval as { managerId?: unknown; pin?: unknown; permission?: unknown } | null;
  if (!a || typeof a.managerId !== "string" || typeof a.pin !== "string") bad("approval", "a manager and a PIN");
  const s = ctx.checkPin(a.managerId, a.pin);
  if (s.role !== "owner" && s.role !== "manager") fail("forbidden", "only a manager or the owner can approve this");
  const token = `mock-approval-${++approvalSeq}`;
  approvals.set(token, s);
  return { token, permission: a.permission as Permission, approver: s, expiresInSeconds: 120 };
}

/** Spends an approval token: who approved (`approval_invalid` if unknown or spent). */
export function spendApproval(token: unknown): StaffBrief {
  const s = typeof token === "string" ? approvals.get(token) : undefined;
  if (!s) fail("approval_invalid", "this approval cannot be used: ask the manager again", "approval");
  approvals.delete(token as string);
  return s;
}

function completeSale(ctx: MockCtx, cart: CartInput, tenders: TenderInput[], tokens: unknown[]): SaleDone {
  const session = ctx.requireSession();
  const needsApproval = cart.manualDiscount !== 0 || cart.lines.some((l) => l.priceOverride !== null);
  const mayAlone = session.staff.role === "owner" || session.staff.role === "manager";
  if (needsApproval && !mayAlone) {
    if (tokens.length === 0) fail("forbidden", "a manual discount or a typed price needs a manager's PIN", "approval");
    tokens.forEach(spendApproval);
  }
  const shift = mockShiftState.current ?? fail("conflict", "open a shift first (开班)");
  const p = priceCart(ctx, cart);
  if (p.member === null && cart.memberId) fail("validation", "this member is archived", "memberId");
  const paid = checkTenders(tenders, p.total, p.topUpTotal, p.member);
  const base = p.lines.filter((l) => l.kind !== "top_up").reduce((a, l) => a + l.amount, 0) - paid.pointsValue;
  const pointsEarned = pointsFor(p.member, base);

  // The ledgers, all together (nothing above wrote anything).
  const m = p.member;
  for (const l of p.lines) {
    if (l.kind === "product") push(stockMoves, l.itemId, -l.qty);
    if (l.kind === "package_redemption") push(sessionMoves, l.itemId, -1);
    if (m && l.kind === "top_up") {
      const plan = topUpPlans.find((x) => x.id === l.itemId)!;
      push(storedLedger, m.id, plan.pay + plan.bonus);
    }
    if (m && l.kind === "package_purchase") {
      const plan = packagePlans.find((x) => x.id === l.itemId)!;
      grantPackage(m.id, plan, plan.sessions, isoDay(Date.now() + plan.validDays * DAY));
    }
  }
  if (m && paid.stored > 0) push(storedLedger, m.id, -paid.stored);
  if (m && paid.pointsUsed > 0) push(pointsLedger, m.id, -paid.pointsUsed);
  if (m && pointsEarned > 0) push(pointsLedger, m.id, pointsEarned);
  if (p.coupon) p.coupon.used += 1;

  const sale: MockSale = {
    id: crypto.randomUUID(), receiptNo: `S01-001-${String(++receiptSeq).padStart(6, "0")}`,
    createdAt: new Date().toISOString(), cashierName: session.staff.name, member: m,
    lines: p.lines.map((l) => ({ ...l, staffNames: l.staff.map((s) => ctx.staffName(s.staffId) ?? "?") })),
    tenders: tenders.map((t) => ({ ...t })), subtotal: p.lines.reduce((a, l) => a + l.unitPrice * l.qty, 0),
    discountTotal: p.lines.reduce((a, l) => a + l.tier + l.coupon + l.manual, 0), total: p.total,
    change: paid.change, pointsEarned, shiftId: shift.id,
  };
  mockSales.push(sale);
  ctx.visited(m?.id ?? null, 1 + p.lines.length);
  return {
    saleId: sale.id, receiptNo: sale.receiptNo, total: sale.total, change: sale.change, pointsEarned,
    print: mockPrinter.autoPrint ? printSale(sale.id) : null,
  };
}

// ---- The receipt as text (the core's receipt/layout.rs, simplified) ----

const width = (s: string) => [...s].reduce((a, c) => a + (/[\u1100-\uffff]/.test(c) && c !== "¥" ? 2 : 1), 0);
const padTo = (s: string, cols: number) => s + " ".repeat(Math.max(0, cols - width(s)));
const centre = (s: string, cols: number) => " ".repeat(Math.max(0, Math.floor((cols - width(s)) / 2))) + s;

const RECEIPT_WORDS = {
  "zh-CN": {
    store: "SalonDesk 美业", sale: "销售", reprint: "** 重打 REPRINT **", receiptNo: "单号", time: "时间", cashier: "收银员",
    member: "会员", memberNo: "会员卡号", discount: "优惠", staff: "员工", subtotal: "小计", total: "合计", change: "找零",
    pointsEarned: "本次积分", pointsBalance: "积分余额", storedValue: "储值余额", colon: "：", footer: "谢谢惠顾 Thank you",
    tier: { standard: "普通会员", silver: "银卡会员", gold: "金卡会员", platinum: "白金会员" } as Record<Tier, string>,
    tenders: { cash: "现金", bank_card: "银行卡", wechat_pay: "微信支付", alipay: "支付宝", stored_value: "储值", points: "积分" } as Record<string, string>,
    tierDiscount: "会员折扣", coupon: "优惠券", manual: "整单优惠",
  },
  en: {
    store: "SalonDesk Beauty", sale: "Sale", reprint: "** REPRINT **", receiptNo: "Receipt no.", time: "Time", cashier: "Cashier",
    member: "Member", memberNo: "Member no.", discount: "Discount", staff: "Staff", subtotal: "Subtotal", total: "TOTAL", change: "Change",
    pointsEarned: "Points earned", pointsBalance: "Points balance", storedValue: "Stored value", colon: ": ", footer: "谢谢惠顾 Thank you",
    tier: { standard: "Standard", silver: "Silver", gold: "Gold", platinum: "Platinum" } as Record<Tier, string>,
    tenders: { cash: "Cash", bank_card: "Bank card", wechat_pay: "WeChat Pay", alipay: "Alipay", stored_value: "Stored value", points: "Points" } as Record<string, string>,
    tierDiscount: "Tier discount", coupon: "Coupon", manual: "Discount",
  },
};

function receiptText(saleId: string, lang: string, reprint: boolean): string {
  const s = mockSales.find((x) => x.id === saleId) ?? fail("not_found", "sale not found");
  const w = RECEIPT_WORDS[lang.startsWith("en") ? "en" : "zh-CN"];
  const cols = mockPrinter.paperMm === 80 ? 48 : 32;
  const out: string[] = [];
  const rule = () => out.push("-".repeat(cols));
  const pair = (left: string, right: string) => {
    if (width(left) + 1 + width(right) <= cols) out.push(padTo(left, cols - width(right)) + right);
    else out.push(left, " ".repeat(Math.max(0, cols - width(right))) + right);
  };
  const time = new Date(s.createdAt);
  const stamp = `${isoDay(time.getTime())} ${String(time.getHours()).padStart(2, "0")}:${String(time.getMinutes()).padStart(2, "0")}`;
  out.push(centre(w.store, cols));
  rule();
  out.push(centre(w.sale, cols));
  if (reprint) out.push(centre(w.reprint, cols));
  out.push(`${w.receiptNo}${w.colon}${s.receiptNo}`, `${w.time}${w.colon}${stamp}`, `${w.cashier}${w.colon}${s.cashierName}`);
  if (s.member) {
    out.push(`${w.member}${w.colon}${s.member.name} (${w.tier[s.member.tier]})`, `${w.memberNo}${w.colon}${s.member.memberNo}`);
  }
  rule();
  for (const l of s.lines) {
    out.push(l.name);
    pair(`  ${l.qty} x ${money(l.unitPrice)}`, money(l.amount));
    const notes: string[] = [];
    const off = l.tier + l.coupon + l.manual;
    if (off > 0) notes.push(`${w.discount} ${money(off)}`);
    if (l.staffNames.length > 0) notes.push(`${w.staff}${w.colon}${l.staffNames.join("/")}`);
    if (notes.length > 0) {
      const joined = `  ${notes.join("  ")}`;
      if (width(joined) <= cols) out.push(joined);
      else out.push(...notes.map((n) => `  ${n}`));
    }
  }
  rule();
  pair(w.subtotal, money(s.subtotal));
  const part = (f: (l: Priced) => number) => s.lines.reduce((a, l) => a + f(l), 0);
  for (const [label, amount] of [[w.tierDiscount, part((l) => l.tier)], [w.coupon, part((l) => l.coupon)], [w.manual, part((l) => l.manual)]] as const) {
    if (amount > 0) pair(label, `-${money(amount)}`);
  }
  pair(w.total, money(s.total));
  rule();
  for (const t of s.tenders) {
    const value = t.kind === "points" ? t.points * POINT_VALUE_FEN : t.amount;
    const ref = t.kind === "bank_card" ? ` ${t.reference} *${t.last4}` : t.kind === "wechat_pay" || t.kind === "alipay" ? ` ${t.reference}` : "";
    pair(`${w.tenders[t.kind] ?? t.kind}${ref}`, money(value));
  }
  pair(w.change, money(s.change));
  if (s.member) {
    rule();
    pair(w.pointsEarned, `+${s.pointsEarned}`);
    pair(w.pointsBalance, String(pointsOf(s.member.id)));
    pair(w.storedValue, money(storedOf(s.member.id)));
  }
  rule();
  out.push(centre(w.footer, cols));
  return out.join("\n");
}

// ---- The commands ----

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function checkoutHandlers(ctx: MockCtx): Record<string, (a: Args) => unknown> {
  return {
    catalog: (a) => { ctx.requireSession(); return catalog(str(a.query)); },
    product_by_barcode: (a) => {
      ctx.requireSession();
      const p = products.find((x) => x.active && x.barcode === str(a.barcode).trim());
      return p ? productItem(p) : null;
    },
    member_balances: (a) => {
      ctx.requireSession();
      if (!ctx.member(str(a.memberId))) fail("not_found", "member not found");
      return balances(str(a.memberId));
    },
    quote_cart: (a) => { ctx.requireSession(); return quote(ctx, a.cart as CartInput); },
    approve_action: (a) => { ctx.requireSession(); return approve(ctx, a.approval); },
    complete_sale: (a) => completeSale(ctx, a.cart as CartInput, (a.tenders ?? []) as TenderInput[], Array.isArray(a.approvals) ? a.approvals : []),
    receipt_text: (a) => { ctx.requireSession(); return receiptText(str(a.saleId), str(a.lang), a.reprint === true); },
    print_receipt: (a) => {
      ctx.requireSession();
      if (!mockPrinter.autoPrint && !mockPrinter.target) return { ok: false, target: null, error: "no receipt printer is set up (Settings)" };
      return printSale(str(a.saleId));
    },
    current_shift: () => { ctx.requireSession(); return mockShiftState.current ? zReport(mockShiftState.current) : null; },
  };
}

/** Opens the demo shift (as the first cashier would in the morning), unless the URL says not to. */
export function presetCheckoutFromUrl(params: URLSearchParams, openedBy: string): void {
  if (params.get("printer") === "fail") mockPrinter.failNext = true;
  if (params.get("printer") === "off") mockPrinter.autoPrint = false;
  if (params.get("shift") !== "closed") {
    mockShiftState.current = {
      id: crypto.randomUUID(), openedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(), openedBy,
      float: yuan(500), closedAt: null, payIns: 0, payOuts: 0,
    };
  }
}

// ---- For the sales-history mock (mock-sales.ts): a refund reverses these ledgers, takes the
// next receipt number of this device, and the demo history is written with the same catalog.
export const mockLedgers = {
  pointsLedger, storedLedger, sessionMoves, stockMoves, memberPackages, services, products, topUpPlans, packagePlans,
  pointValueFen: POINT_VALUE_FEN, pointsOf, storedOf, sessionsLeft, balances, grantPackage,
};
export const nextReceiptNo = () => `S01-001-${String(++receiptSeq).padStart(6, "0")}`;
export { receiptText as checkoutReceiptText };
