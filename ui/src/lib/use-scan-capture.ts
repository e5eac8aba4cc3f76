// A keyboard-wedge scanner anywhere on a screen: every key passes here first (capture phase,
// before any field or shortcut). A finished scan is taken back out of the field it was typed
// into, its Enter never reaches the page, and `onScan` runs for each code one at a time, in
// the order scanned. The rules themselves are in checkout-scan.ts (and tested there).
import { useEffect, useRef } from "preact/hooks";
import { restoreField, ScanCapture, serialQueue, snapshotOf } from "./checkout-scan";

export function useScanCapture(onScan: (code: string) => Promise<void>): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    const capture = new ScanCapture();
    const run = serialQueue();
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) {
        capture.reset();
        return;
      }
      const active = document.activeElement;
      const r = capture.key(e.key, e.timeStamp, snapshotOf(active), e.ctrlKey || e.altKey || e.metaKey);
      if (r.kind === "pass") return;
      e.preventDefault();
      e.stopImmediatePropagation();
      restoreField(active, r.restore);
      void run(() => latest.current(r.code));
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);
}
