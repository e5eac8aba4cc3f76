// The checkout cart as the desk holds it between quotes: pure functions from one cart to the
// next, so every change is a new value (easy to re-quote, easy to test). Prices shown come
// from the backend's quote; the cart only keeps what the cashier chose.
import type {
  ApiError, CartInput, CatalogItem, FreeServiceAllowanceView, LineKind, PackageView, StaffShare, Tier,
} from "./backend/bindings";

export type CartLine = {
  /** Stable identity of the line on screen (not sent). */
  key: string;
  kind: LineKind;
  /** Service, product, top-up plan, package plan, or the member's package for a redemption. */
  itemId: string;
  name: string;
  /** The catalog price per unit (0 for a package session). */
  listPrice: number;
  qty: number;
  staff: StaffShare[];
  /** A unit price typed by the cashier with a manager's approval. */
  priceOverride: number | null;
  /** Products: what was on the shelf when added. */
  stock: number | null;
  /** One of her tier's free services (免费护理): a service line at no charge, one per line. */
  free?: boolean;
};

export type CartMember = { id: string; name: string; memberNo: string; tier: Tier };

export type Cart = {
  member: CartMember | null;
  lines: CartLine[];
  /** As typed; blank = none. */
  coupon: string;
  /** Fen off the whole sale (needs a manager's PIN). */
  manualDiscount: number;
};

export const EMPTY_CART: Cart = { member: null, lines: [], coupon: "", manualDiscount: 0 };

export const MAX_QTY = 999;

let seq = 0;
const nextKey = () => `l${++seq}`;

/** Only services and products are counted; top-ups, packages and sessions are one per line. */
export function qtyEditable(kind: LineKind): boolean {
  return kind === "service" || kind === "product";
}

/** Only a service's or a product's price may be typed over (the core refuses the rest). */
export function priceEditable(kind: LineKind): boolean {
  return kind === "service" || kind === "product";
}

/**
 * Adds a catalog item: one more of it when a service or product is already on a line (a
 * second scan of the same barcode), otherwise a new line at the bottom.
 */
export function addItem(cart: Cart, item: CatalogItem, key: () => string = nextKey): Cart {
  const kind: LineKind = item.kind;
  if (qtyEditable(kind)) {
    const existing = cart.lines.find((l) => l.kind === kind && l.itemId === item.id && !l.free);
    if (existing) return stepQty(cart, existing.key, 1);
  }
  const line: CartLine = {
    key: key(), kind, itemId: item.id, name: item.name, listPrice: item.price, qty: 1, staff: [],
    priceOverride: null, stock: kind === "product" ? item.stock : null,
  };
  return { ...cart, lines: [...cart.lines, line] };
}

/** One session of the member's package (a line per session, as the core counts them). */
export function addRedemption(cart: Cart, pkg: PackageView, key: () => string = nextKey): Cart {
  const line: CartLine = {
    key: key(), kind: "package_redemption", itemId: pkg.packageId, name: pkg.name, listPrice: 0, qty: 1,
    staff: [], priceOverride: null, stock: null,
  };
  return { ...cart, lines: [...cart.lines, line] };
}

/** One of her free services this period, as a line of its own (the core counts them per line). */
export function addFreeService(cart: Cart, a: FreeServiceAllowanceView, key: () => string = nextKey): Cart {
  const line: CartLine = {
    key: key(), kind: "service", itemId: a.serviceId, name: a.serviceName, listPrice: 0, qty: 1,
    staff: [], priceOverride: null, stock: null, free: true,
  };
  return { ...cart, lines: [...cart.lines, line] };
}

/** Free sessions of `serviceId` already on the cart. */
export function freeInCart(cart: Cart, serviceId: string): number {
  return cart.lines.filter((l) => l.free && l.itemId === serviceId).length;
}

/** Lines that belong to the attached member: her package sessions and free services. */
const hers = (l: CartLine) => l.kind === "package_redemption" || l.free === true;

/** Sessions of `packageId` already on the cart. */
export function sessionsInCart(cart: Cart, packageId: string): number {
  return cart.lines.filter((l) => l.kind === "package_redemption" && l.itemId === packageId).length;
}

function mapLine(cart: Cart, key: string, f: (l: CartLine) => CartLine): Cart {
  return { ...cart, lines: cart.lines.map((l) => (l.key === key ? f(l) : l)) };
}

