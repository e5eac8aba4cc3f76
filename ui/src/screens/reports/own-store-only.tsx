// Stock and campaigns are each store's own records (the protocol's `Scope::Store`): a head-office
// device receives the other stores' sales (into its report summaries) but not their stock moves,
// campaigns or coupon use. When another store or the whole chain is picked, these tabs say so
// plainly and show what the device holds — its own store's — instead of passing that off as the
// store or the chain asked for (rule: crates/salondesk-core/src/reports/{stock,campaigns}.rs).
import type { ChainStore, ReportQuery } from "../../lib/backend/bindings";
import { useI18n } from "../../lib/i18n";

/** Whether `q` asks for more or other than this device's own store. */
export function asksBeyondOwnStore(q: ReportQuery, stores: ChainStore[]): boolean {
  if (q.chain) return true;
  return q.storeId !== null && stores.some((s) => s.id === q.storeId && !s.own);
}

export function OwnStoreOnly(props: { what: "stock" | "campaigns"; query: ReportQuery; stores: ChainStore[] }) {
  const { t } = useI18n();
  if (!asksBeyondOwnStore(props.query, props.stores)) return null;
  const own = props.stores.find((s) => s.own)?.name ?? "";
  return (
    <div class="banner banner-info" role="note" data-testid={`${props.what}-own-store-only`}>
      {t(props.what === "stock" ? "reportUi.ownStoreOnly.stock" : "reportUi.ownStoreOnly.campaigns", { store: own })}
    </div>
  );
}
