// One report for the period the frame asks: loaded again when the period or store changes, with
// its error (an unknown command in the browser preview is an error too, shown as a banner); an
// answer to an older period that arrives late is dropped.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, Report, ReportName, ReportQuery } from "../../lib/backend/bindings";
import { report } from "../../lib/backend/commands-reports";
import { toApiError } from "../../lib/backend/errors";

export type ReportState = { data: Report | null; error: ApiError | null; loading: boolean };

export function useReport(name: ReportName, query: ReportQuery): ReportState {
  const [state, setState] = useState<ReportState>({ data: null, error: null, loading: true });
  const key = JSON.stringify(query);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    report(name, query).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (reason) => live && setState({ data: null, error: toApiError(reason), loading: false }),
    );
    return () => void (live = false);
  }, [name, key]);
  return state;
}
