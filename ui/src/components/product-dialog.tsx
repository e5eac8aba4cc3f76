// Adding or editing a product: barcode (unique), SKU, name (and an English one), category, unit,
// price and cost in yuan, the low-stock level and commission. Stock itself is received on the
// stock screens. What was typed stays when the core refuses it; the refusal shows on its field.
import { useState } from "preact/hooks";
import type { ApiError, ProductView } from "../lib/backend/bindings";
import { saveProduct } from "../lib/backend/commands-catalog";
import { toApiError } from "../lib/backend/errors";
import { bpOf, fenOf, intOf, localError, percentText, yuanText } from "../lib/catalog-form";
import { useI18n } from "../lib/i18n";
import { onAField, useFieldError } from "./catalog-admin-bits";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import { MoneyInput } from "./money-input";
import { PriceHistory } from "./price-history";

const FIELDS = ["barcode", "sku", "name", "nameEn", "category", "unit", "price", "cost", "lowStock",
  "commissionBp"] as const;

type Props = {
  product: ProductView | null;
  categories: string[];
  onClose: () => void;
  onSaved: (list: ProductView[]) => void;
};

export function ProductDialog(props: Props) {
  const { t } = useI18n();
  const p = props.product;
  const [barcode, setBarcode] = useState(p?.barcode ?? "");
  const [sku, setSku] = useState(p?.sku ?? "");
  const [name, setName] = useState(p?.name ?? "");
  const [nameEn, setNameEn] = useState(p?.nameEn ?? "");
  const [category, setCategory] = useState(p?.category ?? "");
  const [unit, setUnit] = useState(p?.unit ?? "");
  const [price, setPrice] = useState(p ? yuanText(p.price) : "");
  const [cost, setCost] = useState(p ? yuanText(p.cost) : "");
  const [lowStock, setLowStock] = useState(p ? String(p.lowStock) : "0");
  const [commission, setCommission] = useState(p ? percentText(p.commissionBp) : "");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);

  const save = async () => {
    const priceFen = fenOf(price);
    const costFen = cost.trim() === "" ? 0 : fenOf(cost);
    const low = intOf(lowStock);
    const bp = commission.trim() === "" ? null : bpOf(commission);
    if (priceFen === null) return setError(localError("price"));
    if (costFen === null) return setError(localError("cost"));
    if (low === undefined || low === null) return setError(localError("lowStock"));
    if (commission.trim() !== "" && bp === null) return setError(localError("commissionBp"));
    setBusy(true);
    try {
      props.onSaved(await saveProduct(p?.id ?? null, {
        sku, barcode, name, nameEn, category, unit, price: priceFen, cost: costFen, lowStock: low, commissionBp: bp,
      }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const text = (id: string, label: string, value: string, set: (v: string) => void, field: string,
    hint?: string, list?: string) => (
    <Field id={id} label={label} hint={hint} error={fieldError(field)}>
      <input id={`f-${id}`} class="input" data-testid={id} value={value} list={list}
        onInput={(e) => set(e.currentTarget.value)} />
    </Field>
  );

  return (
    <Dialog title={t(p ? "catalog.product.editTitle" : "catalog.product.new")} onClose={props.onClose}
      testId="product-dialog" wide
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("catalog.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="product-save" disabled={busy}
          onClick={() => void save()}>{t("catalog.save")}</button>
      </>}>
      <form class="cat-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {error && !onAField(error, FIELDS) ? <ErrorBanner error={error} testId="product-error" /> : null}
        {text("product-barcode", t("catalog.product.barcode"), barcode, setBarcode, "barcode")}
        {text("product-sku", t("catalog.product.sku"), sku, setSku, "sku", t("catalog.product.skuHint"))}
        {text("product-name", t("catalog.product.name"), name, setName, "name")}
        {text("product-name-en", t("catalog.product.nameEn"), nameEn, setNameEn, "nameEn", t("catalog.optional"))}
        {text("product-category", t("catalog.product.category"), category, setCategory, "category", undefined,
          "product-categories")}
        <datalist id="product-categories">{props.categories.map((c) => <option key={c} value={c} />)}</datalist>
        {text("product-unit", t("catalog.product.unit"), unit, setUnit, "unit")}
        <Field id="product-price" label={t("catalog.product.price")} error={fieldError("price")}>
          <MoneyInput id="product-price" testId="product-price" value={price} onValue={setPrice}
            invalid={error?.field === "price"} />
        </Field>
        <Field id="product-cost" label={t("catalog.product.cost")} error={fieldError("cost")}>
          <MoneyInput id="product-cost" testId="product-cost" value={cost} onValue={setCost}
            invalid={error?.field === "cost"} />
        </Field>
        <Field id="product-low-stock" label={t("catalog.product.lowStock")} hint={t("catalog.product.lowStockHint")}
          error={fieldError("lowStock")}>
          <input id="f-product-low-stock" class="input input-number" data-testid="product-low-stock"
            inputMode="numeric" value={lowStock} onInput={(e) => setLowStock(e.currentTarget.value)} />
        </Field>
        <Field id="product-commission" label={t("catalog.product.commission")}
          hint={t("catalog.product.commissionHint")} error={fieldError("commissionBp")}>
          <input id="f-product-commission" class="input input-number" data-testid="product-commission"
            inputMode="decimal" value={commission} onInput={(e) => setCommission(e.currentTarget.value)} />
        </Field>
        <button type="submit" hidden />
      </form>
      {p ? <PriceHistory itemId={p.id} /> : null}
    </Dialog>
  );
}
