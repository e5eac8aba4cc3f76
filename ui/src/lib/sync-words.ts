// Sync in words: the state the indicator shows (never by colour alone), "3 minutes ago",
// operations waiting, initial-sync progress, and each kind of conflict in plain language —
// pure functions of the status or conflict and the locale, so both languages are tested.
import type { ConflictView, SyncStatusView } from "./backend/bindings";
import { translate, type Locale, type MessageKey, type Params } from "./i18n";
import { formatCount, formatDateTime, formatMoney } from "./i18n/format";

export type SyncState = "local" | "online" | "syncing" | "offline" | "refused" | "error";

/**
 * Which of the indicator's states a status is in. Offline wins over "syncing" so the periodic
 * probe while the network is down does not make the indicator flicker.
 */
export function syncState(s: SyncStatusView | null): SyncState {
  if (!s || !s.enrolment) return "local";
  if (s.credentialRefused) return "refused";
  if (s.lastError?.problem === "offline") return "offline";
  if (s.syncing) return "syncing";
  if (s.lastError) return "error";
  return s.online ? "online" : "offline";
}

const t = (locale: Locale, key: MessageKey, params?: Params) => translate(locale, key, params);

/**
 * "just now", "5 minutes ago", "in 30 seconds", "昨天"; a week or more: the date and time.
 * `short` ("5 min. ago") fits the top bar.
 */
export function relativeTime(iso: string, now: number, locale: Locale, style: "long" | "short" = "long"): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style });
  if (seconds <= 0 && abs < 45) return t(locale, "sync.justNow");
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), "day");
  return formatDateTime(iso, locale);
}

/**
 * How long ago something happened: like `relativeTime`, but an instant a little after `now`
 * (a clock read a few seconds before the event arrived) is "just now", never "in 9 seconds".
 */
export function agoText(iso: string, now: number, locale: Locale, style: "long" | "short" = "long"): string {
  const at = Date.parse(iso);
  return relativeTime(iso, Number.isNaN(at) ? now : Math.max(now, at), locale, style);
}

export function pendingText(n: number, locale: Locale): string {
  if (n <= 0) return t(locale, "sync.pendingNone");
  if (n === 1) return t(locale, "sync.pendingOne");
  return t(locale, "sync.pending", { n: formatCount(n, locale) });
}

export function lastSyncText(s: SyncStatusView, now: number, locale: Locale): string {
  return s.lastSyncAt ? t(locale, "sync.lastSync", { when: agoText(s.lastSyncAt, now, locale) }) : t(locale, "sync.never");
}

/**
 * What the sync status says when this till's clock is more than the allowed drift from the
 * server's (`clockSkewMinutes`, positive: ahead): "This till's clock is 3 h 12 min ahead of the
 * server: fix the PC's date and time". Null while the clocks agree.
 */
export function clockSkewText(minutes: number | null, locale: Locale): string | null {
  if (minutes === null || minutes === 0) return null;
  const total = Math.abs(minutes);
  const [days, hours, mins] = [Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60];
  const parts: string[] = [];
  if (days > 0) parts.push(t(locale, "sync.clockDays", { n: formatCount(days, locale) }));
  if (hours > 0) parts.push(t(locale, "sync.clockHours", { n: String(hours) }));
  // Days ahead: the minutes no longer matter.
  if (mins > 0 && days === 0) parts.push(t(locale, "sync.clockMinutes", { n: String(mins) }));
  const amount = parts.join(" ");
  return t(locale, minutes > 0 ? "sync.clockAhead" : "sync.clockBehind", { amount });
}

/** Whole percent of an initial sync, never 100 before it is done. */
export function initialPercent(p: { cursor: number; head: number }): number {
  if (p.head <= 0) return 0;
  const pct = Math.floor((Math.max(0, p.cursor) / p.head) * 100);
  return Math.min(p.cursor >= p.head ? 100 : 99, pct);
}

