// The sales-history side of the in-browser mock backend (see mock.ts and mock-checkout.ts): the
// shift (open with a float, pay in/out, open the drawer, close with counts, the Z report), the
// list of sales, one sale, refunds and voids with a manager's PIN, the receipt of a refund,
// printing, and this device's printer settings. It follows the core's rules and errors
// (crates/salondesk-core/src/checkout/refund.rs, shift/mod.rs, receipt/printer.rs):
//   - a refund or void needs an open shift; a void only a sale of the open shift, nothing refunded;
//   - no line is refunded twice; money goes back to the tenders it came from in proportion,
//     worked out cumulatively; cash given as change is not refundable as cash;
//   - refunding a top-up takes back what was paid and voids its bonus, and is refused once the
//     stored value has been spent; a package is refundable only while none of it is used;
//   - points the sale earned come back off in proportion.
// Sales written by checkout (mock-checkout.ts `mockSales`) are the same list; refunds and voids
// are kept here. The demo day of history (`?mock=demo`) is written by mock-sales-demo.ts.
import type {
  ApiError, CountedInput, ErrorCode, PrintResult, PrinterSettingsView, SaleDone, SaleLineView, SaleSummaryView,
  SaleTenderView, SaleView, StaffBrief, TenderInput, TenderTotalView, ZReportView,
} from "./bindings";
import {
  checkoutReceiptText, mockLedgers as L, mockPrinter, mockSales, mockShiftState, nextReceiptNo, spendApproval,
  type MockCtx, type MockMember, type MockSale, type MockShift,
} from "./mock-checkout";

type Args = Record<string, unknown>;
export type Line = MockSale["lines"][number];

function fail(code: ErrorCode, message: string, field: string | null = null): never {
  const error: ApiError = { code, message, field, memberId: null };
  throw error;
}
const str = (v: unknown) => (typeof v === "string" ? v : "");
const money = (fen: number) => `${fen < 0 ? "-" : ""}¥${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, "0")}`;
export const push = <K>(m: Map<K, number[]>, k: K, v: number) => m.set(k, [...(m.get(k) ?? []), v]);

// ---- State ----

/** A refund or void: a new sale-shaped record with negative amounts. */
export type RefundRecord = {
  id: string; receiptNo: string; kind: "refund" | "void"; originalSaleId: string; createdAt: string;
  cashierName: string; approverName: string; member: MockMember | null; shiftId: string | null;
  lines: Array<{ id: string; originalLineId: string; kind: string; name: string; qty: number; unitPrice: number; discount: number; amount: number; staff: string[] }>;
  tenders: SaleTenderView[]; subtotal: number; discountTotal: number; total: number; pointsEarned: number;
};

type DrawerMove = { shiftId: string; kind: "pay_in" | "pay_out"; amount: number; reason: string; at: string; by: string };
export type ClosedShift = MockShift & { counted: Record<string, number>; closedBy: string };

export const refunds: RefundRecord[] = [];
export const drawerMoves: DrawerMove[] = [];
const drawerOpenings: Array<{ at: string; by: string; reason: string }> = [];
export const closedShifts: ClosedShift[] = [];
const lineIds = new WeakMap<Line, string>();

export function lineId(line: Line): string {
  let id = lineIds.get(line);
  if (!id) lineIds.set(line, (id = crypto.randomUUID()));
  return id;
}

export const tenderValue = (t: TenderInput) => (t.kind === "points" ? t.points * L.pointValueFen : t.amount);
const refundsOf = (saleId: string) => refunds.filter((r) => r.originalSaleId === saleId);
const refundedLineIds = (saleId: string) => new Set(refundsOf(saleId).flatMap((r) => r.lines.map((l) => l.originalLineId)));

// ---- Reading sales back ----

function saleView(s: MockSale): SaleView {
  const refunded = refundedLineIds(s.id);
  const lines: SaleLineView[] = s.lines.map((l) => ({
    id: lineId(l), kind: l.kind, name: l.name, qty: l.qty, unitPrice: l.unitPrice, discount: l.tier + l.coupon + l.manual,
    amount: l.amount, staff: [...l.staffNames], refunded: refunded.has(lineId(l)),
  }));
  const tenders: SaleTenderView[] = s.tenders.map((t) => ({
    kind: t.kind, amount: tenderValue(t),
    reference: t.kind === "bank_card" || t.kind === "wechat_pay" || t.kind === "alipay" ? t.reference : null,
    cardLast4: t.kind === "bank_card" ? t.last4 : null, points: t.kind === "points" ? t.points : null,
  }));
  return {
    id: s.id, receiptNo: s.receiptNo, kind: "sale", originalReceiptNo: null, shiftId: s.shiftId, memberId: s.member?.id ?? null,
    memberName: s.member?.name ?? null, memberTier: s.member?.tier ?? null, cashierName: s.cashierName,
    createdAt: s.createdAt, subtotal: s.subtotal, discountTotal: s.discountTotal, total: s.total, change: s.change,
    pointsEarned: s.pointsEarned, lines, tenders,
  };
}

