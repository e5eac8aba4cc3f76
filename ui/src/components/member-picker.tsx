// Find another member inline (merge target, referrer): a search box and its hits.
import { useEffect, useRef, useState } from "preact/hooks";
import type { MemberHit } from "../lib/backend/bindings";
import { useMemberSearch } from "../lib/use-member-search";
import { useI18n } from "../lib/i18n";
import { SearchIcon } from "./icons";
import { MemberResults, optionId } from "./member-results";

type Props = {
  id: string;
  onPick: (hit: MemberHit) => void;
  excludeId?: string | null;
  placeholder: string;
  autoFocus?: boolean;
  /** data-testid of the search box. */
  testId?: string;
};

export function MemberPicker(props: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const search = useMemberSearch(query, 8);
  const hits = search.hits.filter((h) => h.id !== props.excludeId);
  const listId = `${props.id}-list`;

  useEffect(() => setActive(0), [search.answered]);
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);

  const pick = (hit: MemberHit) => {
    props.onPick(hit);
    setQuery("");
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(hits.length - 1, a + step)));
    } else if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) {
      const hit = hits[active];
      if (hit) {
        e.preventDefault();
        pick(hit);
      }
    } else if (e.key === "Escape" && query !== "") {
      e.stopPropagation();
      setQuery("");
    }
  };

  const showNone = query.trim() !== "" && !search.pending && search.answered !== "" && hits.length === 0;
  return (
    <div class="picker">
      <div class="search-box search-box-small">
        <SearchIcon />
        <input ref={input} id={`f-${props.id}`} type="search" value={query} autocomplete="off" data-testid={props.testId}
          placeholder={props.placeholder} aria-expanded={hits.length > 0} aria-controls={listId}
          aria-activedescendant={hits.length > 0 ? optionId(listId, active) : undefined}
          onInput={(e) => setQuery(e.currentTarget.value)} onKeyDown={onKeyDown} />
      </div>
      {hits.length > 0 && query.trim() !== "" ? (
        <MemberResults listId={listId} hits={hits} active={active} onActivate={setActive} onOpen={pick}
          rowTestId="picker-result" compact />
      ) : null}
      {showNone ? <div class="picker-none muted">{t("lookup.noResults", { query: query.trim() })}</div> : null}
    </div>
  );
}
