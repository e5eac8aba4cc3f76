// The demo day of sales history for the in-browser mock backend (`?mock=demo`), written into
// mock-sales.ts's state: the open shift's sales (a 3-line sale for the 金卡 member paid with
// stored value and cash, a sale with one line refunded, a top-up, a walk-in, a package session),
// pay-ins and pay-outs, and yesterday's closed shift with its count.

import type { TenderInput, Tier } from "./bindings";
import { mockLedgers as L, mockSales, mockShiftState, type MockMember, type MockSale } from "./mock-checkout";
import {
  closedShifts, drawerMoves, lineId, push, refunds, tenderValue, zReport, type ClosedShift, type Line,
} from "./mock-sales";

type DemoLine = { kind: "service" | "product" | "top_up" | "package_purchase" | "package_redemption"; name: string; qty?: number; staff?: string };

function demoSale(opts: {
  minutesAgo: number; member: MockMember | null; cashier: string; shiftId: string; lines: DemoLine[];
  tenders: TenderInput[]; staffIds: Record<string, string>; receiptNo: string;
}): MockSale {
  const tierBp: Record<Tier, number> = { standard: 0, silver: 500, gold: 1000, platinum: 1500 };
  const pointsPct: Record<Tier, number> = { standard: 100, silver: 120, gold: 150, platinum: 200 };
  const bp = opts.member ? tierBp[opts.member.tier] : 0;
  const lines: Line[] = opts.lines.map((d) => {
    const qty = d.qty ?? 1;
    let itemId = "";
    let unitPrice = 0;
    if (d.kind === "service") ({ id: itemId, price: unitPrice } = L.services.find((s) => s.name === d.name)!);
    else if (d.kind === "product") ({ id: itemId, price: unitPrice } = L.products.find((p) => p.name === d.name)!);
    else if (d.kind === "top_up") ({ id: itemId, pay: unitPrice } = L.topUpPlans.find((p) => p.name === d.name)!);
    else if (d.kind === "package_purchase") ({ id: itemId, price: unitPrice } = L.packagePlans.find((p) => p.name === d.name)!);
    else itemId = L.memberPackages.find((k) => k.memberId === opts.member?.id && k.name === d.name)?.id ?? "";
    const list = unitPrice * qty;
    const tier = d.kind === "service" || d.kind === "product" || d.kind === "package_purchase" ? Math.floor((list * bp) / 10_000) : 0;
    const staffId = d.staff ? opts.staffIds[d.staff] : undefined;
    return {
      kind: d.kind, itemId, name: d.name, qty, unitPrice, overridden: false,
      staff: staffId ? [{ staffId, shareBp: 10_000 }] : [], tier, coupon: 0, manual: 0, amount: list - tier,
      staffNames: d.staff ? [d.staff] : [],
    };
  });
  const total = lines.reduce((a, l) => a + l.amount, 0);
  const paid = opts.tenders.reduce((a, t) => a + tenderValue(t), 0);
  const m = opts.member;
  const base = lines.filter((l) => l.kind !== "top_up").reduce((a, l) => a + l.amount, 0)
    - opts.tenders.filter((t) => t.kind === "points").reduce((a, t) => a + tenderValue(t), 0);
  const pointsEarned = m ? Math.floor((Math.floor(base / 100) * pointsPct[m.tier]) / 100) : 0;
  if (m) {
    for (const l of lines) {
      if (l.kind === "top_up") {
        const plan = L.topUpPlans.find((p) => p.id === l.itemId)!;
        push(L.storedLedger, m.id, plan.pay + plan.bonus);
      }
      if (l.kind === "package_redemption" && l.itemId) push(L.sessionMoves, l.itemId, -1);
    }
    for (const t of opts.tenders) {
      if (t.kind === "stored_value") push(L.storedLedger, m.id, -t.amount);
      if (t.kind === "points") push(L.pointsLedger, m.id, -t.points);
    }
    if (pointsEarned > 0) push(L.pointsLedger, m.id, pointsEarned);
  }
  for (const l of lines) if (l.kind === "product") push(L.stockMoves, l.itemId, -l.qty);
  const sale: MockSale = {
    id: crypto.randomUUID(), receiptNo: opts.receiptNo, createdAt: new Date(Date.now() - opts.minutesAgo * 60_000).toISOString(),
    cashierName: opts.cashier, member: m, lines, tenders: opts.tenders, subtotal: lines.reduce((a, l) => a + l.unitPrice * l.qty, 0),
    discountTotal: lines.reduce((a, l) => a + l.tier, 0), total, change: Math.max(0, paid - total), pointsEarned, shiftId: opts.shiftId,
  };
  mockSales.push(sale);
  return sale;
}

/**
 * A day of history for the demo: yesterday's closed shift and today's open one (opened by
 * presetCheckoutFromUrl), with their sales, a partial refund, pay-ins and pay-outs.
 * `members` are the known demo members: [0] the 金卡 member 880001, [1] the 银卡 member 880002.
 */
