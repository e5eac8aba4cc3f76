// What a manager's approval at the till was given for. The backend only checks that a PIN is a
// manager's; the desk keeps the approval for the sale and makes sure it is not stretched: a
// manual discount up to what was approved, typed prices no lower than approved, per line.
// Anything more generous asks for a PIN again.
import type { ApprovalInput } from "./backend/bindings";
import type { Cart } from "./cart";

export type HeldApproval = {
  input: ApprovalInput;
  /** Who approved (shown as "approved by"). */
  name: string;
  /** The largest manual discount approved, in fen. */
  discount: number;
  /** Line key → the lowest unit price approved for it, in fen. */
  prices: Record<string, number>;
};

export type Adjustment = { discount: number } | { key: string; price: number };

/** Whether `a` already allows `change`. */
export function covers(a: HeldApproval | null, change: Adjustment): boolean {
  if (!a) return false;
  if ("discount" in change) return change.discount <= a.discount;
  const approved = a.prices[change.key];
  return approved !== undefined && change.price >= approved;
}

/** The approval after a manager approved `changes` (adding to what an earlier one allowed). */
export function approvedFor(input: ApprovalInput, name: string, before: HeldApproval | null, changes: Adjustment[]): HeldApproval {
  const held: HeldApproval = { input, name, discount: before?.discount ?? 0, prices: { ...before?.prices } };
  for (const c of changes) {
    if ("discount" in c) held.discount = Math.max(held.discount, c.discount);
    else held.prices[c.key] = Math.min(held.prices[c.key] ?? c.price, c.price);
  }
  return held;
}

/** Every adjustment on the cart that needs a manager. */
export function adjustmentsOf(cart: Cart): Adjustment[] {
  const out: Adjustment[] = cart.manualDiscount > 0 ? [{ discount: cart.manualDiscount }] : [];
  for (const l of cart.lines) if (l.priceOverride !== null) out.push({ key: l.key, price: l.priceOverride });
  return out;
}

