// Back office: products (商品). A table in display order with category, price, unit, what is on
// hand (the stock screens change it), status and how many were sold; add, edit, archive /
// restore, move up / down, and a search and category filter.
import { useState } from "preact/hooks";
import type { ProductView } from "../../lib/backend/bindings";
import { adminProducts, moveProduct, setProductActive } from "../../lib/backend/commands-catalog";
import { categoriesOf, matches } from "../../lib/catalog-form";
import { useI18n } from "../../lib/i18n";
import { CategoryFilter, RowActions, StatusPill, useAdminList } from "../../components/catalog-admin-bits";
import { ErrorBanner } from "../../components/error-banner";
import { ProductDialog } from "../../components/product-dialog";
import type { AdminProps } from "./props";

export function ProductsAdmin(props: AdminProps) {
  const { t, money, locale } = useI18n();
  const { list, error, run, setList } = useAdminList(adminProducts);
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState("");
  const [editing, setEditing] = useState<ProductView | "new" | null>(null);
  const all = list ?? [];
  const categories = categoriesOf(all, locale);
  const shown = all.filter((p) => matches(p, query, category) || (p.barcode ?? "") === query.trim());
  const filtered = query.trim() !== "" || category !== "";

  return (
    <section class="card cat-section" data-testid="products-admin">
      <div class="admin-toolbar">
        <h2 class="section-title">{t("catalog.product.title")}</h2>
        <CategoryFilter testId="products" query={query} onQuery={setQuery} categories={categories}
          category={category} onCategory={setCategory} />
        <button type="button" class="btn btn-primary" data-testid="product-add" onClick={() => setEditing("new")}>
          {t("catalog.add")}
        </button>
      </div>
      {error ? <ErrorBanner error={error} testId="products-error" /> : null}
      {list && list.length === 0 ? <p class="muted">{t("catalog.empty")}</p> : null}
      {shown.length > 0 ? (
        <div class="cat-table-wrap">
          <table class="ledger-table cat-table">
            <thead><tr>
              <th>{t("catalog.col.name")}</th><th>{t("catalog.col.category")}</th>
              <th class="num">{t("catalog.col.price")}</th><th>{t("catalog.col.unit")}</th>
              <th class="num">{t("catalog.col.stock")}</th><th>{t("catalog.col.status")}</th>
              <th class="num">{t("catalog.col.used")}</th><th>{t("catalog.col.actions")}</th>
            </tr></thead>
            <tbody>
              {shown.map((p, i) => (
                <tr key={p.id} data-testid="product-row" data-id={p.id} data-name={p.name}
                  data-barcode={p.barcode ?? ""} data-active={p.active} class={p.active ? "" : "cat-row-off"}>
                  <td>
                    <div>{p.name}</div>
                    <div class="muted cat-sub mono">{p.barcode ?? p.sku}{p.nameEn ? ` · ${p.nameEn}` : ""}</div>
                  </td>
                  <td class="cat-keep">{p.category}</td>
                  <td class="num mono">{money(p.price)}</td>
                  <td class="cat-nowrap">{p.unit}</td>
                  <td class={`num ${p.lowStock > 0 && p.stock <= p.lowStock ? "cat-low" : ""}`}>{p.stock}</td>
                  <td><StatusPill active={p.active} /></td>
                  <td class="num" data-testid="product-used">{p.used}</td>
                  <RowActions testId="product" active={p.active} onEdit={() => setEditing(p)}
                    move={filtered ? undefined : { first: i === 0, last: i === shown.length - 1, onMove: (up) => void run(() => moveProduct(p.id, up)) }}
                    onToggle={() => void run(() => setProductActive(p.id, !p.active))} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing !== null ? (
        <ProductDialog product={editing === "new" ? null : editing} categories={categories}
          onClose={() => setEditing(null)}
          onSaved={(next) => { setList(next); setEditing(null); props.notify(t("catalog.saved")); }} />
      ) : null}
    </section>
  );
}
