// Back office: stock (库存). On hand (with adjustments from a row), goods received (入库),
// stock takes (盘点) and a product's history, as segments of one section.
import { useState } from "preact/hooks";
import type { AdminProps } from "./props";
import { useI18n } from "../../lib/i18n";
import { StockOnHand } from "../../components/stock-on-hand";
import { StockReceive } from "../../components/stock-receive";
import { StockTakeForm } from "../../components/stock-take";
import { StockHistory } from "../../components/stock-history";

type Tab = "onhand" | "receive" | "take" | "history";
const TABS: Tab[] = ["onhand", "receive", "take", "history"];

export function StockAdmin(props: AdminProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("onhand");
  /** The product whose history is shown (picked from a row of On hand, or on the History tab). */
  const [product, setProduct] = useState<string | null>(null);
  const showHistory = (id: string) => {
    setProduct(id);
    setTab("history");
  };
  return (
    <section class="card stock-admin" data-testid="stock-admin">
      <div class="admin-toolbar">
        <h2 class="section-title">{t("admin.section.stock")}</h2>
        <div class="segmented" role="tablist">
          {TABS.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} class={`segment ${tab === k ? "active" : ""}`}
              data-testid={`stock-tab-${k}`} onClick={() => setTab(k)}>
              {t(`stock.tab.${k}`)}
            </button>
          ))}
        </div>
      </div>
      {tab === "onhand" ? <StockOnHand onHistory={showHistory} notify={props.notify} /> : null}
      {tab === "receive" ? <StockReceive notify={props.notify} onDone={() => setTab("onhand")} /> : null}
      {tab === "take" ? <StockTakeForm notify={props.notify} /> : null}
      {tab === "history" ? <StockHistory productId={product} onPick={setProduct} /> : null}
    </section>
  );
}
