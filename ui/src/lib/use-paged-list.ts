// A keyset-paged list from the core (the audit log, past day-end reports): the first page for a
// filter replaces the list, "more" appends the page after the cursor; errors are kept to show.
import { useState } from "preact/hooks";
import type { ApiError, PageCursor } from "./backend/bindings";
import { toApiError } from "./backend/errors";

export type Page<T> = { rows: T[]; next: PageCursor | null };

export function usePagedList<F, T>(fetch: (filter: F, after: PageCursor | null) => Promise<Page<T>>) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [next, setNext] = useState<PageCursor | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(true);

  const load = async (filter: F, after: PageCursor | null) => {
    setError(null);
    setBusy(true);
    try {
      const page = await fetch(filter, after);
      setRows((had) => (after && had ? [...had, ...page.rows] : page.rows));
      setNext(page.next);
    } catch (reason) {
      setError(toApiError(reason));
      if (!after) setRows([]);
    } finally {
      setBusy(false);
    }
  };
  return { rows, next, error, setError, busy, load };
}