function list(items: string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

function storesText(c: ConflictView, locale: Locale): string {
  const names = c.stores.map((s) => s.name ?? t(locale, s.thisStore ? "conflicts.thisStore" : "conflicts.otherStore"));
  const unique = [...new Set(names)];
  return unique.length > 0 ? list(unique, locale) : t(locale, "conflicts.otherStore");
}

function belowZeroText(c: ConflictView, locale: Locale): string {
  const n = c.belowZero;
  if (n === null || n <= 0) return t(locale, "conflicts.someAmount");
  if (c.ledger === "points") return t(locale, "conflicts.points", { n: formatCount(n, locale) });
  if (c.ledger === "package") return t(locale, "conflicts.sessions", { n: formatCount(n, locale) });
  return formatMoney(n, locale);
}

function ledgerText(c: ConflictView, locale: Locale): string {
  const ledger = c.ledger === "points" || c.ledger === "package" ? c.ledger : "stored_value";
  return t(locale, `conflicts.ledger.${ledger}`);
}

function timeRange(start: string, end: string, locale: Locale): string {
  const hm = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${formatDateTime(start, locale)}–${hm.format(Date.parse(end))}`;
}

export type ConflictWords = {
  title: string;
  /** What happened, in one sentence. */
  body: string;
  /** One line per member or appointment involved. */
  lines: string[];
  /** What a manager usually does about it. */
  advice: string | null;
};

/** A conflict in plain words; records not on this device yet are named as such, never as ids. */
export function conflictWords(c: ConflictView, locale: Locale): ConflictWords {
  const title = t(locale, `conflicts.kind.${c.kind}`);
  const memberName = (i: number) => c.members[i]?.name ?? t(locale, "conflicts.unknownMember");
  const memberLines = c.members.map((m) => t(locale, "conflicts.memberLine", { name: m.name, memberNo: m.memberNo, phone: m.phone }));
  switch (c.kind) {
    case "overdraft":
      return {
        title,
        body: t(locale, "conflicts.overdraft", {
          member: memberName(0), ledger: ledgerText(c, locale), amount: belowZeroText(c, locale), stores: storesText(c, locale),
        }),
        lines: memberLines,
        advice: t(locale, "conflicts.overdraftAdvice"),
      };
    case "double_booking":
      return {
        title,
        body: t(locale, "conflicts.doubleBooking", { beautician: c.beautician ?? t(locale, "conflicts.unknownBeautician") }),
        lines: c.appointments.map((a) => t(locale, "conflicts.appointmentLine", {
          time: timeRange(a.start, a.end, locale), client: a.clientName, service: a.serviceName,
        })),
        advice: t(locale, "conflicts.doubleBookingAdvice"),
      };
    case "duplicate_phone":
      return {
        title,
        body: t(locale, "conflicts.duplicatePhone", { a: memberName(0), b: memberName(1) }),
        lines: memberLines,
        advice: t(locale, "conflicts.duplicatePhoneAdvice"),
      };
    case "double_refund": {
      const r = c.refund;
      const none = t(locale, "conflicts.unknownReceipt");
      const receipts = r && r.refundReceiptNos.length > 0 ? list(r.refundReceiptNos, locale) : none;
      const paid = (r?.paidBack ?? []).map((p) => t(locale, "conflicts.paidBackLine", {
        tender: tenderName(p.kind, locale), amount: formatMoney(p.amount, locale),
      }));
      return {
        title,
        body: t(locale, "conflicts.doubleRefund", {
          sale: r?.originalReceiptNo ?? none, receipts,
          amount: r ? formatMoney(r.amountTwice, locale) : t(locale, "conflicts.someAmount"),
        }),
        lines: paid.length > 0 ? [t(locale, "conflicts.paidBack", { list: list(paid, locale) })] : [],
        advice: t(locale, "conflicts.doubleRefundAdvice"),
      };
    }
    case "double_coupon_use":
      return {
        title,
        body: t(locale, "campaigns.conflict.doubleUse", { member: memberName(0) }),
        lines: memberLines,
        advice: t(locale, "campaigns.conflict.doubleUseAdvice"),
      };
    default:
      return { title, body: t(locale, "conflicts.other", { entity: entityName(c.entity, locale) }), lines: memberLines, advice: null };
  }
}

const TENDERS = new Set(["cash", "bank_card", "wechat_pay", "alipay", "stored_value", "points", "package"]);

/** "Cash", "Stored value" …; a tender this build has no word for shows as it is. */
function tenderName(kind: string, locale: Locale): string {
  return TENDERS.has(kind) ? t(locale, `tender.${kind}` as MessageKey) : kind;
}

const ENTITIES = new Set([
  "member", "sale", "appointment", "staff", "shift", "conflict", "service", "product", "tier", "top_up_plan",
  "package_plan", "coupon", "store_settings", "message", "room", "points_ledger", "stock_move", "cash_drawer",
  "audit_log", "pin_attempt", "tier_change", "appointment_history",
]);

/** "Member", "Sale" …; a kind this build has no word for shows as it is. */
export function entityName(entity: string, locale: Locale): string {
  return ENTITIES.has(entity) ? t(locale, `entity.${entity}` as MessageKey) : t(locale, "entity.other", { entity });
}

/** Reason codes of set-aside operations this build has words for (the server's and the till's own). */
const REASONS = new Set([
  "push_failed", "payload_too_large", "bad_request", "bad_payload", "bad_id", "bad_hlc", "bad_field",
  "forbidden", "wrong_device", "field_not_allowed", "unknown_entity", "kind_not_allowed", "unknown_conflict", "op_id_taken",
  "invalid_field", "clock_ahead", "head_office_only", "not_your_store_staff",
]);

/** Why an operation was set aside, in words; a code this build does not know shows as it is. */
export function setAsideReason(code: string, locale: Locale): string {
  return REASONS.has(code) ? t(locale, `syncSettings.reason.${code}` as MessageKey) : t(locale, "syncSettings.reason.other", { code });
}
