// The top bar's care badge: how many follow-ups are open on today's list ("mine" for a
// beautician), re-read when the screen changes and every few minutes. A failed count (the browser
// preview's mock has no such command) hides the badge, nothing more.
import { useEffect, useState } from "preact/hooks";
import { careOpenCount } from "./backend/commands-care";

const EVERY_MS = 5 * 60_000;
/** Fired by the care screen when its list changed (generated, done, snoozed): the badge re-reads. */
export const CARE_CHANGED = "salondesk:care-changed";

export function useCareCount(enabled: boolean, mine: boolean, route: string | null): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!enabled) {
      setN(0);
      return;
    }
    let alive = true;
    const refresh = () => void careOpenCount(mine).then((c) => alive && setN(c), () => alive && setN(0));
    refresh();
    const timer = setInterval(refresh, EVERY_MS);
    window.addEventListener(CARE_CHANGED, refresh);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(CARE_CHANGED, refresh);
    };
  }, [enabled, mine, route]);
  return n;
}
