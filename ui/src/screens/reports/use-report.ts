// Loads one report for the period the bar asks for, again whenever the period changes; an
// answer to an older period that arrives late is dropped. A refusal (not allowed, a bad period,
// the browser preview that has no backend) is the error the tab shows as a banner.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, Report, ReportName, ReportQuery } from "../../lib/backend/bindings";
import { report } from "../../lib/backend/commands-reports";
import { toApiError } from "../../lib/backend/errors";

export function useReport(name: ReportName, query: ReportQuery) {
  const [data, setData] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    let current = true;
    setError(null);
    report(name, query).then(
      (r) => { if (current) setData(r); },
      (reason) => { if (current) { setData(null); setError(toApiError(reason)); } },
    );
    return () => { current = false; };
  }, [name, key]);
  return { report: data, error };
}
