// The audit log in words: an action's name (a kind this UI does not know — added by a newer
// build or another till — keeps its raw name) and a short summary of its detail (amount,
// reason, role from → to, …). Unknown detail keys are shown as `key: value`, never dropped.
import type { I18n } from "./i18n";
import type { MessageKey } from "./i18n";

type T = I18n["t"];
type Money = (fen: number) => string;

const KNOWN = [
  "void", "refund", "manual_discount", "price_override", "drawer_open", "pay_in", "pay_out",
  "tier_rules", "sync_op_retried", "sync_op_discarded", "staff_added", "staff_role",
  "staff_deactivated", "staff_reactivated", "staff_pin_reset", "sensitive_viewed",
  "staff_edited", "stock_adjust", "stock_take", "export",
  // Members' data requests (issue 15).
  "member_data_exported", "member_erased",
  "staff_edited", "stock_adjust", "stock_take", "export", "import",
  // Feedback and points (issue 17).
  "complaint_recorded", "complaint_handled", "points_adjusted", "points_exchange_item", "points_exchanged",
  "campaign_issued",
  // The catalog and deliveries.
  "catalog_created", "catalog_edited", "catalog_archived", "catalog_restored", "stock_received",
] as const;
// What a catalog entry names (`kind`): its words; another kind keeps `kind: value`.
const CATALOG_KINDS = ["service", "product", "top_up_plan", "package_plan", "coupon"] as const;
const ROLES = ["owner", "manager", "cashier", "beautician"] as const;
// Keys that carry ids only (shown elsewhere or of no use to a reader).
const HIDDEN = new Set(["original", "opId", "staff", "memberId", "productId", "entity", "what", "from", "to"]);

export function actionName(t: T, action: string): string {
  return (KNOWN as readonly string[]).includes(action) ? t(`records.action.${action}` as MessageKey) : action;
}

function roleName(t: T, role: unknown): string {
  const r = String(role);
  return (ROLES as readonly string[]).includes(r) ? t(`role.${r}` as MessageKey) : r;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The detail as short phrases, in a stable order. */
export function auditSummary(t: T, money: Money, detail: unknown): string[] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== "object" || Array.isArray(detail)) return [text(detail)];
  const d = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.amount === "number") parts.push(t("records.detail.amount", { amount: money(d.amount) }));
  if (d.to !== undefined && ROLES.includes(d.to as (typeof ROLES)[number])) {
    parts.push(d.from !== undefined
      ? t("records.detail.role", { from: roleName(t, d.from), to: roleName(t, d.to) })
      : roleName(t, d.to));
  }
  // An export: what was written and over which business dates (reports and segments keep their
  // own name), the file's format; "masked" only when some of a member's data was withheld.
  if (typeof d.what === "string" && typeof d.format === "string") {
    const word = `exports.dataset.${d.what}` as MessageKey;
    const what = t(word);
    parts.push(what === word ? d.what : what);
    if (typeof d.from === "string" && typeof d.to === "string") {
      parts.push(t("records.detail.period", { from: d.from, to: d.to }));
    }
    parts.push(d.format.toUpperCase());
    if (d.masked === true) parts.push(t("records.detail.masked"));
  }
  for (const [key, value] of Object.entries(d)) {
    if (key === "amount" || HIDDEN.has(key) || value === null || value === "") continue;
    if ((key === "format" || key === "masked") && typeof d.what === "string") continue;
    if (key === "reason") parts.push(t("records.detail.reason", { reason: text(value) }));
    else if (key === "for") parts.push(t("records.detail.for", { what: actionName(t, text(value)) }));
    else if (key === "kind" && (CATALOG_KINDS as readonly string[]).includes(text(value))) {
      parts.push(t(`records.detail.kind.${text(value)}` as MessageKey));
    } else if (key === "name") parts.push(text(value));
    else if (key === "lines" && typeof value === "number") parts.push(t("records.detail.lineCount", { n: value }));
    else if (key === "rows") parts.push(t("records.detail.rows", { n: text(value) }));
    else if (key === "file") parts.push(t("records.detail.file", { file: text(value) }));
    else if (key === "code") parts.push(t("records.detail.code", { code: text(value) }));
    else if (key === "qty" || key === "delta") parts.push(t("records.detail.qty", { qty: text(value) }));
    else if (key === "lines" && Array.isArray(value)) {
      for (const line of value as Array<Record<string, unknown>>) {
        parts.push(typeof line?.price === "number"
          ? t("records.detail.lines", { item: text(line.item), price: money(line.price) })
          : text(line));
      }
    } else parts.push(`${key}: ${text(value)}`);
  }
  return parts;
}
