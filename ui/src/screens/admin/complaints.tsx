// Back office → complaints (投诉): the list by status (open first), with how long each took or
// has waited; a row opens the complaint to handle it.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ComplaintStatus, ComplaintView } from "../../lib/backend/bindings";
import { complaints } from "../../lib/backend/commands-feedback";
import { toApiError } from "../../lib/backend/errors";
import { handlingTime } from "../../lib/feedback-words";
import { useI18n } from "../../lib/i18n";
import { ComplaintDetailDialog } from "../../components/complaint-detail";
import { ErrorBanner } from "../../components/error-banner";
import type { AdminProps } from "./props";
import "../../styles/feedback.css";

type Filter = ComplaintStatus | "all";
const FILTERS: Filter[] = ["open", "in_progress", "resolved", "closed", "all"];

export function ComplaintsAdmin(props: AdminProps) {
  const { t, dateTime } = useI18n();
  const [filter, setFilter] = useState<Filter>("open");
  const [rows, setRows] = useState<ComplaintView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    complaints(filter === "all" ? null : filter).then(
      (r) => { if (live) { setRows(r); setError(null); } },
      (reason: unknown) => { if (live) { setRows([]); setError(toApiError(reason)); } },
    );
    return () => { live = false; };
  }, [filter, tick]);

  return (
    <section class="card" data-testid="complaints-admin" data-state={rows === null ? "loading" : "ready"}>
      <div class="admin-toolbar">
        <h2 class="section-title">{t("admin.section.complaints")}</h2>
        <div class="segmented" role="tablist">
          {FILTERS.map((f) => (
            <button key={f} type="button" role="tab" aria-selected={filter === f} class={`segment ${filter === f ? "active" : ""}`}
              data-testid={`complaints-filter-${f}`} onClick={() => { if (f !== filter) { setRows(null); setFilter(f); } }}>
              {f === "all" ? t("feedback.complaint.all") : t(`feedback.complaint.status.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {error ? <ErrorBanner error={error} testId="complaints-error" /> : null}
      {rows && rows.length === 0 && !error ? <p class="muted" data-testid="complaints-empty">{t("feedback.complaint.none")}</p> : null}
      {rows && rows.length > 0 ? (
        <div class="fb-scroll">
          <table class="fb-table" data-testid="complaints-table">
            <thead>
              <tr>
                <th>{t("feedback.complaint.received")}</th><th>{t("feedback.complaint.member")}</th><th>{t("feedback.complaint.kind")}</th>
                <th>{t("feedback.complaint.statusLabel")}</th><th>{t("feedback.complaint.owner")}</th><th class="num">{t("feedback.complaint.handling")}</th><th />
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} class="fb-clickable" data-testid="complaint-row" data-id={c.id} data-member={c.memberName}
                  data-status={c.status} onClick={() => setOpened(c.id)}>
                  <td class="mono small">{dateTime(c.receivedAt)}</td>
                  <td>{c.memberName}</td>
                  <td>{t(`feedback.complaint.kind.${c.kind}`)}</td>
                  <td><span class={`pill ${c.status === "resolved" ? "pill-ok" : c.status === "closed" ? "" : "pill-warn"}`}>
                    {t(`feedback.complaint.status.${c.status}`)}</span></td>
                  <td>{c.ownerName ?? "—"}</td>
                  <td class="num mono">{handlingTime(t, c.handlingMinutes)}</td>
                  <td class="num">
                    <button type="button" class="btn btn-secondary btn-small" data-testid="complaint-open"
                      onClick={(e) => { e.stopPropagation(); setOpened(c.id); }}>{t("feedback.complaint.open")}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {opened ? (
        <ComplaintDetailDialog id={opened} session={props.session} onClose={() => setOpened(null)}
          onChanged={() => setTick(tick + 1)} />
      ) : null}
    </section>
  );
}
