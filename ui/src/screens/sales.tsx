// Sales & refunds (销售记录/退款): the receipt a client brings back, typed or scanned, or a sale
// picked from the recent ones; its detail beside the list, where it is refunded, voided,
// reprinted or its receipt shown. Owners and managers also filter the list (period, member,
// staff, item, payment method) and see its totals; the desk keeps the recent list.
import { useEffect, useRef, useState } from "preact/hooks";
import type {
  ApiError, PageCursor, SaleRowView, SaleSummaryView, SaleView, SalesFilterInput, SalesTotalsView, Session, ZReportView,
} from "../lib/backend/bindings";
import { currentShift, getSale, recentSales, saleByReceiptNo } from "../lib/backend/commands";
import { salesList, salesTotals } from "../lib/backend/commands-records";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { can, type Route } from "../lib/route";
import { CardScanner } from "../lib/scanner";
import { saleKindName, tenderName } from "../lib/sale-words";
import { ErrorBanner } from "../components/error-banner";
import { Kbd } from "../components/kbd";
import { SearchIcon } from "../components/icons";
import { SaleDetail } from "../components/sale-detail";
import { ReceiptIcon, RefreshIcon } from "../components/sales-icons";
import { NO_FILTER, SalesFilterBar, SalesTotals, isFiltered } from "../components/sales-filter-bar";

type Props = { saleId?: string; session?: Session; onNavigate: (route: Route) => void };

const LIST_SIZE = 60;

