// The cashier's home: one search box, results as you type, keyboard all the way, and a card
// scanner that works anywhere on the screen.
import { useEffect, useRef, useState } from "preact/hooks";
import type { MemberHit } from "../lib/backend/bindings";
import { appInfo, memberByCard } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import type { Prefill, Route } from "../lib/route";
import { CardScanner } from "../lib/scanner";
import { useMemberSearch } from "../lib/use-member-search";
import { Kbd } from "../components/kbd";
import { CardIcon, SearchIcon, UserPlusIcon } from "../components/icons";
import { MemberResults, optionId } from "../components/member-results";
import { ErrorBanner } from "../components/error-banner";

type Props = {
  query: string;
  onQuery: (query: string) => void;
  onNavigate: (route: Route) => void;
};

const LIST_ID = "member-results";

/** What a failed search probably was, so "register" can start with it filled in. */
function prefillFrom(query: string): Prefill {
  const q = query.trim();
  return /^[\d\s+-]{7,}$/.test(q) ? { phone: q.replace(/[\s-]/g, "") } : /^[\p{Script=Han}·\s]+$/u.test(q) ? { name: q } : {};
}

export function MemberLookup(props: Props) {
  const { t, count } = useI18n();
  const { query, onQuery, onNavigate } = props;
  const [active, setActive] = useState(0);
  const [cardMessage, setCardMessage] = useState<string | null>(null);
  const [memberCount, setMemberCount] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const search = useMemberSearch(query);
  // Window listeners are installed once; they read the latest values through this ref.
  const latest = useRef({ query, onQuery, onNavigate, t });
  latest.current = { query, onQuery, onNavigate, t };
  // Enter pressed before the answer arrived: open the member once it does, if it is the only
  // hit or the only exact one.
  const enterWhenReady = useRef(false);

  useEffect(() => {
    setActive(0);
    if (enterWhenReady.current && !search.pending) {
      enterWhenReady.current = false;
      const [first, second] = search.hits;
      const only = first && (!second || (first.exact && !second.exact)) ? first : undefined;
      if (only && search.answered === latest.current.query.trim()) onNavigate({ name: "profile", id: only.id });
    }
  }, [search.answered, search.hits, search.pending]);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    appInfo().then((info) => setMemberCount(info.memberCount), () => setMemberCount(null));
  }, []);

  // Card scanner: watches every key on the screen before anything else sees it. Characters of
  // a scan typed into the search box are taken back out when the scan completes.
  useEffect(() => {
    const scanner = new CardScanner();
    let beforeBurst = latest.current.query;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.ctrlKey || e.altKey || e.metaKey) {
        scanner.reset();
        return;
      }
      if ([...e.key].length === 1 && !scanner.continuesBurst(e.timeStamp)) {
        beforeBurst = input.current?.value ?? latest.current.query;
      }
      const code = scanner.feed(e.key, e.timeStamp);
      if (code === null) return;
      e.preventDefault();
      e.stopPropagation();
      if (input.current) input.current.value = beforeBurst;
      enterWhenReady.current = false;
      const { onQuery: setQuery, onNavigate: go, t: tr } = latest.current;
      setQuery(beforeBurst);
      memberByCard(code).then(
        (hit) => (hit ? go({ name: "profile", id: hit.id }) : setCardMessage(tr("lookup.cardNotFound", { no: code }))),
        (reason: unknown) => setCardMessage(tr(`error.${toApiError(reason).code}`)),
      );
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  // Shortcuts that work wherever focus is on this screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && latest.current.query !== "") {
        latest.current.onQuery("");
        setCardMessage(null);
        input.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const hits = search.hits;
  const open = (hit: MemberHit) => onNavigate({ name: "profile", id: hit.id });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(hits.length - 1, a + step)));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const hit = hits[active];
      if (search.pending) enterWhenReady.current = true;
      else if (hit) open(hit);
    }
  };

  const typed = query.trim() !== "";
  const showResults = typed && hits.length > 0;
  const showNone = typed && !search.pending && search.answered === query.trim() && hits.length === 0 && !search.error;

  return (
    <main class="screen lookup">
      <div class="lookup-bar">
        <div class="search-box">
          <SearchIcon size={24} />
          <input ref={input} id="f-member-search" class="search-input" data-testid="member-search" type="search"
            value={query} autocomplete="off" spellcheck={false} aria-label={t("lookup.label")}
            placeholder={t("lookup.hint")} aria-expanded={showResults} aria-controls={LIST_ID}
            aria-activedescendant={showResults ? optionId(LIST_ID, active) : undefined}
            onInput={(e) => { onQuery(e.currentTarget.value); setCardMessage(null); }} onKeyDown={onKeyDown} />
          {search.pending ? <span class="spinner" aria-hidden="true" /> : null}
        </div>
        <button type="button" class="btn btn-primary btn-large" data-testid="new-member"
          onClick={() => onNavigate({ name: "new" })}>
          <UserPlusIcon /> <span>{t("lookup.newMember")}</span> <Kbd keys="F6" class="kbd-on-primary" />
        </button>
      </div>
      <div class="lookup-meta">
        <span class="muted scan-hint"><CardIcon size={16} /> {t("lookup.scanHint")}</span>
        {showResults ? <span class="muted">{t("lookup.resultCount", { n: hits.length })}</span> : null}
      </div>

      {cardMessage ? <ErrorBanner error={cardMessage} testId="card-not-found" /> : null}
      {search.error ? <ErrorBanner error={search.error} /> : null}

      {showResults ? (
        <div class="card lookup-results" data-answered={search.answered}>
          <MemberResults listId={LIST_ID} hits={hits} active={active} onActivate={setActive} onOpen={open}
            rowTestId="member-result" />
          <div class="results-foot">
            <span><Kbd keys="↑" /> <Kbd keys="↓" /> {t("lookup.keyMove")}</span>
            <span><Kbd keys="Enter" /> {t("lookup.keyOpen")}</span>
            <span><Kbd keys="Esc" /> {t("lookup.keyClear")}</span>
          </div>
        </div>
      ) : showNone ? (
        <div class="card empty-state" data-testid="member-no-results" data-answered={search.answered}>
          <SearchIcon size={40} class="empty-icon" />
          <h2>{t("lookup.noResults", { query: query.trim() })}</h2>
          <p class="muted">{t("lookup.hint")}</p>
          <button type="button" class="btn btn-secondary"
            onClick={() => onNavigate({ name: "new", prefill: prefillFrom(query) })}>
            <UserPlusIcon /> {t("lookup.registerFromQuery")}
          </button>
        </div>
      ) : !typed ? (
        <div class="card empty-state">
          <CardIcon size={44} class="empty-icon" />
          <h2>{t("lookup.emptyTitle")}</h2>
          <p class="muted">{t("lookup.emptyBody")}</p>
          {memberCount !== null ? <p class="stat-line">{t("lookup.memberCount", { n: count(memberCount) })}</p> : null}
        </div>
      ) : null}
    </main>
  );
}
