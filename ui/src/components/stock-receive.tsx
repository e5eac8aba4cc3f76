// Goods received (入库单): a supplier, lines of product + quantity + unit cost (yuan), a note.
// A product is scanned (the scanner types its barcode and Enter) or picked by name.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, StockRowView } from "../lib/backend/bindings";
import { announceStockChanged, receiveGoods, stockOnHand } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { parseYuan } from "../lib/yuan";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { MoneyInput } from "./money-input";
import { matchProducts } from "./stock-match";

type Line = { productId: string; name: string; qty: string; cost: string };
type Props = { notify: (text: string) => void; onDone: () => void };

export function StockReceive(props: Props) {
  const { t, money } = useI18n();
  const [products, setProducts] = useState<StockRowView[]>([]);
  const [supplier, setSupplier] = useState("");
  const [note, setNote] = useState("");
  const [query, setQuery] = useState("");
  const [lines, setLines] = useState<Line[]>([]);
  /** The line whose quantity or cost did not parse (index), shown on the line. */
  const [badLine, setBadLine] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    stockOnHand(null, false).then(setProducts, (e) => setError(toApiError(e)));
  }, []);

  const matches = query.trim() === "" ? [] : matchProducts(products, query);
  const add = (p: StockRowView) => {
    setLines((ls) => {
      const at = ls.findIndex((l) => l.productId === p.productId);
      // Scanning the same product again counts one more, as at the till.
      if (at >= 0) return ls.map((l, i) => (i === at ? { ...l, qty: String((Number(l.qty) || 0) + 1) } : l));
      return [...ls, { productId: p.productId, name: p.name, qty: "1", cost: "" }];
    });
    setQuery("");
  };
  const onEnter = () => {
    const exact = products.find((p) => p.barcode === query.trim() || p.sku === query.trim());
    const pick = exact ?? (matches.length === 1 ? matches[0] : undefined);
    if (pick) add(pick);
  };
  const edit = (i: number, key: "qty" | "cost", value: string) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, [key]: value } : l)));

  const total = lines.reduce((sum, l) => {
    const c = parseYuan(l.cost);
    return sum + (c.ok ? c.fen * (Number(l.qty) || 0) : 0);
  }, 0);

  const save = async () => {
    setError(null);
    setBadLine(null);
    const parsed = lines.map((l) => ({ qty: Number(l.qty), cost: parseYuan(l.cost) }));
    const bad = parsed.findIndex((p) => !Number.isInteger(p.qty) || p.qty <= 0 || !p.cost.ok);
    if (lines.length === 0 || bad >= 0) {
      if (bad >= 0) setBadLine(bad);
      else setError({ code: "validation", message: "", field: "lines", memberId: null });
      return;
    }
    setBusy(true);
    try {
      await receiveGoods({
        supplier, note,
        lines: lines.map((l, i) => {
          const cost = parsed[i]!.cost;
          return { productId: l.productId, qty: parsed[i]!.qty, unitCost: cost.ok ? cost.fen : 0 };
        }),
      });
      announceStockChanged();
      props.notify(t("stock.received", { n: lines.length }));
      props.onDone();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stock-pane" data-testid="stock-receive" data-products={products.length}>
      <div class="stock-form-grid">
        <Field id="receive-supplier" label={t("stock.supplier")}>
          <input id="f-receive-supplier" class="input" data-testid="receive-supplier" value={supplier} maxLength={80}
            onInput={(e) => setSupplier(e.currentTarget.value)} />
        </Field>
        <Field id="receive-note" label={t("stock.note")}>
          <input id="f-receive-note" class="input" data-testid="receive-note" value={note} maxLength={500}
            onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <Field id="receive-product" label={t("stock.scanOrPick")} wide hint={t("stock.scanHint")}>
          <input id="f-receive-product" class="input" data-testid="receive-product" value={query} autocomplete="off"
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); onEnter(); } }} />
        </Field>
      </div>
      {matches.length > 0 ? (
        <div class="stock-matches" data-testid="receive-matches">
          {matches.map((p) => (
            <button key={p.productId} type="button" class="btn btn-secondary btn-small" data-testid="receive-match"
              data-name={p.name} onClick={() => add(p)}>{p.name}</button>
          ))}
        </div>
      ) : null}
      {lines.length > 0 ? (
        <table class="stock-table" data-testid="receive-lines">
          <thead>
            <tr><th>{t("stock.product")}</th><th>{t("stock.qty")}</th><th>{t("stock.unitCost")}</th><th /></tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.productId} data-testid="receive-line" data-name={l.name} class={badLine === i ? "stock-bad" : ""}>
                <td>{l.name}</td>
                <td>
                  <input class="input input-cell mono" inputMode="numeric" data-testid="receive-qty" value={l.qty}
                    aria-label={t("stock.qty")} aria-invalid={badLine === i ? true : undefined}
                    onInput={(e) => edit(i, "qty", e.currentTarget.value.replace(/[^\d]/g, ""))} />
                </td>
                <td>
                  <MoneyInput id={`receive-cost-${i}`} testId="receive-cost" value={l.cost} label={t("stock.unitCost")}
                    invalid={badLine === i} onValue={(v) => edit(i, "cost", v)} />
                </td>
                <td>
                  <button type="button" class="btn btn-ghost btn-small" data-testid="receive-remove"
                    onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>{t("stock.remove")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="muted">{t("stock.noLines")}</p>}
      {badLine !== null ? <p class="field-error" role="alert" data-testid="receive-line-error">{t("stock.lineInvalid", { n: badLine + 1 })}</p> : null}
      {error ? <ErrorBanner error={error} testId="receive-error"
        text={error.field === "lines" ? t("stock.noLines") : undefined} /> : null}
      <div class="stock-footer">
        <span class="muted">{t("stock.totalCost", { amount: money(total) })}</span>
        <button type="button" class="btn btn-primary" data-testid="receive-save" disabled={busy} onClick={save}>
          {t("stock.receiveSave")}
        </button>
      </div>
    </div>
  );
}