function refundView(r: RefundRecord): SaleView {
  const original = mockSales.find((s) => s.id === r.originalSaleId);
  return {
    id: r.id, receiptNo: r.receiptNo, kind: r.kind, originalReceiptNo: original?.receiptNo ?? null,
    shiftId: r.shiftId ?? null, memberId: r.member?.id ?? null, memberName: r.member?.name ?? null, memberTier: r.member?.tier ?? null,
    cashierName: r.cashierName, createdAt: r.createdAt, subtotal: r.subtotal, discountTotal: r.discountTotal,
    total: r.total, change: 0, pointsEarned: r.pointsEarned,
    lines: r.lines.map((l) => ({ id: l.id, kind: l.kind, name: l.name, qty: l.qty, unitPrice: l.unitPrice, discount: l.discount, amount: l.amount, staff: [...l.staff], refunded: false })),
    tenders: r.tenders.map((t) => ({ ...t })),
  };
}

function anyView(id: string): SaleView {
  const s = mockSales.find((x) => x.id === id);
  if (s) return saleView(s);
  const r = refunds.find((x) => x.id === id);
  if (r) return refundView(r);
  return fail("not_found", "sale not found");
}

function recentSales(memberId: string | null, limit: number): SaleSummaryView[] {
  const rows: Array<SaleSummaryView & { memberId: string | null }> = [
    ...mockSales.map((s) => ({
      id: s.id, receiptNo: s.receiptNo, kind: "sale", memberName: s.member?.name ?? null, total: s.total, createdAt: s.createdAt,
      fullyRefunded: s.lines.length > 0 && s.lines.every((l) => refundedLineIds(s.id).has(lineId(l))),
      memberId: s.member?.id ?? null,
    })),
    ...refunds.map((r) => ({
      id: r.id, receiptNo: r.receiptNo, kind: r.kind, memberName: r.member?.name ?? null, total: r.total, createdAt: r.createdAt,
      fullyRefunded: false, memberId: r.member?.id ?? null,
    })),
  ];
  return rows
    .filter((r) => memberId === null || r.memberId === memberId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.receiptNo.localeCompare(a.receiptNo))
    .slice(0, Math.max(1, Math.min(500, limit)))
    .map(({ memberId: _m, ...rest }) => rest);
}

// ---- Refunds and voids ----

