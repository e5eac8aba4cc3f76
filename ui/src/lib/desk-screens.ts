// Loads the signed-in screens (screens/desk.ts) as their own chunk: asked for once the login
// screen is up (it is then ready by the time a PIN is typed), or at once when a session is
// restored; a screen shown before it arrives waits on "Loading…".
import { useEffect, useState } from "preact/hooks";

export type DeskScreens = typeof import("../screens/desk");

let loaded: DeskScreens | null = null;
let loading: Promise<DeskScreens> | null = null;

export function loadDeskScreens(): Promise<DeskScreens> {
  loading ??= import("../screens/desk").then((m) => (loaded = m), (reason: unknown) => {
    // A failed fetch (never expected from the app's own files) may be asked again.
    loading = null;
    throw reason;
  });
  return loading;
}

/** The screens once loaded (null until then); `wanted` starts the load. */
export function useDeskScreens(wanted: boolean): { screens: DeskScreens | null; failed: unknown } {
  const [screens, setScreens] = useState<DeskScreens | null>(loaded);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    if (!wanted || screens) return;
    let live = true;
    loadDeskScreens().then((m) => live && setScreens(m), (reason: unknown) => live && setFailed(reason));
    return () => {
      live = false;
    };
  }, [wanted, screens]);
  return { screens, failed };
}
