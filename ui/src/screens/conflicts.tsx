// 同步冲突 The managers' conflicts inbox: what could not merge by itself (a balance overdrawn by
// offline sales in two stores, a beautician booked twice, two members with one phone), each in
// plain words with what to do, a resolution note and "Mark resolved". Resolved ones fold away.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ConflictView, Session } from "../lib/backend/bindings";
import { resolveConflict, syncConflicts } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { can, type Route } from "../lib/route";
import { agoText, conflictWords } from "../lib/sync-words";
import { refreshSyncStatus, useNow, useSyncStatus } from "../lib/use-sync-status";
import { ErrorBanner } from "../components/error-banner";
import { Field, type FieldError } from "../components/field";
import { Kbd } from "../components/kbd";
import { CheckIcon } from "../components/icons";
import { ConflictIcon } from "../components/sync-icons";
import "../styles/sync.css";

type Props = { session: Session; onNavigate: (route: Route) => void; notify: (text: string) => void };

export function Conflicts(props: Props) {
  const { t, count } = useI18n();
  const status = useSyncStatus();
  const [list, setList] = useState<ConflictView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const manager = can(props.session, "resolve_conflicts");

  const load = () => syncConflicts(false).then(setList, (r: unknown) => setError(toApiError(r)));
  // Conflicts arrive with pulls: reload when the open count moves.
  useEffect(() => {
    if (manager) void load();
  }, [manager, status?.conflictsOpen]);

  if (!manager) {
    return (
      <main class="screen conflicts">
        <header class="screen-head"><h1>{t("conflicts.title")}</h1></header>
        <p class="muted">{t("conflicts.managersOnly")}</p>
      </main>
    );
  }

  const open = (list ?? []).filter((c) => c.resolvedAt === null);
  const resolved = (list ?? []).filter((c) => c.resolvedAt !== null);

  const onResolved = async () => {
    props.notify(t("conflicts.resolved"));
    await load();
    void refreshSyncStatus();
  };

  return (
    <main class="screen conflicts" data-testid="conflicts-screen">
      <header class="screen-head"><h1>{t("conflicts.title")}</h1></header>
      <p class="muted">{t("conflicts.intro")}</p>
      {error ? <ErrorBanner error={error} /> : null}
      {list === null && !error ? <p class="muted">{t("common.loading")}</p> : null}
      {list !== null && open.length === 0 ? (
        <div class="card conflicts-empty" data-testid="conflicts-empty">
          <CheckIcon size={32} />
          <strong>{t("conflicts.none")}</strong>
          <span class="muted small">{t("conflicts.noneBody")}</span>
        </div>
      ) : null}
      <ul class="conflict-list" data-testid="conflicts-open">
        {open.map((c) => <li key={c.id}><ConflictCard conflict={c} onResolved={() => void onResolved()} /></li>)}
      </ul>
      {resolved.length > 0 ? (
        <>
          <button type="button" class="btn btn-ghost conflict-resolved-toggle" data-testid="conflicts-resolved-toggle"
            aria-expanded={showResolved} onClick={() => setShowResolved((s) => !s)}>
            {showResolved ? "▾" : "▸"} {t("conflicts.resolvedList", { n: count(resolved.length) })}
          </button>
          {showResolved ? (
            <ul class="conflict-list" data-testid="conflicts-resolved">
              {resolved.map((c) => <li key={c.id}><ConflictCard conflict={c} /></li>)}
            </ul>
          ) : null}
        </>
      ) : null}
    </main>
  );
}

function ConflictCard(props: { conflict: ConflictView; onResolved?: () => void }) {
  const { t, locale, dateTime } = useI18n();
  const now = useNow(60_000);
  const c = props.conflict;
  const words = conflictWords(c, locale);
  const [note, setNote] = useState("");
  const [fieldError, setFieldError] = useState<FieldError | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const resolved = c.resolvedAt !== null;

  const resolve = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (note.trim() === "") {
      setFieldError({ text: t("conflicts.noteRequired") });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await resolveConflict(c.id, note.trim());
      props.onResolved?.();
    } catch (reason) {
      const err = toApiError(reason);
      if (err.code === "validation") setFieldError({ text: t("conflicts.noteRequired"), detail: err.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class={`card conflict-card ${resolved ? "resolved" : ""}`} data-testid="conflict" data-kind={c.kind} data-id={c.id}>
      <header class="conflict-head">
        <span class="conflict-kind">{resolved ? <CheckIcon size={16} /> : <ConflictIcon size={16} />} {words.title}</span>
        <span class="conflict-when" title={dateTime(c.detectedAt)}>{t("conflicts.found", { when: agoText(c.detectedAt, now, locale) })}</span>
      </header>
      <p class="conflict-body" data-testid="conflict-body">{words.body}</p>
      {words.lines.length > 0 ? <ul class="conflict-lines">{words.lines.map((l) => <li key={l}>{l}</li>)}</ul> : null}
      {resolved ? (
        <p class="conflict-resolution" data-testid="conflict-resolution">
          <strong>{t("conflicts.resolvedBy", { name: c.resolvedBy ?? "—", when: dateTime(c.resolvedAt ?? "") })}</strong>
          {c.resolution ? <><br />{c.resolution}</> : null}
        </p>
      ) : (
        <>
          {words.advice ? <p class="conflict-advice">{words.advice}</p> : null}
          <form class="conflict-resolve" onSubmit={resolve} noValidate>
            <Field id={`conflict-note-${c.id}`} label={t("conflicts.note")} hint={t(`conflicts.noteHint.${c.kind}`)} error={fieldError}>
              <input id={`f-conflict-note-${c.id}`} class="input" data-testid="conflict-note" value={note} maxLength={500}
                disabled={busy} onInput={(e) => { setNote(e.currentTarget.value); setFieldError(undefined); }} />
            </Field>
            <button type="submit" class="btn btn-primary" data-testid="conflict-resolve" disabled={busy}>
              <CheckIcon size={18} /> {t("conflicts.resolve")} <Kbd keys="Enter" class="kbd-on-primary" />
            </button>
          </form>
          {error ? <ErrorBanner error={error} /> : null}
        </>
      )}
    </article>
  );
}
