// The price changes of one item, newest first: who changed it, when, old → new. Shown in the
// item's edit dialog; a past sale keeps its own price whatever this says.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, PriceChangeView } from "../lib/backend/bindings";
import { priceHistory } from "../lib/backend/commands-catalog";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";

export function PriceHistory(props: { itemId: string }) {
  const { t, money, dateTime } = useI18n();
  const [list, setList] = useState<PriceChangeView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    priceHistory(props.itemId).then(setList, (e) => setError(toApiError(e)));
  }, [props.itemId]);
  return (
    <section class="cat-history" data-testid="price-history">
      <h3 class="cat-history-title">{t("catalog.history.title")}</h3>
      {error ? <ErrorBanner error={error} /> : null}
      {list && list.length === 0 ? <p class="muted">{t("catalog.history.empty")}</p> : null}
      {list && list.length > 0 ? (
        <ul class="cat-history-list">
          {list.map((c) => (
            <li key={c.at} data-testid="price-change">
              <span class="mono">{t("catalog.history.change", { old: money(c.oldPrice), new: money(c.newPrice) })}</span>
              <span class="muted">{dateTime(c.at)}{c.staffName ? ` · ${c.staffName}` : ""}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