/** Splits `total` over `weights` to the fen, largest remainders first (the core's allocate). */
function allocate(total: number, weights: number[]): number[] {
  const all = weights.reduce((a, b) => a + b, 0);
  if (all === 0 || total === 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((total * w) / all));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => [(total * w) % all, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

function approve(ctx: MockCtx, approval: unknown): StaffBrief {
  const session = ctx.requireSession();
  if (approval === null || approval === undefined) {
    if (session.staff.role === "owner" || session.staff.role === "manager") return session.staff;
    fail("forbidden", "a refund needs a manager's approval", "approval");
  }
  return spendApproval(approval);
}

function refundSale(ctx: MockCtx, saleId: string, lineIdsWanted: string[] | null, isVoid: boolean, approval: unknown): SaleDone {
  const session = ctx.requireSession();
  const approver = approve(ctx, approval);
  const shift = mockShiftState.current;
  if (!shift) fail("conflict", "open a shift first (开班)");
  const sale = mockSales.find((s) => s.id === saleId);
  if (!sale) {
    if (refunds.some((r) => r.id === saleId)) fail("validation", "only a sale can be refunded", "saleId");
    fail("not_found", "sale not found");
  }
  const already = refundedLineIds(sale.id);
  if (isVoid && (sale.shiftId !== shift.id || already.size > 0)) {
    fail("conflict", "only a sale of this open shift with nothing refunded can be voided");
  }
  let chosen: Line[];
  if (lineIdsWanted !== null && !isVoid) {
    if (lineIdsWanted.length === 0) fail("validation", "choose the lines to refund", "lines");
    chosen = [];
    for (const id of lineIdsWanted) {
      const line = sale.lines.find((l) => lineId(l) === id) ?? fail("validation", "that line is not on this sale", "lines");
      if (already.has(id) || chosen.includes(line)) fail("conflict", `${line.name} has already been refunded`);
      chosen.push(line);
    }
  } else {
    chosen = sale.lines.filter((l) => !already.has(lineId(l)));
  }
  if (chosen.length === 0) fail("conflict", "everything on this sale has already been refunded");

  // Check everything that can refuse before writing anything (the core does it in one transaction).
  const m = sale.member;
  const topUpTotal = sale.lines.filter((l) => l.kind === "top_up").reduce((a, l) => a + l.amount, 0);
  const bonusTotal = sale.lines.filter((l) => l.kind === "top_up")
    .reduce((a, l) => a + (L.topUpPlans.find((p) => p.id === l.itemId)?.bonus ?? 0), 0);
  let storedNeeded = 0;
  const packagesBack: Array<{ id: string; left: number }> = [];
  for (const line of chosen) {
    if (line.kind === "top_up") {
      if (!m) fail("internal", "a prepaid line without a member");
      const bonus = topUpTotal > 0 ? Math.floor((bonusTotal * line.amount) / topUpTotal) : 0;
      storedNeeded += line.amount + bonus;
      const balance = L.storedOf(m.id);
      if (balance < storedNeeded) {
        fail("conflict", `the top-up has been spent: the stored value balance ${money(balance)} is less than the ${money(line.amount + bonus)} it added`);
      }
    }
    if (line.kind === "package_purchase" && m) {
      const k = L.memberPackages.find((p) => p.memberId === m.id && p.planId === line.itemId
        && !packagesBack.some((b) => b.id === p.id) && L.sessionsLeft(p.id) > 0);
      const plan = L.packagePlans.find((p) => p.id === line.itemId);
      if (!k || !plan || L.sessionsLeft(k.id) !== plan.sessions) fail("conflict", `${line.name} has sessions used: it cannot be refunded`);
      packagesBack.push({ id: k.id, left: L.sessionsLeft(k.id) });
    }
  }

  const now = new Date().toISOString();
  const record: RefundRecord = {
    id: crypto.randomUUID(), receiptNo: nextReceiptNo(), kind: isVoid ? "void" : "refund", originalSaleId: sale.id,
    createdAt: now, cashierName: session.staff.name, approverName: approver.name, member: m, shiftId: shift.id,
    lines: [], tenders: [], subtotal: 0, discountTotal: 0, total: 0, pointsEarned: 0,
  };
  for (const line of chosen) {
    const discount = line.tier + line.coupon + line.manual;
    record.lines.push({
      id: crypto.randomUUID(), originalLineId: lineId(line), kind: line.kind, name: line.name, qty: -line.qty,
      unitPrice: line.unitPrice, discount: -discount, amount: -line.amount, staff: [...line.staffNames],
    });
    if (line.kind === "product") push(L.stockMoves, line.itemId, line.qty);
    if (line.kind === "package_redemption") push(L.sessionMoves, line.itemId, 1);
    if (line.kind === "top_up" && m) {
      const bonus = topUpTotal > 0 ? Math.floor((bonusTotal * line.amount) / topUpTotal) : 0;
      push(L.storedLedger, m.id, -line.amount);
      if (bonus > 0) push(L.storedLedger, m.id, -bonus);
    }
  }
  for (const k of packagesBack) push(L.sessionMoves, k.id, -k.left);

  // Money back to each tender: its share of everything refunded so far, less earlier refunds.
  const weights = sale.tenders.map((t) => tenderValue(t));
  let changeLeft = sale.change;
  sale.tenders.forEach((t, i) => {
    if (t.kind !== "cash") return;
    const take = Math.min(changeLeft, weights[i]!);
    weights[i]! -= take;
    changeLeft -= take;
  });
  const amountOf = (lines: Line[]) => lines.reduce((a, l) => a + l.amount, 0);
  const before = amountOf(sale.lines.filter((l) => already.has(lineId(l))));
  const nowTotal = before + amountOf(chosen);
  const targetBefore = allocate(before, weights);
  const targetNow = allocate(nowTotal, weights);
  sale.tenders.forEach((t, i) => {
    const back = targetNow[i]! - targetBefore[i]!;
    if (back === 0) return;
    const points = t.kind === "points" ? -Math.floor(back / L.pointValueFen) : null;
    record.tenders.push({
      kind: t.kind, amount: -back,
      reference: t.kind === "bank_card" || t.kind === "wechat_pay" || t.kind === "alipay" ? t.reference : null,
      cardLast4: t.kind === "bank_card" ? t.last4 : null, points,
    });
    if (m && t.kind === "stored_value") push(L.storedLedger, m.id, back);
    if (m && t.kind === "points") push(L.pointsLedger, m.id, Math.floor(back / L.pointValueFen));
  });

  // Points the sale earned come back off in proportion (all of them once every line is back).
  if (m && sale.pointsEarned > 0) {
    const earning = (l: Line) => (l.kind === "top_up" ? 0 : l.amount);
    const base = sale.lines.reduce((a, l) => a + earning(l), 0);
    const part = (lines: Line[]) => lines.reduce((a, l) => a + earning(l), 0);
    const earnedBefore = part(sale.lines.filter((l) => already.has(lineId(l))));
    const earnedNow = earnedBefore + part(chosen);
    const target = (p: number) => (base === 0 || p >= base ? (p >= base ? sale.pointsEarned : 0) : Math.floor((sale.pointsEarned * p) / base));
    const back = target(earnedNow) - target(earnedBefore);
    if (back > 0) {
      push(L.pointsLedger, m.id, -back);
      record.pointsEarned = -back;
    }
  }

  const refundTotal = amountOf(chosen);
  const discountTotal = chosen.reduce((a, l) => a + l.tier + l.coupon + l.manual, 0);
  record.subtotal = -(refundTotal + discountTotal);
  record.discountTotal = -discountTotal;
  record.total = -refundTotal;
  refunds.push(record);
  ctx.visited(null, 1 + chosen.length);
  return {
    saleId: record.id, receiptNo: record.receiptNo, total: record.total, change: 0, pointsEarned: 0,
    print: mockPrinter.autoPrint && mockPrinter.target.trim() !== "" ? print(record.id) : null,
  };
}

// ---- Printing and the printer ----

function print(saleId: string): PrintResult {
  anyView(saleId);
  const path = mockPrinter.target.trim();
  if (path === "") return { ok: false, target: null, error: "no receipt printer is set up (Settings)" };
  if (mockPrinter.failNext) {
    mockPrinter.failNext = false;
    return { ok: false, target: path, error: `${path}: No such device (is the printer on and connected?)` };
  }
  const receiptNo = anyView(saleId).receiptNo;
  const target = path.endsWith("/") ? `${path}${receiptNo}.escpos` : path;
  return { ok: true, target, error: null };
}

function printerSettings(): PrinterSettingsView {
  return { path: mockPrinter.target, paperMm: mockPrinter.paperMm, lang: mockPrinter.lang, autoPrint: mockPrinter.autoPrint };
}

function savePrinterSettings(input: unknown): PrinterSettingsView {
  const i = (input ?? {}) as Partial<PrinterSettingsView>;
  if (i.paperMm !== 58 && i.paperMm !== 80) fail("validation", "paper is 58 or 80 mm", "paperMm");
  if (i.lang !== "zh-CN" && i.lang !== "en") fail("validation", "receipts print in zh-CN or en", "lang");
  mockPrinter.target = str(i.path).trim();
  mockPrinter.paperMm = i.paperMm;
  mockPrinter.lang = i.lang;
  mockPrinter.autoPrint = i.autoPrint === true;
  return printerSettings();
}

// ---- The receipt of a refund or void (a sale's comes from mock-checkout.ts) ----

const width = (s: string) => [...s].reduce((a, c) => a + (/[\u1100-\uffff]/.test(c) && c !== "¥" ? 2 : 1), 0);

function refundReceiptText(r: RefundRecord, lang: string, reprint: boolean): string {
  const en = lang.startsWith("en");
  const cols = mockPrinter.paperMm === 80 ? 48 : 32;
  const w = en
    ? { store: "SalonDesk Beauty", kind: r.kind === "void" ? "Void" : "Refund", reprint: "** REPRINT **", no: "Receipt no.", orig: "Original receipt no.", time: "Time", cashier: "Cashier", member: "Member", total: "TOTAL", subtotal: "Subtotal", colon: ": ", discount: "Discount", points: "Points earned" }
    : { store: "SalonDesk 美业", kind: r.kind === "void" ? "作废" : "退款", reprint: "** 重打 REPRINT **", no: "单号", orig: "原单号", time: "时间", cashier: "收银员", member: "会员", total: "合计", subtotal: "小计", colon: "：", discount: "优惠", points: "本次积分" };
  const tenderWords: Record<string, string> = en
    ? { cash: "Cash", bank_card: "Bank card", wechat_pay: "WeChat Pay", alipay: "Alipay", stored_value: "Stored value", points: "Points" }
    : { cash: "现金", bank_card: "银行卡", wechat_pay: "微信支付", alipay: "支付宝", stored_value: "储值", points: "积分" };
  const out: string[] = [];
  const centre = (s: string) => out.push(" ".repeat(Math.max(0, Math.floor((cols - width(s)) / 2))) + s);
  const rule = () => out.push("-".repeat(cols));
  const pair = (left: string, right: string) => {
    if (width(left) + 1 + width(right) <= cols) out.push(left + " ".repeat(cols - width(left) - width(right)) + right);
    else out.push(left, " ".repeat(Math.max(0, cols - width(right))) + right);
  };
  const neg = (fen: number) => money(-Math.abs(fen));
  const at = new Date(r.createdAt);
  const pad = (n: number) => String(n).padStart(2, "0");
  centre(w.store);
  rule();
  centre(w.kind);
  if (reprint) centre(w.reprint);
  out.push(`${w.no}${w.colon}${r.receiptNo}`);
  const original = mockSales.find((s) => s.id === r.originalSaleId);
  if (original) out.push(`${w.orig}${w.colon}${original.receiptNo}`);
  out.push(`${w.time}${w.colon}${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`);
  out.push(`${w.cashier}${w.colon}${r.cashierName}`);
  if (r.member) out.push(`${w.member}${w.colon}${r.member.name}`);
  rule();
  for (const l of r.lines) {
    out.push(l.name);
    pair(`  ${Math.abs(l.qty)} x ${money(l.unitPrice)}`, neg(l.amount));
    if (l.discount !== 0) out.push(`  ${w.discount} ${money(Math.abs(l.discount))}`);
  }
  rule();
  pair(w.subtotal, neg(r.subtotal));
  pair(w.total, neg(r.total));
  rule();
  for (const t of r.tenders) pair(tenderWords[t.kind] ?? t.kind, neg(t.amount));
  if (r.member && r.pointsEarned !== 0) pair(w.points, String(r.pointsEarned));
  rule();
  centre("谢谢惠顾 Thank you");
  return out.join("\n");
}

// ---- The shift ----

export function zReport(shift: MockShift | ClosedShift): ZReportView {
  const sales = mockSales.filter((s) => s.shiftId === shift.id);
  const backs = refunds.filter((r) => r.shiftId === shift.id);
  const moves = drawerMoves.filter((d) => d.shiftId === shift.id);
  const payIns = moves.filter((d) => d.kind === "pay_in").reduce((a, d) => a + d.amount, 0);
  const payOuts = moves.filter((d) => d.kind === "pay_out").reduce((a, d) => a + d.amount, 0);
  const expected = new Map<string, number>([["cash", shift.float + payIns + payOuts]]);
  const add = (kind: string, fen: number) => expected.set(kind, (expected.get(kind) ?? 0) + fen);
  for (const s of sales) {
    for (const t of s.tenders) add(t.kind, tenderValue(t));
    add("cash", -s.change);
  }
  for (const r of backs) for (const t of r.tenders) add(t.kind, t.amount);
  const counted = "counted" in shift ? shift.counted : null;
  const tenders: TenderTotalView[] = [...expected.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, exp]) => {
    const c = counted?.[kind];
    return { kind, expected: exp, counted: c ?? null, difference: c === undefined ? null : c - exp };
  });
  return {
    shiftId: shift.id, openedAt: shift.openedAt, closedAt: shift.closedAt, openedBy: shift.openedBy, float: shift.float,
    sales: sales.length, refunds: backs.length, salesTotal: sales.reduce((a, s) => a + s.total, 0),
    refundsTotal: backs.reduce((a, r) => a + r.total, 0),
    discountsTotal: sales.reduce((a, s) => a + s.discountTotal, 0) + backs.reduce((a, r) => a + r.discountTotal, 0),
    payIns, payOuts, tenders,
  };
}

