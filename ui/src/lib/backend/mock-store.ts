// The in-browser mock of tiers set by hand, tier history, the owner's store settings and the Z
// report's text and printing, following the core (checkout/tiers.rs, checkout/settings.rs,
// receipt/z_report.rs): only a manager or the owner changes a tier and says why; only the owner
// saves tier rules (a higher tier never gives less) and checkout settings (within range).
import type {
  ApiError, CheckoutSettingsView, ErrorCode, PrintResult, Session, Tier, TierChangeView, TierRuleView, ZReportView,
} from "./bindings";

type Args = Record<string, unknown>;

export type StoreMockCtx = {
  requireSession: () => Session;
  /** The member's tier, or null when she does not exist (or is archived). */
  memberTier: (id: string) => Tier | null;
  setMemberTier: (id: string, tier: Tier) => void;
  zReport: (shiftId: string) => ZReportView;
  printerPath: () => string;
};

function fail(code: ErrorCode, message: string, field: string | null = null): never {
  const error: ApiError = { code, message, field, memberId: null };
  throw error;
}

const TIERS: Tier[] = ["standard", "silver", "gold", "platinum"];
const rules: TierRuleView[] = [
  { tier: "standard", discountBp: 0, pointsMultiplierPct: 100, bookingDays: 7, minCumulativeSpend: null, minMonthlySpend: null, consecutiveMonths: null, mode: "both", birthdayMultiplierPct: null, freeServices: [] },
  { tier: "silver", discountBp: 500, pointsMultiplierPct: 120, bookingDays: 14, minCumulativeSpend: 300000, minMonthlySpend: 80000, consecutiveMonths: 3, mode: "both", birthdayMultiplierPct: null, freeServices: [] },
  { tier: "gold", discountBp: 1000, pointsMultiplierPct: 150, bookingDays: 30, minCumulativeSpend: 1000000, minMonthlySpend: 200000, consecutiveMonths: 6, mode: "both", birthdayMultiplierPct: null, freeServices: [] },
  { tier: "platinum", discountBp: 1500, pointsMultiplierPct: 200, bookingDays: 60, minCumulativeSpend: 3000000, minMonthlySpend: 500000, consecutiveMonths: 12, mode: "both", birthdayMultiplierPct: null, freeServices: [] },
];
let settings: CheckoutSettingsView = {
  pointValueFen: 1, pointsPerYuan: 1, birthdayMultiplierPct: 200, referralPoints: 500, pointsExpiryYears: 1,
  utcOffsetMinutes: 480, timeZone: "Asia/Shanghai", storeName: "SalonDesk 美业", storeAddress: "", storePhone: "", receiptHeader: "", receiptFooter: "谢谢惠顾 Thank you", payOutApprovalFen: 20_000,
};
const history = new Map<string, TierChangeView[]>();

const ZH: Record<Tier, string> = { standard: "普通会员", silver: "银卡会员", gold: "金卡会员", platinum: "白金会员" };

function checkRange(field: keyof CheckoutSettingsView, value: number, lo: number, hi: number): void {
  if (!Number.isInteger(value) || value < lo || value > hi) fail("validation", "out of range", field);
}

function zText(z: ZReportView): string {
  const yuan = (fen: number) => `${fen < 0 ? "-" : ""}¥${(Math.abs(fen) / 100).toFixed(2)}`;
  const rows = [
    settings.storeName, "日结报表", "-".repeat(32),
    `开班：${z.openedAt.slice(0, 16).replace("T", " ")}`, `开班人：${z.openedBy}`, "-".repeat(32),
    `备用金 ${yuan(z.float)}`, `销售 ×${z.sales} ${yuan(z.salesTotal)}`, `退款 ×${z.refunds} ${yuan(z.refundsTotal)}`,
    ...z.tenders.map((t) => `${t.kind} 应有 ${yuan(t.expected)}${t.counted === null ? "" : ` 实点 ${yuan(t.counted)}`}`),
  ];
  return rows.join("\n") + "\n";
}

export function storeHandlers(ctx: StoreMockCtx): Record<string, (a: Args) => unknown> {
  return {
    set_member_tier: (a) => {
      const me = ctx.requireSession();
      if (me.staff.role !== "owner" && me.staff.role !== "manager") {
        fail("forbidden", "only a manager or the owner changes a member's tier");
      }
      const id = String(a.memberId);
      const tier = a.tier as Tier;
      const reason = String(a.reason ?? "").trim();
      if (!reason) fail("validation", "say why the tier changes", "reason");
      const from = ctx.memberTier(id);
      if (from === null) fail("not_found", "member not found");
      if (!TIERS.includes(tier)) fail("validation", "not a tier", "tier");
      if (from !== tier) {
        ctx.setMemberTier(id, tier);
        const list = history.get(id) ?? [];
        list.unshift({ from, to: tier, reason: `set by ${me.staff.name}: ${reason}`, createdAt: new Date().toISOString() });
        history.set(id, list);
      }
      return null;
    },
    tier_history: (a) => {
      ctx.requireSession();
      return history.get(String(a.memberId)) ?? [];
    },
    tier_rules: () => {
      ctx.requireSession();
      return rules;
    },
    checkout_settings: () => {
      ctx.requireSession();
      return settings;
    },
    save_checkout_settings: (a) => {
      if (ctx.requireSession().staff.role !== "owner") fail("forbidden", "only the owner changes the store's checkout settings");
      const s = a.input as CheckoutSettingsView;
      checkRange("pointValueFen", s.pointValueFen, 1, 10_000);
      checkRange("pointsPerYuan", s.pointsPerYuan, 0, 100);
      checkRange("birthdayMultiplierPct", s.birthdayMultiplierPct, 100, 1000);
      checkRange("referralPoints", s.referralPoints, 0, 1_000_000);
      checkRange("pointsExpiryYears", s.pointsExpiryYears, 0, 10);
      settings = { ...s };
      return settings;
    },
    z_report_text: (a) => {
      ctx.requireSession();
      return zText(ctx.zReport(String(a.shiftId)));
    },
    print_z_report: (a): PrintResult => {
      ctx.requireSession();
      ctx.zReport(String(a.shiftId));
      const path = ctx.printerPath().trim();
      if (!path) return { ok: false, target: null, error: "no receipt printer is set up (Settings)" };
      return { ok: true, target: `${path}/Z-${String(a.shiftId)}.escpos`, error: null };
    },
  };
}

/** The tier's name as the receipt prints it (for the mock's receipt text). */
export const tierNameZh = (tier: Tier) => ZH[tier];