export function Sales(props: Props) {
  const { t, money, dateTime } = useI18n();
  // The recent list (everyone) or the filtered one (owners and managers: with payments and staff).
  const [list, setList] = useState<Array<SaleSummaryView | SaleRowView> | null>(null);
  const [listError, setListError] = useState<ApiError | null>(null);
  const [sale, setSale] = useState<SaleView | null>(null);
  const [saleError, setSaleError] = useState<ApiError | string | null>(null);
  const [loadingSale, setLoadingSale] = useState(false);
  const [shift, setShift] = useState<ZReportView | null>(null);
  const [query, setQuery] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const [filter, setFilter] = useState<SalesFilterInput>(NO_FILTER);
  const [totals, setTotals] = useState<SalesTotalsView | null>(null);
  const [next, setNext] = useState<PageCursor | null>(null);
  const filters = props.session ? can(props.session, "view_records") : false;

  const [busy, setBusy] = useState(true);
  const loadList = async (f: SalesFilterInput = filter, after: PageCursor | null = null) => {
    setListError(null);
    setBusy(true);
    try {
      if (!isFiltered(f)) {
        setTotals(null);
        setNext(null);
        setList(await recentSales(null, LIST_SIZE));
        return;
      }
      const [page, sum] = await Promise.all([salesList(f, after, LIST_SIZE), after ? Promise.resolve(null) : salesTotals(f)]);
      setList((had) => (after && had ? [...had, ...page.rows] : page.rows));
      setNext(page.next);
      if (sum) setTotals(sum);
    } catch (reason) {
      setListError(toApiError(reason));
      if (!after) setTotals(null);
    } finally {
      setBusy(false);
    }
  };
  const applyFilter = (f: SalesFilterInput) => {
    setFilter(f);
    setList(null);
    void loadList(f);
  };
  const loadShift = () => currentShift().then(setShift, () => setShift(null));

  const show = async (find: () => Promise<SaleView>, notFound?: string) => {
    setLoadingSale(true);
    setSaleError(null);
    try {
      setSale(await find());
    } catch (reason) {
      const error = toApiError(reason);
      setSaleError(error.code === "not_found" && notFound ? notFound : error);
    } finally {
      setLoadingSale(false);
    }
  };
  const open = (id: string) => show(() => getSale(id));
  const findReceipt = (no: string) => {
    const clean = no.trim();
    if (clean === "") return;
    void show(() => saleByReceiptNo(clean), t("sales.notFound", { no: clean }));
  };

  useEffect(() => {
    void loadList();
    void loadShift();
    if (props.saleId) void open(props.saleId);
    input.current?.focus();
  }, []);

  // A receipt scanned anywhere on this screen (not in a dialog) opens that sale.
  const latest = useRef({ findReceipt });
  latest.current = { findReceipt };
  useEffect(() => {
    const scanner = new CardScanner({ minLength: 6 });
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.ctrlKey || e.altKey || e.metaKey || document.querySelector("[role=dialog]")) {
        scanner.reset();
        return;
      }
      const code = scanner.feed(e.key, e.timeStamp);
      if (code === null) return;
      e.preventDefault();
      e.stopPropagation();
      // Whatever the scan typed into the box (if it had focus) is replaced by the whole code.
      if (input.current) input.current.value = code;
      setQuery(code);
      latest.current.findReceipt(code);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  const changed = async () => {
    if (sale) {
      try {
        setSale(await getSale(sale.id));
      } catch (reason) {
        setSaleError(toApiError(reason));
      }
    }
    await Promise.all([loadList(), loadShift()]);
  };

  return (
    <main class="screen sales-screen" data-testid="sales-screen">
      <header class="screen-head">
        <h1>{t("sales.title")}</h1>
      </header>
      {filters ? <SalesFilterBar value={filter} onChange={applyFilter} /> : null}
      {totals ? <SalesTotals totals={totals} /> : null}
      <div class="sales-layout">
        <section class="sales-side">
          <form class="sales-search" onSubmit={(e) => { e.preventDefault(); findReceipt(query); }}>
            <label class="sr-only" for="f-sales-receipt-search">{t("sales.receiptSearch")}</label>
            <div class="search-box search-box-small">
              <ReceiptIcon />
              <input ref={input} id="f-sales-receipt-search" class="mono" data-testid="sales-receipt-search" value={query}
                placeholder={t("sales.receiptPlaceholder")} autocomplete="off" spellcheck={false}
                onInput={(e) => setQuery(e.currentTarget.value)} />
              <Kbd keys="Enter" />
            </div>
            <button type="submit" class="btn btn-primary" data-testid="sales-receipt-find" disabled={query.trim() === ""}>
              <SearchIcon /> {t("sales.find")}
            </button>
          </form>

          <div class="card sales-list-card">
            <div class="sales-list-head">
              <h2 class="section-title">{isFiltered(filter) ? t("records.sales.filtered") : t("sales.recent")}</h2>
              <button type="button" class="btn btn-ghost btn-small" data-testid="sales-refresh"
                onClick={() => { void loadList(); void loadShift(); }}>
                <RefreshIcon size={18} /> {t("sales.refresh")}
              </button>
            </div>
            {listError ? <ErrorBanner error={listError} /> : null}
            {list === null && !listError ? <p class="muted sales-list-empty">{t("common.loading")}</p> : null}
            {list?.length === 0 ? (
              <p class="muted sales-list-empty" data-testid="sales-empty">
                {isFiltered(filter) ? t("records.sales.empty") : t("sales.empty")}
              </p>
            ) : null}
            <ul class="sales-list" data-testid="sales-list" data-busy={busy}>
              {list?.map((s) => (
                <li key={s.id}>
                  <button type="button" class={`sale-row ${sale?.id === s.id ? "active" : ""} kind-row-${s.kind}`}
                    data-testid="sale-row" data-receipt-no={s.receiptNo} data-kind={s.kind} data-sale-id={s.id}
                    aria-current={sale?.id === s.id ? "true" : undefined} onClick={() => void open(s.id)}>
                    <span class="sale-row-top">
                      <span class="sale-row-no mono">{s.receiptNo}</span>
                      {s.kind !== "sale" ? <span class={`kind-badge kind-${s.kind}`}>{saleKindName(t, s.kind)}</span> : null}
                      {s.fullyRefunded ? <span class="kind-badge kind-refunded">{t("sales.fullyRefunded")}</span> : null}
                      <span class={`sale-row-total mono ${s.total < 0 ? "neg" : ""}`}>{money(s.total)}</span>
                    </span>
                    <span class="sale-row-sub">
                      <span class="mono">{dateTime(s.createdAt)}</span>
                      <span class="truncate">{s.memberName ?? t("sales.walkIn")}</span>
                    </span>
                    {"payments" in s ? (
                      <span class="sale-row-sub" data-testid="sale-row-more">
                        <span class="truncate">{s.payments.map((p) => tenderName(t, p)).join(" + ")}</span>
                        <span class="truncate">{s.staffNames.join(t("common.listSep"))}</span>
                      </span>
                    ) : null}
                  </button>
                </li>
              ))}
            </ul>
            {next ? (
              <button type="button" class="btn btn-ghost records-more" data-testid="sales-more"
                onClick={() => void loadList(filter, next)}>{t("records.loadMore")}</button>
            ) : null}
          </div>
        </section>

        <section class="sales-main" aria-busy={loadingSale}>
          {saleError ? <ErrorBanner error={saleError} testId="sales-error" /> : null}
          {sale ? (
            <SaleDetail sale={sale} shift={shift} onNavigate={props.onNavigate} onChanged={changed}
              onOpen={(id) => void open(id)}
              onOpenReceiptNo={(no) => void show(() => saleByReceiptNo(no), t("sales.notFound", { no }))} />
          ) : !saleError ? (
            <div class="card empty-state sales-pick">
              <ReceiptIcon size={40} class="empty-icon" />
              <p class="muted">{loadingSale ? t("common.loading") : t("sales.pick")}</p>
              <p class="muted small">{t("sales.scanHint")}</p>
            </div>
          ) : null}
        </section>
      </div>
    </main>
  );
}