function openShift(ctx: MockCtx, float: unknown): ZReportView {
  const session = ctx.requireSession();
  if (typeof float !== "number" || !Number.isSafeInteger(float)) fail("validation", "the float is an amount in fen", "float");
  if (float < 0) fail("validation", "the opening float cannot be negative", "float");
  if (mockShiftState.current) fail("conflict", "a shift is already open on this device");
  mockShiftState.current = {
    id: crypto.randomUUID(), openedAt: new Date().toISOString(), openedBy: session.staff.name, float,
    closedAt: null, payIns: 0, payOuts: 0,
  };
  ctx.visited(null, 1);
  return zReport(mockShiftState.current);
}

function payInOut(ctx: MockCtx, amount: unknown, reason: unknown): null {
  const session = ctx.requireSession();
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount === 0 || str(reason).trim() === "") {
    fail("validation", "an amount and a reason are needed", "amount");
  }
  const shift = mockShiftState.current ?? fail("conflict", "open a shift first (开班)");
  const kind = amount > 0 ? "pay_in" : "pay_out";
  drawerMoves.push({ shiftId: shift.id, kind, amount, reason: str(reason).trim(), at: new Date().toISOString(), by: session.staff.name });
  // mock-checkout's own running figures keep pay-outs as a positive number.
  if (amount > 0) shift.payIns += amount;
  else shift.payOuts += -amount;
  ctx.visited(null, 3);
  return null;
}

