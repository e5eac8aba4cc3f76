// Back office: services (服务项目). A table in display order (the checkout grid's order) with
// category, price, duration, status and how often each was sold; add, edit, archive / restore,
// move up / down, and a search and category filter.
import { useState } from "preact/hooks";
import type { ServiceView } from "../../lib/backend/bindings";
import { adminServices, moveService, setServiceActive } from "../../lib/backend/commands-catalog";
import { categoriesOf, matches } from "../../lib/catalog-form";
import { useI18n } from "../../lib/i18n";
import { CategoryFilter, RowActions, StatusPill, useAdminList } from "../../components/catalog-admin-bits";
import { ErrorBanner } from "../../components/error-banner";
import { ServiceDialog } from "../../components/service-dialog";
import type { AdminProps } from "./props";

export function ServicesAdmin(props: AdminProps) {
  const { t, money, locale } = useI18n();
  const { list, error, run, setList } = useAdminList(adminServices);
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState("");
  const [editing, setEditing] = useState<ServiceView | "new" | null>(null);
  const all = list ?? [];
  const categories = categoriesOf(all, locale);
  const shown = all.filter((s) => matches(s, query, category));
  // Moving is only meaningful in the whole list: a filtered view hides the neighbours.
  const filtered = query.trim() !== "" || category !== "";

  return (
    <section class="card cat-section" data-testid="services-admin">
      <div class="admin-toolbar">
        <h2 class="section-title">{t("catalog.service.title")}</h2>
        <CategoryFilter testId="services" query={query} onQuery={setQuery} categories={categories}
          category={category} onCategory={setCategory} />
        <button type="button" class="btn btn-primary" data-testid="service-add" onClick={() => setEditing("new")}>
          {t("catalog.add")}
        </button>
      </div>
      {error ? <ErrorBanner error={error} testId="services-error" /> : null}
      {list && list.length === 0 ? <p class="muted">{t("catalog.empty")}</p> : null}
      {shown.length > 0 ? (
        <div class="cat-table-wrap">
          <table class="ledger-table cat-table">
            <thead><tr>
              <th>{t("catalog.col.name")}</th><th>{t("catalog.col.category")}</th>
              <th class="num">{t("catalog.col.price")}</th><th class="num">{t("catalog.col.duration")}</th>
              <th>{t("catalog.col.status")}</th><th class="num">{t("catalog.col.used")}</th>
              <th>{t("catalog.col.actions")}</th>
            </tr></thead>
            <tbody>
              {shown.map((s, i) => (
                <tr key={s.id} data-testid="service-row" data-id={s.id} data-name={s.name} data-active={s.active}
                  class={s.active ? "" : "cat-row-off"}>
                  <td>
                    <div>{s.name}</div>
                    {s.nameEn ? <div class="muted cat-sub">{s.nameEn}</div> : null}
                  </td>
                  <td class="cat-keep">{s.category}</td>
                  <td class="num mono">{money(s.price)}</td>
                  <td class="num">{t("catalog.minutes", { n: s.durationMin })}</td>
                  <td><StatusPill active={s.active} /></td>
                  <td class="num" data-testid="service-used">{s.used}</td>
                  <RowActions testId="service" active={s.active} onEdit={() => setEditing(s)}
                    move={filtered ? undefined : { first: i === 0, last: i === shown.length - 1, onMove: (up) => void run(() => moveService(s.id, up)) }}
                    onToggle={() => void run(() => setServiceActive(s.id, !s.active))} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing !== null ? (
        <ServiceDialog service={editing === "new" ? null : editing} categories={categories}
          onClose={() => setEditing(null)}
          onSaved={(next) => { setList(next); setEditing(null); props.notify(t("catalog.saved")); }} />
      ) : null}
    </section>
  );
}
