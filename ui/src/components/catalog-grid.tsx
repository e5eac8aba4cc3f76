// The checkout's item grid: tabs for services (grouped by category), products, top-ups and
// packages, and a search box over all four (F4). A tap adds the item to the cart; Enter in the
// search box adds the first match. Searching asks the backend (latest answer wins).
import type { Ref } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, Catalog, CatalogItem } from "../lib/backend/bindings";
import { catalog as fetchCatalog } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import { SearchIcon } from "./icons";
import { Kbd } from "./kbd";

export type GridTab = "services" | "products" | "top_ups" | "packages";
export const GRID_TABS: readonly GridTab[] = ["services", "products", "top_ups", "packages"];
const FIELD: Record<GridTab, keyof Catalog> = { services: "services", products: "products", top_ups: "topUps", packages: "packages" };

const LOW_STOCK = 5;

type Props = {
  onAdd: (item: CatalogItem) => void;
  /** Bumped after a sale so stock figures are fresh. */
  refresh: number;
  hasMember: boolean;
  searchRef: Ref<HTMLInputElement>;
};

export function CatalogGrid(props: Props) {
  const { t, money, locale } = useI18n();
  const [tab, setTab] = useState<GridTab>("services");
  const [query, setQuery] = useState("");
  const [data, setData] = useState<Catalog | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    const q = query.trim();
    const timer = setTimeout(() => {
      fetchCatalog(q).then(
        (c) => {
          if (mine !== ticket.current) return;
          setData(c);
          setError(null);
          setAnswered(q);
        },
        (reason: unknown) => {
          if (mine === ticket.current) setError(toApiError(reason));
        },
      );
    }, q === "" ? 0 : 120);
    return () => clearTimeout(timer);
  }, [query, props.refresh]);

  // Searching from a tab with no match moves to the first tab that has one.
  useEffect(() => {
    if (!data || answered === null || answered === "") return;
    if (data[FIELD[tab]].length > 0) return;
    const other = GRID_TABS.find((g) => data[FIELD[g]].length > 0);
    if (other) setTab(other);
  }, [data, answered]);

  const items = data ? data[FIELD[tab]] : [];
  const searching = query.trim() !== "";

  const onSearchKey = (e: KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      const first = items.find((i) => !soldOut(i));
      if (first && answered === query.trim()) props.onAdd(first);
    } else if (e.key === "Escape" && query !== "") {
      e.stopPropagation();
      setQuery("");
    }
  };

  const tile = (item: CatalogItem) => {
    const out = soldOut(item);
    const memberOnly = (item.kind === "top_up" || item.kind === "package_purchase") && !props.hasMember;
    let meta: string | null = null;
    let metaClass = "";
    if (item.kind === "service" && item.durationMin !== null) meta = t("checkout.minutes", { n: item.durationMin });
    if (item.kind === "product" && item.stock !== null) {
      if (out) {
        meta = t("checkout.outOfStock");
        metaClass = "co-tile-meta-bad";
      } else if (item.stock <= LOW_STOCK) {
        meta = t("checkout.lowStock", { n: item.stock });
        metaClass = "co-tile-meta-warn";
      } else {
        meta = t("checkout.stock", { n: item.stock });
      }
    }
    if (item.kind === "top_up") meta = t("checkout.topUpGets", { amount: money(item.price + (item.bonus ?? 0)) });
    if (item.kind === "package_purchase" && item.sessions !== null) {
      meta = t("checkout.packageMeta", { n: item.sessions, days: item.validDays ?? 0 });
    }
    return (
      <button key={item.id} type="button" class={`co-tile co-tile-${item.kind}`} data-testid="grid-item"
        data-name={item.name} data-kind={item.kind} data-id={item.id} disabled={out}
        onMouseDown={keepFocus} onClick={() => props.onAdd(item)}>
        <span class="co-tile-name">{locale === "en" && item.nameEn ? item.nameEn : item.name}</span>
        {meta ? <span class={`co-tile-meta ${metaClass}`}>{meta}</span> : null}
        <span class="co-tile-foot">
          <span class="co-tile-price mono">{money(item.price)}</span>
          {memberOnly ? <span class="co-tile-flag">{t("checkout.needsMember")}</span> : null}
        </span>
      </button>
    );
  };

  let body;
  if (error && !data) {
    body = <ErrorBanner error={error} text={t("checkout.catalogError")} />;
  } else if (!data) {
    body = <p class="muted co-grid-empty">{t("common.loading")}</p>;
  } else if (items.length === 0) {
    body = <p class="muted co-grid-empty">{searching ? t("checkout.noItems", { query: query.trim() }) : t("checkout.emptyCatalog")}</p>;
  } else if (tab === "services") {
    const groups = new Map<string, CatalogItem[]>();
    for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
    body = [...groups].map(([category, list]) => (
      <section key={category} class="co-group">
        {category ? <h3 class="co-group-title">{category}</h3> : null}
        <div class="co-tiles">{list.map(tile)}</div>
      </section>
    ));
  } else {
    body = <div class="co-tiles">{items.map(tile)}</div>;
  }

  return (
    <section class="co-grid" aria-label={t("checkout.searchLabel")}>
      <div class="co-grid-head">
        <div class="search-box search-box-small co-grid-search">
          <SearchIcon />
          <input ref={props.searchRef} id="f-grid-search" type="search" data-testid="grid-search" value={query}
            autocomplete="off" spellcheck={false} aria-label={t("checkout.searchLabel")} placeholder={t("checkout.searchHint")}
            onInput={(e) => setQuery(e.currentTarget.value)} onKeyDown={onSearchKey} />
          <Kbd keys="F4" />
        </div>
        <div class="co-tabs" role="tablist">
          {GRID_TABS.map((g) => {
            const n = data ? data[FIELD[g]].length : null;
            return (
              <button key={g} type="button" role="tab" class={`co-tab ${g === tab ? "active" : ""}`}
                aria-selected={g === tab} data-testid={`grid-tab-${g}`} onClick={() => setTab(g)}>
                <span>{t(`checkout.tab.${g}`)}</span>
                {searching && n !== null ? <span class="co-tab-count">{n}</span> : null}
              </button>
            );
          })}
        </div>
      </div>
      {error && data ? <ErrorBanner error={error} text={t("checkout.catalogError")} /> : null}
      <div class="co-grid-body" role="tabpanel">{body}</div>
    </section>
  );
}

/**
 * A tapped tile does not take the focus: a focused button would turn the Enter of a scan the
 * scanner sent too slowly to be recognised into a second tap on the last item.
 */
const keepFocus = (e: MouseEvent) => e.preventDefault();

function soldOut(item: CatalogItem): boolean {
  return item.kind === "product" && item.stock !== null && item.stock <= 0;
}
