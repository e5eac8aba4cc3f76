// Search hits as a keyboard-driven list: the highlight is moved by the search box's arrow keys
// (aria-activedescendant), so focus never leaves the box.
import { useEffect, useRef } from "preact/hooks";
import type { MemberHit } from "../lib/backend/bindings";
import { useI18n } from "../lib/i18n";
import { TierBadge } from "./tier-badge";

type Props = {
  listId: string;
  hits: MemberHit[];
  active: number;
  onActivate: (index: number) => void;
  onOpen: (hit: MemberHit) => void;
  rowTestId: string;
  compact?: boolean;
};

export const optionId = (listId: string, index: number) => `${listId}-opt-${index}`;

export function MemberResults(props: Props) {
  const { t, date } = useI18n();
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    list.current?.querySelector(`#${optionId(props.listId, props.active)}`)?.scrollIntoView({ block: "nearest" });
  }, [props.active, props.hits]);

  return (
    <div class={`results ${props.compact ? "results-compact" : ""}`}>
      {props.compact ? null : (
        <div class="results-head" aria-hidden="true">
          <span>{t("lookup.colName")}</span>
          <span>{t("lookup.colPhone")}</span>
          <span>{t("lookup.colMemberNo")}</span>
          <span>{t("lookup.colTier")}</span>
          <span>{t("lookup.colLastVisit")}</span>
        </div>
      )}
      <ul ref={list} id={props.listId} class="results-list" role="listbox" aria-label={t("lookup.label")}>
        {props.hits.map((hit, i) => (
          <li key={hit.id} id={optionId(props.listId, i)} role="option" aria-selected={i === props.active}
            class={`result ${i === props.active ? "active" : ""}`} data-testid={props.rowTestId}
            data-member-id={hit.id} data-member-no={hit.memberNo}
            onMouseMove={() => i !== props.active && props.onActivate(i)}
            onMouseDown={(e) => e.preventDefault()} onClick={() => props.onOpen(hit)}>
            <span class="result-name">
              <span class="avatar avatar-small" aria-hidden="true">{[...hit.name][0]}</span>
              <span class="truncate">{hit.name}</span>
            </span>
            <span class="result-phone mono">{hit.phone}</span>
            <span class="result-no mono">{hit.memberNo}</span>
            <span class="result-tier"><TierBadge tier={hit.tier} /></span>
            <span class="result-visit">
              {hit.lastVisitAt ? date(hit.lastVisitAt) : <span class="muted">{t("lookup.neverVisited")}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