export function setQty(cart: Cart, key: string, qty: number): Cart {
  if (!Number.isInteger(qty)) return cart;
  const q = Math.max(1, Math.min(MAX_QTY, qty));
  return mapLine(cart, key, (l) => (qtyEditable(l.kind) && !l.free ? { ...l, qty: q } : l));
}

export function stepQty(cart: Cart, key: string, delta: number): Cart {
  const line = cart.lines.find((l) => l.key === key);
  return line ? setQty(cart, key, line.qty + delta) : cart;
}

export function removeLine(cart: Cart, key: string): Cart {
  return { ...cart, lines: cart.lines.filter((l) => l.key !== key) };
}

export function setLineStaff(cart: Cart, key: string, staff: StaffShare[]): Cart {
  return mapLine(cart, key, (l) => ({ ...l, staff: staff.map((s) => ({ ...s })) }));
}

export function setPriceOverride(cart: Cart, key: string, price: number | null): Cart {
  return mapLine(cart, key, (l) => (priceEditable(l.kind) && !l.free ? { ...l, priceOverride: price } : l));
}

/** A different member: her own sessions and free services only (another member's leave the cart). */
export function attachMember(cart: Cart, member: CartMember): Cart {
  if (cart.member?.id === member.id) return { ...cart, member };
  return { ...cart, member, lines: cart.lines.filter((l) => !hers(l)) };
}

export function detachMember(cart: Cart): Cart {
  return { ...cart, member: null, lines: cart.lines.filter((l) => !hers(l)) };
}

/** Whether completing the sale needs a manager's PIN (manual discount or a typed price). */
export function needsApproval(cart: Cart): boolean {
  return cart.manualDiscount !== 0 || cart.lines.some((l) => l.priceOverride !== null);
}

/** The cart as the backend takes it. */
export function toCartInput(cart: Cart): CartInput {
  const coupon = cart.coupon.trim();
  return {
    memberId: cart.member?.id ?? null,
    lines: cart.lines.map((l) => ({
      kind: l.kind, itemId: l.itemId, qty: l.qty, staff: l.staff.map((s) => ({ ...s })), priceOverride: l.priceOverride,
      ...(l.free ? { freeService: true } : {}),
    })),
    coupon: coupon === "" ? null : coupon,
    manualDiscount: cart.manualDiscount,
  };
}

/** Even shares in basis points that add up to exactly 100% (the first ones take the odd bp). */
export function evenShares(n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(10_000 / n);
  return Array.from({ length: n }, (_, i) => base + (i < 10_000 - base * n ? 1 : 0));
}

/** Shares as the core wants them: each more than 0, together exactly 100%. */
export function sharesValid(staff: StaffShare[]): boolean {
  return staff.length === 0 || (staff.every((s) => Number.isInteger(s.shareBp) && s.shareBp > 0)
    && staff.reduce((a, s) => a + s.shareBp, 0) === 10_000);
}

/**
 * Which line a quote or sale error is about, so the desk can show it on that line. The core
 * names the field ("lines", "qty", "staff", "priceOverride") but not the line; the cart knows
 * enough to find it: stock on hand, sessions left, shares, quantities.
 */
export function lineOfError(cart: Cart, error: ApiError, sessionsLeft: (packageId: string) => number | null): string | null {
  if (error.code !== "validation") return null;
  const lines = cart.lines;
  switch (error.field) {
    case "qty":
      return lines.find((l) => l.qty < 1 || l.qty > MAX_QTY)?.key ?? null;
    case "staff":
      return lines.find((l) => !sharesValid(l.staff))?.key ?? lines.find((l) => l.staff.length > 0)?.key ?? null;
    case "priceOverride":
      return lines.find((l) => l.priceOverride !== null && (!priceEditable(l.kind) || l.priceOverride < 0))?.key ?? null;
    case "lines": {
      const stockWanted = new Map<string, number>();
      const sessionsWanted = new Map<string, number>();
      for (const l of lines) {
        if (l.kind === "product" && l.stock !== null) {
          const wanted = (stockWanted.get(l.itemId) ?? 0) + l.qty;
          stockWanted.set(l.itemId, wanted);
          if (wanted > l.stock) return l.key;
        }
        if (l.kind === "package_redemption") {
          const wanted = (sessionsWanted.get(l.itemId) ?? 0) + 1;
          sessionsWanted.set(l.itemId, wanted);
          const left = sessionsLeft(l.itemId);
          if (left !== null && wanted > left) return l.key;
        }
      }
      // Stock or sessions changed elsewhere since: the cart cannot tell which line (shown on the cart).
      return null;
    }
    default:
      return null;
  }
}
