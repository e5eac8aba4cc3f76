// Re-prices the cart after every change: asks the backend (quote_cart) at once — it answers
// in a few milliseconds, so a wait only delayed the total (issue 16, docs/desk-latency.md) —
// and drops any answer to an older cart (latest wins). A coupon that
// does not apply is asked again without it, so the totals still show while the coupon field
// says why; any other error keeps the last good quote on screen, marked stale.
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ApiError, CartInput, QuoteView } from "./backend/bindings";
import { quoteCart } from "./backend/commands";
import { toApiError } from "./backend/errors";

export type QuoteState = {
  /** The last good quote (for `answered`, or an older cart while one is pending). */
  quote: QuoteView | null;
  /** The cart (as its key) that `quote`/`error` answer. */
  answered: string;
  /** Why the current cart cannot be priced (not the coupon's). */
  error: ApiError | null;
  /** Why the typed coupon does not apply (the totals are then without it). */
  couponError: ApiError | null;
  pending: boolean;
};

export const cartKey = (input: CartInput | null) => (input === null ? "" : JSON.stringify(input));

const IDLE: QuoteState = { quote: null, answered: "", error: null, couponError: null, pending: false };

/** `input` null (an empty cart) has no quote. */
export function useQuote(input: CartInput | null, delayMs = 0): QuoteState & { fresh: boolean } {
  const [state, setState] = useState<QuoteState>(IDLE);
  const ticket = useRef(0);
  const key = cartKey(input);

  // A layout effect: asked as soon as the change is rendered, not after the next paint.
  useLayoutEffect(() => {
    const mine = ++ticket.current;
    if (input === null) {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const ask = () => {
      const settle = (next: Omit<QuoteState, "answered" | "pending">) => {
        if (mine === ticket.current) setState({ ...next, answered: key, pending: false });
      };
      quoteCart(input).then(
        (quote) => settle({ quote, error: null, couponError: null }),
        (reason: unknown) => {
          const error = toApiError(reason);
          if (error.field === "coupon" && input.coupon !== null) {
            quoteCart({ ...input, coupon: null }).then(
              (quote) => settle({ quote, error: null, couponError: error }),
              (again: unknown) => setState((s) => (mine === ticket.current
                ? { ...s, answered: key, error: toApiError(again), couponError: error, pending: false } : s)),
            );
            return;
          }
          setState((s) => (mine === ticket.current ? { ...s, answered: key, error, couponError: null, pending: false } : s));
        },
      );
    };
    if (delayMs <= 0) {
      ask();
      return;
    }
    const timer = setTimeout(ask, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);

  return { ...state, fresh: !state.pending && state.answered === key && input !== null };
}
