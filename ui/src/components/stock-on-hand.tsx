// Stock on hand: every active product with its level, filtered by category or to the low ones;
// a row opens the adjustment dialog or the product's history.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, StockRowView } from "../lib/backend/bindings";
import { stockCategories, stockOnHand } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import { StockAdjustDialog } from "./stock-adjust-dialog";

type Props = { onHistory: (productId: string) => void; notify: (text: string) => void };

export function StockOnHand(props: Props) {
  const { t, count } = useI18n();
  const [rows, setRows] = useState<StockRowView[] | null>(null);
  /** The filter the rows shown were loaded for (`category|lowOnly`), for tests to wait on. */
  const [loadedFor, setLoadedFor] = useState("");
  const [categories, setCategories] = useState<string[]>([]);
  const [category, setCategory] = useState("");
  const [lowOnly, setLowOnly] = useState(false);
  const [adjusting, setAdjusting] = useState<StockRowView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = () => {
    setError(null);
    const key = `${category}|${lowOnly}`;
    stockOnHand(category === "" ? null : category, lowOnly).then((r) => {
      setRows(r);
      setLoadedFor(key);
    }, (e) => setError(toApiError(e)));
  };
  useEffect(() => {
    stockCategories().then(setCategories, (e) => setError(toApiError(e)));
  }, []);
  useEffect(load, [category, lowOnly]);

  return (
    <div class="stock-pane" data-testid="stock-onhand" data-loaded-for={loadedFor}>
      <div class="stock-filters">
        <label class="stock-filter">
          <span class="field-label">{t("stock.category")}</span>
          <select class="input" data-testid="stock-category-filter" value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t("stock.allCategories")}</option>
            {categories.filter((c) => c !== "").map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label class="stock-check">
          <input type="checkbox" data-testid="stock-low-only" checked={lowOnly}
            onChange={(e) => setLowOnly(e.currentTarget.checked)} />
          {t("stock.lowOnly")}
        </label>
      </div>
      {error ? <ErrorBanner error={error} testId="stock-error" /> : null}
      {rows && rows.length === 0 ? <p class="muted" data-testid="stock-empty">{t(lowOnly ? "stock.noneLow" : "stock.noProducts")}</p> : null}
      {rows && rows.length > 0 ? (
        <div class="stock-scroll">
          <table class="stock-table" data-testid="stock-table">
            <thead>
              <tr>
                <th>{t("stock.product")}</th><th>{t("stock.category")}</th>
                <th class="num">{t("stock.onHand")}</th><th class="num">{t("stock.lowLevel")}</th><th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.productId} data-testid="stock-row" data-product-id={r.productId} data-name={r.name}
                  data-on-hand={r.onHand} data-low={r.low}>
                  <td>
                    <span class="stock-name">{r.name}</span>
                    {r.low ? <span class="pill pill-warn" data-testid="stock-low-pill">{t("stock.low")}</span> : null}
                    <span class="stock-sku mono">{r.barcode ?? r.sku}</span>
                  </td>
                  <td>{r.category || "—"}</td>
                  <td class="num mono">{count(r.onHand)}{r.unit ? ` ${r.unit}` : ""}</td>
                  <td class="num mono">{r.lowStock > 0 ? count(r.lowStock) : "—"}</td>
                  <td class="stock-actions">
                    <button type="button" class="btn btn-secondary btn-small" data-testid="stock-adjust"
                      onClick={() => setAdjusting(r)}>{t("stock.adjust")}</button>
                    <button type="button" class="btn btn-ghost btn-small" data-testid="stock-history-open"
                      onClick={() => props.onHistory(r.productId)}>{t("stock.tab.history")}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {adjusting ? (
        <StockAdjustDialog row={adjusting} onClose={() => setAdjusting(null)}
          onDone={(onHand) => {
            setAdjusting(null);
            props.notify(t("stock.adjusted", { name: adjusting.name, n: count(onHand) }));
            load();
          }} />
      ) : null}
    </div>
  );
}
