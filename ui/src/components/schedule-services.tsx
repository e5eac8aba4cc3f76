// Which kind of room each service needs (a facial a bed, a manicure a chair, or none): booking
// then finds a free one of that kind.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, BookingServiceView, ResourceKind } from "../lib/backend/bindings";
import { bookingServices } from "../lib/backend/commands";
import { setServiceResourceKind } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { ErrorBanner } from "./error-banner";
import { KINDS } from "./schedule-rooms";

export function ScheduleServices(props: { notify: (text: string) => void }) {
  const { t, money } = useI18n();
  const [services, setServices] = useState<BookingServiceView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    bookingServices().then(setServices, (e) => setError(toApiError(e)));
  }, []);
  const set = async (s: BookingServiceView, kind: ResourceKind | null) => {
    setError(null);
    try {
      await setServiceResourceKind(s.id, kind);
      setServices((list) => list && list.map((x) => (x.id === s.id ? { ...x, resourceKind: kind } : x)));
      props.notify(t("schedule.serviceSaved", { name: s.name }));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <div class="stock-pane" data-testid="schedule-services">
      {error ? <ErrorBanner error={error} testId="services-kind-error" /> : null}
      {services && services.length === 0 ? <p class="muted">{t("schedule.noServices")}</p> : null}
      {services && services.length > 0 ? (
        <table class="stock-table" data-testid="services-kind-table">
          <thead><tr><th>{t("schedule.service")}</th><th>{t("stock.category")}</th><th class="num">{t("schedule.duration")}</th><th>{t("schedule.needs")}</th></tr></thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id} data-testid="service-kind-row" data-name={s.name}>
                <td>{s.name} <span class="muted mono">{money(s.price)}</span></td>
                <td>{s.category || "—"}</td>
                <td class="num mono">{t("schedule.minutes", { n: s.durationMin })}</td>
                <td>
                  <select class="input" data-testid="service-kind" value={s.resourceKind ?? ""} aria-label={t("schedule.needs")}
                    onChange={(e) => void set(s, (e.currentTarget.value || null) as ResourceKind | null)}>
                    <option value="">{t("schedule.kind.none")}</option>
                    {KINDS.map((k) => <option key={k} value={k}>{t(`schedule.kind.${k}`)}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
