// Back office → points (积分): the points exchange list (积分兑换) — gifts from stock, services
// (given as a free-service coupon for her) and coupons, each with its price in points. A
// member's history and points by hand are on her profile (`member-points.tsx`).
import { useEffect, useState } from "preact/hooks";
import type {
  ApiError, ExchangeItemView, ExchangeKind, ProductView, ServiceView,
} from "../../lib/backend/bindings";
import { adminProducts, adminServices } from "../../lib/backend/commands-catalog";
import { exchangeItems, saveExchangeItem } from "../../lib/backend/commands-feedback";
import { toApiError } from "../../lib/backend/errors";
import { useI18n } from "../../lib/i18n";
import { Dialog } from "../../components/dialog";
import { ErrorBanner } from "../../components/error-banner";
import { Field } from "../../components/field";
import type { AdminProps } from "./props";
import "../../styles/feedback.css";

const KINDS: ExchangeKind[] = ["product", "service", "coupon"];

type Draft = {
  id: string | null; kind: ExchangeKind; itemId: string; couponCode: string; name: string;
  points: string; validDays: string; active: boolean;
};
const blank: Draft = { id: null, kind: "product", itemId: "", couponCode: "", name: "", points: "", validDays: "30", active: true };

export function PointsAdmin(props: AdminProps) {
  const { t, count } = useI18n();
  const [items, setItems] = useState<ExchangeItemView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    exchangeItems(true).then((r) => { setItems(r); setError(null); }, (reason: unknown) => { setItems([]); setError(toApiError(reason)); });
  }, [tick]);

  const edit = (i: ExchangeItemView) => setDraft({
    id: i.id, kind: i.kind, itemId: i.itemId ?? "", couponCode: i.couponCode ?? "", name: i.name,
    points: String(i.points), validDays: String(i.validDays ?? 30), active: i.active,
  });

  return (
    <section class="card" data-testid="points-admin" data-state={items === null ? "loading" : "ready"}>
      <div class="admin-toolbar">
        <h2 class="section-title">{t("feedback.points.listTitle")}</h2>
        <button type="button" class="btn btn-primary" data-testid="exchange-add" onClick={() => setDraft({ ...blank })}>
          {t("feedback.points.addItem")}
        </button>
      </div>
      <p class="muted small">{t("feedback.points.listNote")}</p>
      {error ? <ErrorBanner error={error} testId="points-admin-error" /> : null}
      {items && items.length === 0 && !error ? <p class="muted" data-testid="exchange-empty">{t("feedback.points.noItems")}</p> : null}
      {items && items.length > 0 ? (
        <table class="fb-table" data-testid="exchange-table">
          <thead><tr><th>{t("feedback.points.itemName")}</th><th>{t("feedback.points.itemKind")}</th><th class="num">{t("feedback.points.itemPoints")}</th><th class="num">{t("feedback.points.onHand")}</th><th /></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-testid="exchange-row" data-name={i.name} data-active={i.active}>
                <td>{i.name}{i.active ? null : <span class="pill"> {t("feedback.points.retired")}</span>}</td>
                <td>{t(`feedback.points.kind.${i.kind}`)}{i.couponCode ? <span class="mono small muted"> · {i.couponCode}</span> : null}</td>
                <td class="num mono">{count(i.points)}</td>
                <td class="num mono">{i.onHand === null ? "—" : count(i.onHand)}</td>
                <td class="num"><button type="button" class="btn btn-ghost btn-small" data-testid="exchange-edit" onClick={() => edit(i)}>{t("feedback.points.editItem")}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {draft ? (
        <ItemDialog draft={draft} onClose={() => setDraft(null)}
          onSaved={() => { setDraft(null); setTick(tick + 1); props.notify(t("feedback.points.itemSaved")); }} />
      ) : null}
    </section>
  );
}

function ItemDialog(props: { draft: Draft; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(props.draft);
  const [products, setProducts] = useState<ProductView[]>([]);
  const [services, setServices] = useState<ServiceView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    adminProducts().then(setProducts, () => setProducts([]));
    adminServices().then(setServices, () => setServices([]));
  }, []);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await saveExchangeItem({
        id: d.id, kind: d.kind, itemId: d.kind === "coupon" ? null : d.itemId || null,
        couponCode: d.kind === "product" ? null : d.couponCode, name: d.name,
        points: Number.parseInt(d.points, 10) || 0,
        validDays: d.kind === "product" ? null : Number.parseInt(d.validDays, 10) || null, active: d.active,
      });
      props.onSaved();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  const on = (field: string) => (error?.field === field ? { text: t(`error.${error.code}`), detail: error.message } : undefined);
  const choices = d.kind === "product" ? products.filter((p) => p.active) : services.filter((s) => s.active);
  return (
    <Dialog title={d.id ? t("feedback.points.editItem") : t("feedback.points.addItem")} onClose={props.onClose} testId="exchange-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="exchange-save" disabled={busy} onClick={() => void save()}>
          {t("feedback.points.itemSave")}
        </button>
      </>}>
      <Field id="exchange-kind" label={t("feedback.points.itemKind")}>
        <select id="f-exchange-kind" class="input" data-testid="exchange-kind" value={d.kind}
          onChange={(e) => setD({ ...d, kind: e.currentTarget.value as ExchangeKind, itemId: "" })}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`feedback.points.kind.${k}`)}</option>)}
        </select>
      </Field>
      {d.kind === "coupon" ? null : (
        <Field id="exchange-item" label={d.kind === "product" ? t("feedback.points.gift") : t("feedback.points.service")} error={on("itemId")}>
          <select id="f-exchange-item" class="input" data-testid="exchange-item-pick" value={d.itemId}
            onChange={(e) => {
              const id = e.currentTarget.value;
              const name = choices.find((c) => c.id === id)?.name ?? "";
              setD({ ...d, itemId: id, name: d.name || name });
            }}>
            <option value="">—</option>
            {choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </Field>
      )}
      {d.kind === "product" ? null : (<>
        <Field id="exchange-coupon" label={t("feedback.points.couponCode")} hint={t("feedback.points.couponHint")} error={on("couponCode")}>
          <input id="f-exchange-coupon" class="input mono" data-testid="exchange-coupon" value={d.couponCode}
            onInput={(e) => setD({ ...d, couponCode: e.currentTarget.value })} />
        </Field>
        <Field id="exchange-days" label={t("feedback.points.validDays")} error={on("validDays")}>
          <input id="f-exchange-days" class="input mono" inputMode="numeric" data-testid="exchange-days" value={d.validDays}
            onInput={(e) => setD({ ...d, validDays: e.currentTarget.value.replace(/\D/g, "") })} />
        </Field>
      </>)}
      <Field id="exchange-name" label={t("feedback.points.itemName")} error={on("name")}>
        <input id="f-exchange-name" class="input" data-testid="exchange-name" value={d.name} maxLength={80}
          onInput={(e) => setD({ ...d, name: e.currentTarget.value })} />
      </Field>
      <Field id="exchange-points" label={t("feedback.points.itemPoints")} error={on("points")}>
        <input id="f-exchange-points" class="input mono" inputMode="numeric" data-testid="exchange-points" value={d.points}
          onInput={(e) => setD({ ...d, points: e.currentTarget.value.replace(/\D/g, "") })} />
      </Field>
      <label class="radio-row">
        <input type="checkbox" data-testid="exchange-active" checked={d.active}
          onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} /> {t("feedback.points.active")}
      </label>
      {error && !["itemId", "couponCode", "validDays", "name", "points"].includes(error.field ?? "") ? (
        <ErrorBanner error={error} testId="exchange-error" />
      ) : null}
    </Dialog>
  );
}