export function seedDemoSales(members: MockMember[], staffIds: Record<string, string>, staffNames: { cashier: string; manager: string; beautician: string; beautician2: string }): void {
  const [gold, silver] = members;
  if (!gold || !silver || mockSales.length > 0) return;
  const { cashier, manager, beautician, beautician2 } = staffNames;
  const day = 24 * 60;
  // Yesterday: opened 09:00-ish by the manager, closed after 12 hours, a little short in cash.
  const yesterday: ClosedShift = {
    id: crypto.randomUUID(), openedAt: new Date(Date.now() - (day + 6 * 60) * 60_000).toISOString(), openedBy: manager,
    float: 50_000, closedAt: new Date(Date.now() - (day - 6 * 60) * 60_000).toISOString(), payIns: 0, payOuts: 0,
    counted: {}, closedBy: manager,
  };
  const seq = (n: number) => `S01-001-${String(n).padStart(6, "0")}`;
  demoSale({ minutesAgo: day + 60, member: gold, cashier: manager, shiftId: yesterday.id, staffIds, receiptNo: seq(33),
    lines: [{ kind: "service", name: "精油全身SPA", staff: beautician }],
    tenders: [{ kind: "bank_card", amount: 61_920, reference: "T20261122-0087", last4: "6217" }] });
  demoSale({ minutesAgo: day - 3 * 60, member: null, cashier: manager, shiftId: yesterday.id, staffIds, receiptNo: seq(34),
    lines: [{ kind: "product", name: "防晒乳 SPF50 40ml" }],
    tenders: [{ kind: "cash", amount: 20_000 }] });
  drawerMoves.push({ shiftId: yesterday.id, kind: "pay_out", amount: -3_500, reason: "采购杂物", at: yesterday.openedAt, by: manager });
  const yz = zReport(yesterday);
  const cashExpected = yz.tenders.find((x) => x.kind === "cash")?.expected ?? 0;
  yesterday.counted = { cash: cashExpected - 300, bank_card: yz.tenders.find((x) => x.kind === "bank_card")?.expected ?? 0 };
  closedShifts.push(yesterday);

  const open = mockShiftState.current;
  if (!open) return;
  drawerMoves.push({ shiftId: open.id, kind: "pay_in", amount: 20_000, reason: "补充零钱", at: new Date(Date.now() - 170 * 60_000).toISOString(), by: cashier });
  open.payIns += 20_000;
  demoSale({ minutesAgo: 160, member: gold, cashier, shiftId: open.id, staffIds, receiptNo: seq(35),
    lines: [
      { kind: "service", name: "基础补水护理", staff: beautician },
      { kind: "service", name: "深层清洁", staff: beautician },
      { kind: "product", name: "玻尿酸保湿精华 30ml", staff: beautician },
    ],
    tenders: [{ kind: "stored_value", amount: 50_000 }, { kind: "cash", amount: 26_000 }] });
  const nails = demoSale({ minutesAgo: 120, member: silver, cashier, shiftId: open.id, staffIds, receiptNo: seq(36),
    lines: [{ kind: "service", name: "日式美甲", staff: beautician2 }, { kind: "product", name: "氨基酸洁面乳 120g" }],
    tenders: [{ kind: "wechat_pay", amount: 36_670, reference: "4200002026112310472" }] });
  demoSale({ minutesAgo: 95, member: null, cashier, shiftId: open.id, staffIds, receiptNo: seq(37),
    lines: [{ kind: "service", name: "肩颈舒缓", staff: beautician2 }],
    tenders: [{ kind: "alipay", amount: 25_800, reference: "2026112322001416" }] });
  // The partial refund: the cleanser goes back (approved by the manager), to WeChat Pay.
  const cleanser = nails.lines[1]!;
  refunds.push({
    id: crypto.randomUUID(), receiptNo: seq(38), kind: "refund", originalSaleId: nails.id,
    createdAt: new Date(Date.now() - 80 * 60_000).toISOString(), cashierName: cashier, approverName: manager, member: silver,
    shiftId: open.id, subtotal: -cleanser.unitPrice, discountTotal: -cleanser.tier, total: -cleanser.amount, pointsEarned: 0,
    lines: [{ id: crypto.randomUUID(), originalLineId: lineId(cleanser), kind: "product", name: cleanser.name, qty: -1,
      unitPrice: cleanser.unitPrice, discount: -cleanser.tier, amount: -cleanser.amount, staff: [] }],
    tenders: [{ kind: "wechat_pay", amount: -cleanser.amount, reference: "4200002026112310472", cardLast4: null, points: null }],
  });
  push(L.stockMoves, cleanser.itemId, 1);
  drawerMoves.push({ shiftId: open.id, kind: "pay_out", amount: -3_500, reason: "采购杂物", at: new Date(Date.now() - 60 * 60_000).toISOString(), by: cashier });
  open.payOuts += 3_500;
  demoSale({ minutesAgo: 45, member: silver, cashier, shiftId: open.id, staffIds, receiptNo: seq(39),
    lines: [{ kind: "top_up", name: "充1000送200" }],
    tenders: [{ kind: "bank_card", amount: 100_000, reference: "T20261123-0112", last4: "0391" }] });
  demoSale({ minutesAgo: 20, member: gold, cashier, shiftId: open.id, staffIds, receiptNo: seq(40),
    lines: [{ kind: "package_redemption", name: "基础补水护理 10次卡", staff: beautician }, { kind: "product", name: "补水面膜 10片" }],
    tenders: [{ kind: "cash", amount: 15_000 }] });
}
