// The care list (回访/关怀): today's follow-ups for the store, or "mine" for a beautician (tasks
// given to her, or about members whose preferred beautician she is). Overdue tasks stay until
// done. Opening the screen runs the daily job for the days this device has not done yet (the
// background job does it too), then loads the list a page at a time.
import { useEffect, useState } from "preact/hooks";
import { BookingDialog } from "../components/booking-dialog";
import { FeedbackDialog } from "../components/feedback-dialog";
import { CareDoneDialog, CareReassignDialog, CareSnoozeDialog } from "../components/care-dialogs";
import { CareTaskRow, type CareAction } from "../components/care-task-row";
import { ErrorBanner } from "../components/error-banner";
import type { ApiError, CareCursor, CareKind, CareView, MemberHit, Session, StaffBrief } from "../lib/backend/bindings";
import { checkoutSettings, listStaff } from "../lib/backend/commands";
import { careList, completeCareTask, runCareDaily, sendCareMessage } from "../lib/backend/commands-care";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { can, type Route } from "../lib/route";
import { CARE_CHANGED } from "../lib/use-care-count";

type Props = { session: Session; onNavigate: (route: Route) => void; notify: (text: string) => void };

const KINDS: CareKind[] = ["post_visit", "cadence", "birthday", "lapsed", "package_expiry", "points_expiry", "cycle"];

/** The store's date `days` from now, for a UTC offset in minutes. */
function storeDate(offsetMin: number, days = 0): string {
  return new Date(Date.now() + offsetMin * 60_000 + days * 86_400_000).toISOString().slice(0, 10);
}

type Open =
  | { kind: "done"; task: CareView }
  | { kind: "snooze"; task: CareView }
  | { kind: "reassign"; task: CareView }
  | { kind: "book"; task: CareView; note: string }
  | { kind: "rate"; task: CareView };

