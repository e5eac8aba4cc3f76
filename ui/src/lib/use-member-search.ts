// Search-as-you-type: asks the backend at each keystroke (it answers in a few milliseconds even
// over a million members: a wait only delayed the results — issue 16; `delayMs` keeps one
// possible for a slow backend), and
// drops any answer that arrives after a newer query was sent (responses can come back out of
// order). While a new answer is on its way the previous results stay on screen.
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ApiError, MemberHit } from "./backend/bindings";
import { searchMembers } from "./backend/commands";
import { toApiError } from "./backend/errors";

export type MemberSearch = {
  /** The query the `hits` answer (trimmed); "" when there is none. */
  answered: string;
  hits: MemberHit[];
  error: ApiError | null;
  pending: boolean;
};

const IDLE: MemberSearch = { answered: "", hits: [], error: null, pending: false };

export function useMemberSearch(query: string, limit = 30, delayMs = 0): MemberSearch {
  const [state, setState] = useState<MemberSearch>(IDLE);
  const latest = useRef(0);

  // A layout effect: asked as soon as the keystroke is rendered, not after the next paint.
  useLayoutEffect(() => {
    const q = query.trim();
    const ticket = ++latest.current;
    if (q === "") {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const ask = () => {
      searchMembers(q, limit).then(
        (hits) => {
          if (ticket === latest.current) setState({ answered: q, hits, error: null, pending: false });
        },
        (reason: unknown) => {
          if (ticket === latest.current) setState({ answered: q, hits: [], error: toApiError(reason), pending: false });
        },
      );
    };
    if (delayMs <= 0) {
      ask();
      return;
    }
    const timer = setTimeout(ask, delayMs);
    return () => clearTimeout(timer);
  }, [query, limit, delayMs]);

  return state;
}
