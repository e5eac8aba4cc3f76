// Search-as-you-type: waits `delayMs` after the last keystroke, then asks the backend, and
// drops any answer that arrives after a newer query was sent (responses can come back out of
// order). While a new answer is on its way the previous results stay on screen.
import { useEffect, useRef, useState } from "preact/hooks";
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

export function useMemberSearch(query: string, limit = 30, delayMs = 80): MemberSearch {
  const [state, setState] = useState<MemberSearch>(IDLE);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const ticket = ++latest.current;
    if (q === "") {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      searchMembers(q, limit).then(
        (hits) => {
          if (ticket === latest.current) setState({ answered: q, hits, error: null, pending: false });
        },
        (reason: unknown) => {
          if (ticket === latest.current) setState({ answered: q, hits: [], error: toApiError(reason), pending: false });
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [query, limit, delayMs]);

  return state;
}