export function Care(props: Props) {
  const { t, locale } = useI18n();
  const { session } = props;
  const [mine, setMine] = useState(session.staff.role === "beautician");
  const [kind, setKind] = useState<CareKind | "">("");
  const [showDone, setShowDone] = useState(false);
  const [tasks, setTasks] = useState<CareView[] | null>(null);
  const [next, setNext] = useState<CareCursor | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [offset, setOffset] = useState(480);
  const [staff, setStaff] = useState<StaffBrief[]>([]);
  const [open, setOpen] = useState<Open | null>(null);
  const [generated, setGenerated] = useState(false);
  const mayReassign = can(session, "manage_care");

  useEffect(() => {
    checkoutSettings().then((s) => setOffset(s.utcOffsetMinutes), () => undefined);
    listStaff().then(setStaff, () => undefined);
    // The list is read after the days due are generated (or that failed: shown, the list still loads).
    runCareDaily().catch((e) => setError(toApiError(e))).finally(() => setGenerated(true));
  }, []);

  const load = async (after: CareCursor | null) => {
    setBusy(true);
    if (!after) setError(null);
    try {
      const page = await careList({ mine, kind: kind || null, doneToday: showDone }, after);
      setTasks((had) => (after && had ? [...had, ...page.tasks] : page.tasks));
      setNext(page.next);
      if (!after) window.dispatchEvent(new Event(CARE_CHANGED));
    } catch (e) {
      setError(toApiError(e));
      if (!after) setTasks([]);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (generated) void load(null);
  }, [generated, mine, kind, showDone]);

  const message = async (task: CareView) => {
    setBusy(true);
    try {
      await sendCareMessage(task.id, locale === "en" ? "en" : "zh-CN");
      props.notify(t("care.messageSent", { name: task.memberName }));
      await load(null);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const onAction = (action: CareAction, task: CareView) => {
    if (action === "message") void message(task);
    else if (action === "call" || action === "done") setOpen({ kind: "done", task });
    else if (action === "snooze") setOpen({ kind: "snooze", task });
    else setOpen({ kind: "reassign", task });
  };

  const finished = (text: string) => {
    setOpen(null);
    props.notify(text);
    void load(null);
  };

  const hit = (task: CareView): MemberHit => ({
    id: task.memberId, memberNo: task.memberNo, name: task.memberName, phone: task.phone, tier: task.tier,
    lastVisitAt: null, matched: "name", exact: true,
  });

  return (
    <main class="screen care" data-testid="care-screen">
      <div class="screen-head">
        <div>
          <h1>{t("care.title")}</h1>
          <p class="muted care-subtitle">{t("care.subtitle")}</p>
        </div>
        <div class="care-filters">
          <div class="segmented" role="tablist">
            <button type="button" role="tab" class={`segment ${mine ? "" : "active"}`} aria-selected={!mine}
              data-testid="care-scope-store" onClick={() => setMine(false)}>{t("care.scope.store")}</button>
            <button type="button" role="tab" class={`segment ${mine ? "active" : ""}`} aria-selected={mine}
              data-testid="care-scope-mine" onClick={() => setMine(true)}>{t("care.scope.mine")}</button>
          </div>
          <select class="input care-kind-filter" aria-label={t("care.kindFilter")} data-testid="care-kind-filter" value={kind}
            onChange={(e) => setKind(e.currentTarget.value as CareKind | "")}>
            <option value="">{t("care.kindAll")}</option>
            {KINDS.map((k) => <option key={k} value={k}>{t(`care.kind.${k}` as MessageKey)}</option>)}
          </select>
          <label class="radio-row">
            <input type="checkbox" checked={showDone} data-testid="care-show-done" onChange={(e) => setShowDone(e.currentTarget.checked)} />
            {t("care.showDone")}
          </label>
        </div>
      </div>
      {error ? <ErrorBanner error={error} testId="care-error" /> : null}
      {tasks === null ? null : tasks.length === 0 ? (
        <div class="card empty-state" data-testid="care-empty"><p>{t("care.empty")}</p></div>
      ) : (
        <>
          <p class="muted" data-testid="care-count">{t("care.count", { n: tasks.filter((x) => !x.done).length })}</p>
          <ul class="care-list" data-testid="care-list">
            {tasks.map((task) => (
              <CareTaskRow key={task.id} task={task} today={storeDate(offset)} mayReassign={mayReassign} busy={busy} onAction={onAction} />
            ))}
          </ul>
          {next ? (
            <button type="button" class="btn care-more" data-testid="care-more" disabled={busy} onClick={() => void load(next)}>{t("care.more")}</button>
          ) : null}
        </>
      )}
      {open?.kind === "done" ? (
        <CareDoneDialog task={open.task} onClose={() => setOpen(null)}
          onBook={(task, note) => setOpen({ kind: "book", task, note })}
          onRate={(task) => setOpen({ kind: "rate", task })}
          onDone={() => finished(t("care.doneSaved", { name: open.task.memberName }))} />
      ) : null}
      {open?.kind === "rate" ? (
        <FeedbackDialog memberId={open.task.memberId} source="follow_up"
          saleId={typeof open.task.detail.saleId === "string" ? open.task.detail.saleId : undefined}
          onClose={() => setOpen({ kind: "done", task: open.task })}
          onSaved={() => {
            props.notify(t("care.rated", { name: open.task.memberName }));
            setOpen({ kind: "done", task: open.task });
          }} />
      ) : null}
      {open?.kind === "snooze" ? (
        <CareSnoozeDialog task={open.task} initial={storeDate(offset, 3)} onClose={() => setOpen(null)}
          onDone={(until) => finished(t("care.snoozed", { date: until }))} />
      ) : null}
      {open?.kind === "reassign" ? (
        <CareReassignDialog task={open.task} staff={staff} onClose={() => setOpen(null)} onDone={() => finished(t("care.reassigned"))} />
      ) : null}
      {open?.kind === "book" ? (
        <BookingDialog prefill={{ date: storeDate(offset, 1), member: hit(open.task) }} staff={staff.filter((s) => s.role === "beautician")}
          utcOffsetMinutes={offset} onClose={() => setOpen(null)}
          onBooked={(a) => {
            const { task, note } = open;
            completeCareTask(task.id, "booked", note, a.id).then(() => finished(t("care.doneSaved", { name: task.memberName })), (e) => {
                setOpen(null);
                setError(toApiError(e));
              });
          }} />
      ) : null}
    </main>
  );
}
