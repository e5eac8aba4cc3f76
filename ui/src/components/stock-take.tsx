// A stock take (盘点): pick a category, count its products on the shelf, review the
// differences, post them in one go. A line left blank is not counted (and posts nothing).
import { useEffect, useState } from "preact/hooks";
import type { ApiError, CountSheetLineView, StockTakeView } from "../lib/backend/bindings";
import { announceStockChanged, countSheet, postStockTake, stockCategories } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

type Props = { notify: (text: string) => void };

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
/** The option value of the products filed under no category ("" cannot be told from no choice). */
const NO_CATEGORY = "__no_category";

export function StockTakeForm(props: Props) {
  const { t } = useI18n();
  const [categories, setCategories] = useState<string[] | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [sheet, setSheet] = useState<CountSheetLineView[] | null>(null);
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [reviewing, setReviewing] = useState(false);
  const [posted, setPosted] = useState<StockTakeView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    stockCategories().then(setCategories, (e) => setError(toApiError(e)));
  }, []);
  const open = (c: string) => {
    setCategory(c);
    setSheet(null);
    setCounted({});
    setReviewing(false);
    setPosted(null);
    setError(null);
    countSheet(c).then(setSheet, (e) => setError(toApiError(e)));
  };
  const entered = (sheet ?? []).filter((l) => (counted[l.productId] ?? "") !== "");
  const differences = entered
    .map((l) => ({ line: l, diff: Number(counted[l.productId]) - l.expected }))
    .filter((d) => d.diff !== 0);
  const name = (id: string) => sheet?.find((l) => l.productId === id)?.name ?? id;

  const post = async () => {
    if (category === null) return;
    setBusy(true);
    setError(null);
    try {
      const take = await postStockTake(category, entered.map((l) => ({ productId: l.productId, counted: Number(counted[l.productId]) })));
      announceStockChanged();
      setPosted(take);
      setReviewing(false);
      props.notify(t("stock.takePosted", { n: take.lines.filter((l) => l.difference !== 0).length }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stock-pane" data-testid="stock-take">
      <div class="stock-filters">
        <label class="stock-filter">
          <span class="field-label">{t("stock.takeCategory")}</span>
          <select class="input" data-testid="take-category" value={category === null ? "__none" : category || NO_CATEGORY}
            onChange={(e) => open(e.currentTarget.value === NO_CATEGORY ? "" : e.currentTarget.value)}>
            <option value="__none" disabled>{t("stock.pickCategory")}</option>
            {(categories ?? []).map((c) => <option key={c} value={c || NO_CATEGORY}>{c === "" ? t("stock.noCategory") : c}</option>)}
          </select>
        </label>
      </div>
      {error ? <ErrorBanner error={error} testId="take-error" /> : null}
      {posted ? (
        <div class="banner banner-success" role="status" data-testid="take-result">
          {t("stock.takeResult", { counted: posted.lines.length, changed: posted.lines.filter((l) => l.difference !== 0).length })}
        </div>
      ) : null}
      {sheet && !posted ? (
        <table class="stock-table" data-testid="take-sheet">
          <thead><tr><th>{t("stock.product")}</th><th class="num">{t("stock.expected")}</th><th>{t("stock.counted")}</th><th class="num">{t("stock.difference")}</th></tr></thead>
          <tbody>
            {sheet.map((l) => {
              const v = counted[l.productId] ?? "";
              const diff = v === "" ? null : Number(v) - l.expected;
              return (
                <tr key={l.productId} data-testid="take-line" data-name={l.name} data-expected={l.expected}>
                  <td>{l.name}{l.unit ? <span class="muted"> {t("stock.unitInName", { unit: l.unit })}</span> : null}</td>
                  <td class="num mono">{l.expected}</td>
                  <td>
                    <input class="input input-cell mono" inputMode="numeric" data-testid="take-counted" value={v}
                      aria-label={t("stock.counted")} disabled={reviewing}
                      onInput={(e) => setCounted({ ...counted, [l.productId]: e.currentTarget.value.replace(/[^\d]/g, "") })} />
                  </td>
                  <td class={`num mono ${diff ? (diff < 0 ? "stock-minus" : "stock-plus") : ""}`}>{diff === null ? "—" : signed(diff)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {sheet && !posted && reviewing ? (
        <div class="stock-review" data-testid="take-review">
          <h3 class="subsection-title">{t("stock.reviewTitle", { counted: entered.length, changed: differences.length })}</h3>
          <ul>
            {differences.map((d) => <li key={d.line.productId}>{name(d.line.productId)}: <span class="mono">{signed(d.diff)}</span></li>)}
          </ul>
        </div>
      ) : null}
      {sheet && !posted ? (
        <div class="stock-footer">
          {reviewing ? (
            <>
              <button type="button" class="btn btn-secondary" onClick={() => setReviewing(false)}>{t("stock.backToCount")}</button>
              <button type="button" class="btn btn-primary" data-testid="take-post" disabled={busy} onClick={post}>{t("stock.post")}</button>
            </>
          ) : (
            <button type="button" class="btn btn-primary" data-testid="take-review-open" disabled={entered.length === 0}
              onClick={() => setReviewing(true)}>{t("stock.review")}</button>
          )}
        </div>
      ) : null}
    </div>
  );
}
