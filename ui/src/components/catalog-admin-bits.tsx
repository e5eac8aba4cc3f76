// Pieces the catalog's back-office sections share: the status pill, the up/down buttons, the
// search and category filter, a field's error from the core, and a list loaded from a command.
import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "../lib/backend/bindings";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import type { FieldError } from "./field";

export function StatusPill(props: { active: boolean; ended?: boolean }) {
  const { t } = useI18n();
  if (props.active) return <span class="pill pill-ok">{t("catalog.status.active")}</span>;
  return <span class="pill">{t(props.ended ? "catalog.status.ended" : "catalog.status.archived")}</span>;
}

export function MoveButtons(props: { testId: string; first: boolean; last: boolean; onMove: (up: boolean) => void }) {
  const { t } = useI18n();
  return (
    <span class="cat-move">
      <button type="button" class="btn btn-ghost btn-icon" data-testid={`${props.testId}-up`} disabled={props.first}
        aria-label={t("catalog.moveUp")} title={t("catalog.moveUp")} onClick={() => props.onMove(true)}>↑</button>
      <button type="button" class="btn btn-ghost btn-icon" data-testid={`${props.testId}-down`} disabled={props.last}
        aria-label={t("catalog.moveDown")} title={t("catalog.moveDown")} onClick={() => props.onMove(false)}>↓</button>
    </span>
  );
}

/**
 * A row's actions: up/down (when `move` is given: an unfiltered list), edit, and archive/restore
 * (`ends`: end/reopen, for plans and coupons). Test ids: `<testId>-edit`, `-archive`/`-restore`
 * or `-end`/`-reopen`, and `<testId>-move-up`/`-down`.
 */
export function RowActions(props: {
  testId: string; active: boolean; ends?: boolean;
  move?: { first: boolean; last: boolean; onMove: (up: boolean) => void };
  onEdit: () => void; onToggle: () => void;
}) {
  const { t } = useI18n();
  const [off, on] = props.ends ? ["end", "reopen"] as const : ["archive", "restore"] as const;
  return (
    <td class="cat-actions">
      {props.move ? <MoveButtons testId={`${props.testId}-move`} {...props.move} /> : null}
      <button type="button" class="btn btn-secondary btn-small" data-testid={`${props.testId}-edit`}
        onClick={props.onEdit}>{t("catalog.edit")}</button>
      <button type="button" class="btn btn-ghost btn-small" data-testid={`${props.testId}-${props.active ? off : on}`}
        onClick={props.onToggle}>{t(`catalog.${props.active ? off : on}`)}</button>
    </td>
  );
}

export function CategoryFilter(props: {
  testId: string; query: string; onQuery: (q: string) => void;
  categories: string[]; category: string; onCategory: (c: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <input class="input cat-search" type="search" data-testid={`${props.testId}-search`} value={props.query}
        placeholder={t("catalog.search")} aria-label={t("catalog.search")}
        onInput={(e) => props.onQuery(e.currentTarget.value)} />
      <select class="input cat-filter" data-testid={`${props.testId}-category`} value={props.category}
        aria-label={t("catalog.col.category")} onChange={(e) => props.onCategory(e.currentTarget.value)}>
        <option value="">{t("catalog.allCategories")}</option>
        {props.categories.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </>
  );
}

/** The fields the core names in its refusals, each with our words for it. */
const FIELD_TEXT: Record<string, MessageKey> = {
  name: "catalog.err.name", nameEn: "catalog.err.nameEn", category: "catalog.err.category",
  durationMin: "catalog.err.durationMin", price: "catalog.err.price", commissionBp: "catalog.err.commissionBp",
  barcode: "catalog.err.barcode", sku: "catalog.err.sku", cost: "catalog.err.cost", unit: "catalog.err.unit",
  lowStock: "catalog.err.lowStock", pay: "catalog.err.pay", bonus: "catalog.err.bonus",
  sessions: "catalog.err.sessions", validDays: "catalog.err.validDays", serviceId: "catalog.err.serviceId",
  code: "catalog.err.code", value: "catalog.err.value", minSpend: "catalog.err.minSpend",
  validFrom: "catalog.err.validFrom", validTo: "catalog.err.validTo", maxUses: "catalog.err.maxUses",
  perMember: "catalog.err.perMember",
};

/** Whether the error belongs on a field of the form (else it goes in a banner). */
export function onAField(error: ApiError | null, fields: readonly string[]): boolean {
  return error !== null && error.field !== null && fields.includes(error.field);
}

/** `fieldError("price")`: the error to show under that field, if the core's error names it. */
export function useFieldError(error: ApiError | null): (field: string) => FieldError | undefined {
  const { t } = useI18n();
  return (field) => {
    if (error?.field !== field) return undefined;
    // Our words for a known field say it all (the core's sentence is English); an unknown
    // one gets the generic text with the core's sentence as its detail.
    const key = FIELD_TEXT[field];
    return key ? { text: t(key) } : { text: t("error.validation"), detail: error.message || null };
  };
}

/** A section's list: loaded once, replaced by what each change answers, errors kept to show. */
export function useAdminList<T>(load: () => Promise<T[]>) {
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    load().then(setList, (e) => setError(toApiError(e)));
  }, []);
  /** Runs a change; its answer becomes the list. Errors are shown, never thrown. */
  const run = async (change: () => Promise<T[]>): Promise<boolean> => {
    try {
      setList(await change());
      setError(null);
      return true;
    } catch (e) {
      setError(toApiError(e));
      return false;
    }
  };
  return { list, setList, error, setError, run };
}
