// What a manager's approval at the till was given for. Each approval is a single-use token the
// core gave for one permission (manual discount, typed price), good for two minutes; the desk keeps
// the tokens for the sale (never the PIN) and makes sure an approval is not stretched: a manual
// discount up to what was approved, typed prices no lower than approved, per line. Anything more
// generous asks for a PIN again; so does a token the core refuses (spent or expired).
import type { ApprovalGranted, Permission } from "./backend/bindings";
import type { Cart } from "./cart";

export type HeldApproval = {
  /** Permission → the token for it (sent with the sale). */
  tokens: Partial<Record<Permission, string>>;
  /** Who approved (shown as "approved by"). */
  name: string;
  /** The largest manual discount approved, in fen. */
  discount: number;
  /** Line key → the lowest unit price approved for it, in fen. */
  prices: Record<string, number>;
};

export type Adjustment = { discount: number } | { key: string; price: number };

/** The permission an adjustment needs. */
export function permissionOf(change: Adjustment): Permission {
  return "discount" in change ? "manual_discount" : "price_override";
}

/** The permissions a set of adjustments needs, once each. */
export function permissionsOf(changes: Adjustment[]): Permission[] {
  return [...new Set(changes.map(permissionOf))];
}

/** Whether `a` already allows `change`. */
export function covers(a: HeldApproval | null, change: Adjustment): boolean {
  if (!a || !a.tokens[permissionOf(change)]) return false;
  if ("discount" in change) return change.discount <= a.discount;
  const approved = a.prices[change.key];
  return approved !== undefined && change.price >= approved;
}

/** The approval after a manager approved `changes` (adding to what an earlier one allowed). */
export function approvedFor(granted: ApprovalGranted[], name: string, before: HeldApproval | null, changes: Adjustment[]): HeldApproval {
  const tokens = { ...before?.tokens };
  for (const g of granted) tokens[g.permission] = g.token;
  const held: HeldApproval = { tokens, name, discount: before?.discount ?? 0, prices: { ...before?.prices } };
  for (const c of changes) {
    if ("discount" in c) held.discount = Math.max(held.discount, c.discount);
    else held.prices[c.key] = Math.min(held.prices[c.key] ?? c.price, c.price);
  }
  return held;
}

/** The tokens to send with the sale. */
export function tokensOf(a: HeldApproval | null): string[] {
  return a ? Object.values(a.tokens).filter((t): t is string => typeof t === "string") : [];
}

/** Every adjustment on the cart that needs a manager. */
export function adjustmentsOf(cart: Cart): Adjustment[] {
  const out: Adjustment[] = cart.manualDiscount > 0 ? [{ discount: cart.manualDiscount }] : [];
  for (const l of cart.lines) if (l.priceOverride !== null) out.push({ key: l.key, price: l.priceOverride });
  return out;
}
