// How many products are low on stock, for the badge on the top bar's Back office item. One
// count query (the core reads the maintained levels), asked again when the screen changes,
// when stock changes here (receipts, adjustments, stock takes) and every minute — sales on this
// or another till show up within a minute without the checkout having to know about the badge.
import { useEffect, useState } from "preact/hooks";
import { lowStockCount, STOCK_CHANGED } from "./backend/commands-stock";

const EVERY_MS = 60_000;

export function useLowStockCount(enabled: boolean, route: string | null): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!enabled) {
      setN(0);
      return;
    }
    let alive = true;
    // A failed count (e.g. an older shell without the command) hides the badge, nothing more.
    const refresh = () => void lowStockCount().then((c) => alive && setN(c), () => alive && setN(0));
    refresh();
    const timer = setInterval(refresh, EVERY_MS);
    window.addEventListener(STOCK_CHANGED, refresh);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(STOCK_CHANGED, refresh);
    };
  }, [enabled, route]);
  return n;
}
