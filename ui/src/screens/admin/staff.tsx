// Back office: the staff list (员工管理) — everyone, with a filter to show those who left;
// add and edit in a dialog, deactivate or reactivate after a confirmation, reset a PIN (the
// temporary PIN is shown once). The core decides who may change whom; the list only hides
// the buttons a session could not use.
import { useEffect, useState } from "preact/hooks";
import type { AdminProps } from "./props";
import type { ApiError, StaffRecordView } from "../../lib/backend/bindings";
import { staffAdminList } from "../../lib/backend/commands-staff-admin";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { commissionParts, mayManage } from "../../lib/staff-admin";
import { staffColor } from "../../lib/staff-colors";
import { ErrorBanner } from "../../components/error-banner";
import { StaffDialog } from "../../components/staff-dialog";
import { ActiveDialog, ResetPinDialog } from "../../components/staff-actions";

type Open =
  | { kind: "add" }
  | { kind: "edit"; row: StaffRecordView }
  | { kind: "active"; row: StaffRecordView }
  | { kind: "reset"; row: StaffRecordView };

export function StaffAdmin(props: AdminProps) {
  const { t } = useI18n();
  const [rows, setRows] = useState<StaffRecordView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const [open, setOpen] = useState<Open | null>(null);

  const load = () =>
    staffAdminList().then(
      (list) => { setRows(list); setError(null); },
      (e: unknown) => setError(toApiError(e)),
    );
  useEffect(() => void load(), []);

  const done = (text: string) => {
    setOpen(null);
    props.notify(text);
    void load();
  };

  const inactive = rows?.filter((r) => !r.active).length ?? 0;
  const shown = rows?.filter((r) => showInactive || r.active) ?? [];
  const me = props.session.staff.id;

  const commission = (r: StaffRecordView) => {
    const c = commissionParts(r.commission);
    const parts = [
      c.service === null ? null : t("staffAdmin.rate.services", { pct: c.service }),
      c.product === null ? null : t("staffAdmin.rate.product", { pct: c.product }),
      c.overrides === 0 ? null : t("staffAdmin.rate.overrides", { n: c.overrides }),
    ].filter((p) => p !== null);
    return parts.length === 0 ? <span class="muted">{t("staffAdmin.rate.itemsOwn")}</span> : parts.join(" · ");
  };

  return (
    <section class="card staff-admin" data-testid="staff-admin">
      <div class="admin-toolbar">
        <h2 class="section-title">{t("admin.section.staff")}</h2>
        <label class="checkbox">
          <input type="checkbox" checked={showInactive} data-testid="staff-show-inactive"
            onChange={(e) => setShowInactive(e.currentTarget.checked)} />
          {t("staffAdmin.showInactive", { n: inactive })}
        </label>
        <button type="button" class="btn btn-primary" data-testid="staff-add" onClick={() => setOpen({ kind: "add" })}>
          {t("staffAdmin.add")}
        </button>
      </div>
      {error ? <ErrorBanner error={error} testId="staff-admin-error" /> : null}
      {rows === null && !error ? <p class="muted">{t("common.loading")}</p> : null}
      {rows !== null ? (
        <table class="ledger-table staff-table" data-testid="staff-table">
          <thead>
            <tr>
              <th>{t("staffAdmin.col.name")}</th>
              <th>{t("staffAdmin.col.role")}</th>
              <th>{t("staffAdmin.col.status")}</th>
              <th>{t("staffAdmin.col.commission")}</th>
              <th class="num">{t("staffAdmin.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const may = mayManage(props.session, r);
              const self = r.id === me;
              return (
                <tr key={r.id} data-testid="staff-row" data-staff-id={r.id} data-name={r.name}
                  data-active={r.active ? "true" : "false"} class={r.active ? "" : "staff-row-inactive"}>
                  <td>
                    <span class="staff-dot" aria-hidden="true"
                      style={{ background: staffColor(r.color) ?? "transparent" }} />
                    <span class="staff-name">{r.name}</span>
                    {self ? <span class="muted small"> {t("staffAdmin.you")}</span> : null}
                  </td>
                  <td>{t(`role.${r.role}`)}</td>
                  <td>
                    <span class={`pill ${r.active ? "pill-ok" : ""}`} data-testid="staff-status">
                      {r.active ? t("staffAdmin.active") : t("staffAdmin.inactive")}
                    </span>
                    {r.pinMustChange ? <span class="pill pill-warn">{t("staffAdmin.pinPending")}</span> : null}
                  </td>
                  <td class="small">{commission(r)}</td>
                  <td class="num staff-actions">
                    {may ? (
                      <button type="button" class="btn btn-secondary btn-small" data-testid="staff-edit"
                        onClick={() => setOpen({ kind: "edit", row: r })}>{t("staffAdmin.edit")}</button>
                    ) : null}
                    {may && !self && r.active ? (
                      <button type="button" class="btn btn-secondary btn-small" data-testid="staff-reset-pin"
                        onClick={() => setOpen({ kind: "reset", row: r })}>{t("staffAdmin.resetPin")}</button>
                    ) : null}
                    {may && !self ? (
                      <button type="button" class={`btn btn-small ${r.active ? "btn-danger-outline" : "btn-secondary"}`}
                        data-testid={r.active ? "staff-deactivate" : "staff-reactivate"}
                        onClick={() => setOpen({ kind: "active", row: r })}>
                        {r.active ? t("staffAdmin.deactivate") : t("staffAdmin.reactivate")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {open?.kind === "add" || open?.kind === "edit" ? (
        <StaffDialog session={props.session} row={open.kind === "edit" ? open.row : null}
          onClose={() => setOpen(null)} onSaved={() => done(t("staffAdmin.saved"))} />
      ) : null}
      {open?.kind === "active" ? (
        <ActiveDialog row={open.row} onClose={() => setOpen(null)}
          onDone={(r) => done(r.active ? t("staffAdmin.reactivated") : t("staffAdmin.deactivated"))} />
      ) : null}
      {open?.kind === "reset" ? (
        <ResetPinDialog row={open.row} onClose={() => { setOpen(null); void load(); }} />
      ) : null}
    </section>
  );
}
