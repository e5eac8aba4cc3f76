// The permission matrix on the Settings screen: roles × permissions, as the core enforces them
// (permission_matrix: the core's own table, not a copy in the UI).
import { useEffect, useState } from "preact/hooks";
import type { ApiError, PermissionRow, Role } from "../lib/backend/bindings";
import { permissionMatrix } from "../lib/backend/commands-perms";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

const ROLES: Role[] = ["owner", "manager", "cashier", "beautician"];

export function PermissionMatrix() {
  const { t } = useI18n();
  const [rows, setRows] = useState<PermissionRow[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    permissionMatrix().then(setRows, (e: unknown) => setError(toApiError(e)));
  }, []);

  return (
    <section class="card perms-matrix" data-testid="permission-matrix">
      <h2 class="section-title">{t("perms.matrix.title")}</h2>
      <p class="muted small">{t("perms.matrix.note")}</p>
      {error ? <ErrorBanner error={error} /> : null}
      {rows === null && !error ? <p class="muted small">{t("common.loading")}</p> : null}
      {rows ? (
        <div class="perms-matrix-scroll">
          <table class="ledger-table perms-matrix-table">
            <thead>
              <tr>
                <th scope="col">{t("perms.matrix.permission")}</th>
                {ROLES.map((r) => <th key={r} scope="col" class="perms-cell">{t(`role.${r}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.permission} data-permission={row.permission}>
                  <th scope="row">{t(`perms.p.${row.permission}`)}</th>
                  {ROLES.map((r) => {
                    const yes = row.roles.includes(r);
                    return (
                      <td key={r} class={`perms-cell ${yes ? "perms-yes" : "perms-no"}`} data-role={r} data-allowed={yes}>
                        <span aria-hidden="true">{yes ? "✓" : "—"}</span>
                        <span class="sr-only">{t(yes ? "perms.matrix.yes" : "perms.matrix.no")}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
