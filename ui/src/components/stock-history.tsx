// A product's stock book: every move, newest first, with the on-hand it left, who made it and
// what it belongs to (a receipt's supplier, a stock take's category, a sale's receipt number).
import { useEffect, useState } from "preact/hooks";
import type { ApiError, StockMoveView, StockRowView } from "../lib/backend/bindings";
import { stockHistory, stockOnHand } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

type Props = { productId: string | null; onPick: (productId: string) => void };

export function StockHistory(props: Props) {
  const { t, dateTime } = useI18n();
  const [products, setProducts] = useState<StockRowView[]>([]);
  const [moves, setMoves] = useState<StockMoveView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    stockOnHand(null, false).then(setProducts, (e) => setError(toApiError(e)));
  }, []);
  useEffect(() => {
    setMoves(null);
    if (props.productId) stockHistory(props.productId).then(setMoves, (e) => setError(toApiError(e)));
  }, [props.productId]);

  const why = (m: StockMoveView) =>
    m.adjustReason ? t(`stock.reason.${m.adjustReason}`) : t(`stock.move.${m.reason as "receive" | "sale" | "refund" | "adjust"}`);
  const ref = (m: StockMoveView) => {
    if (!m.refKind) return "";
    const label = m.refKind === "stock_take" && !m.refLabel ? t("stock.noCategory") : m.refLabel ?? "";
    return `${t(`stock.ref.${m.refKind}`)} ${label}`;
  };

  return (
    <div class="stock-pane" data-testid="stock-history">
      <label class="stock-filter">
        <span class="field-label">{t("stock.product")}</span>
        <select class="input" data-testid="history-product" value={props.productId ?? "__none"}
          onChange={(e) => props.onPick(e.currentTarget.value)}>
          <option value="__none" disabled>{t("stock.pickProduct")}</option>
          {products.map((p) => <option key={p.productId} value={p.productId}>{p.name}</option>)}
        </select>
      </label>
      {error ? <ErrorBanner error={error} testId="history-error" /> : null}
      {moves && moves.length === 0 ? <p class="muted">{t("stock.noMoves")}</p> : null}
      {moves && moves.length > 0 ? (
        <div class="stock-scroll">
          <table class="stock-table" data-testid="history-table">
            <thead>
              <tr>
                <th>{t("stock.when")}</th><th>{t("stock.reason")}</th><th class="num">{t("stock.qty")}</th>
                <th class="num">{t("stock.onHand")}</th><th>{t("stock.who")}</th><th>{t("stock.reference")}</th>
              </tr>
            </thead>
            <tbody>
              {moves.map((m) => (
                <tr key={m.id} data-testid="history-row" data-reason={m.adjustReason ?? m.reason} data-qty={m.qty}>
                  <td class="mono">{dateTime(m.at)}</td>
                  <td>{why(m)}{m.note ? <span class="muted stock-note"> · {m.note}</span> : null}</td>
                  <td class={`num mono ${m.qty < 0 ? "stock-minus" : "stock-plus"}`}>{m.qty > 0 ? `+${m.qty}` : m.qty}</td>
                  <td class="num mono">{m.onHandAfter}</td>
                  <td>{m.staffName ?? "—"}</td>
                  <td>{ref(m) || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