function closeShift(ctx: MockCtx, counted: unknown): ZReportView {
  const session = ctx.requireSession();
  const shift = mockShiftState.current ?? fail("conflict", "no shift is open");
  if (session.staff.role === "beautician") fail("forbidden", "a cashier, manager or the owner closes the shift");
  const list = Array.isArray(counted) ? (counted as CountedInput[]) : [];
  const byKind: Record<string, number> = {};
  for (const c of list) {
    if (typeof c?.kind !== "string" || !Number.isSafeInteger(c.amount)) fail("validation", "a count is a payment method and an amount", "counted");
    byKind[c.kind] = c.amount;
  }
  const closed: ClosedShift = { ...shift, closedAt: new Date().toISOString(), counted: byKind, closedBy: session.staff.name };
  closedShifts.push(closed);
  mockShiftState.current = null;
  ctx.visited(null, 1);
  return zReport(closed);
}

// ---- The commands ----

type Handler = (a: Args) => unknown;

/** Registered after checkoutHandlers; `previous` are the handlers already there (for delegation). */
export function salesHandlers(ctx: MockCtx, previous: Record<string, Handler>): Record<string, Handler> {
  const checkoutReceipt = previous.receipt_text;
  return {
    current_shift: () => { ctx.requireSession(); return mockShiftState.current ? zReport(mockShiftState.current) : null; },
    open_shift: (a) => openShift(ctx, a.float),
    pay_in_out: (a) => payInOut(ctx, a.amount, a.reason),
    open_drawer: (a) => {
      const session = ctx.requireSession();
      drawerOpenings.push({ at: new Date().toISOString(), by: session.staff.name, reason: str(a.reason).trim() });
      ctx.visited(null, 1);
      return null;
    },
    close_shift: (a) => closeShift(ctx, a.counted),
    z_report: (a) => {
      ctx.requireSession();
      const id = str(a.shiftId);
      const shift = mockShiftState.current?.id === id ? mockShiftState.current : closedShifts.find((s) => s.id === id);
      return zReport(shift ?? fail("not_found", "shift not found"));
    },
    recent_sales: (a) => {
      ctx.requireSession();
      const memberId = str(a.memberId) || null;
      return recentSales(memberId, typeof a.limit === "number" ? a.limit : 50);
    },
    get_sale: (a) => { ctx.requireSession(); return anyView(str(a.id)); },
    sale_by_receipt_no: (a) => {
      ctx.requireSession();
      const no = str(a.receiptNo).trim();
      const found = mockSales.find((s) => s.receiptNo === no)?.id ?? refunds.find((r) => r.receiptNo === no)?.id;
      return anyView(found ?? fail("not_found", "sale not found"));
    },
    refund_sale: (a) => refundSale(ctx, str(a.saleId), Array.isArray(a.lineIds) ? (a.lineIds as string[]) : null, a.void === true, a.approval),
    receipt_text: (a) => {
      ctx.requireSession();
      const r = refunds.find((x) => x.id === str(a.saleId));
      if (r) return refundReceiptText(r, str(a.lang), a.reprint === true);
      return checkoutReceipt ? checkoutReceipt(a) : checkoutReceiptText(str(a.saleId), str(a.lang), a.reprint === true);
    },
    print_receipt: (a) => { ctx.requireSession(); return print(str(a.saleId)); },
    printer_settings: () => { ctx.requireSession(); return printerSettings(); },
    save_printer_settings: (a) => { ctx.requireSession(); return savePrinterSettings(a.input); },
  };
}
