// One care task on the desk's list: who (name, tier, card no., phone masked per role), why (kind
// and what it is about: "7 days after 深层补水 on 12/1"), when (today, or days overdue), her last
// visit and preferred beautician, and the actions: call (then record the outcome), message (into
// the outbox; only with consent, package and points reminders aside), done, later, reassign.
import type { CareView } from "../lib/backend/bindings";
import { useI18n, type I18n, type MessageKey } from "../lib/i18n";
import { TierBadge } from "./tier-badge";

export type CareAction = "call" | "message" | "done" | "snooze" | "reassign";

type Props = {
  task: CareView;
  /** The store's date today (YYYY-MM-DD), to say how overdue a task is. */
  today: string;
  mayReassign: boolean;
  busy: boolean;
  onAction: (action: CareAction, task: CareView) => void;
};

function text(detail: Record<string, unknown>, key: string): string {
  const v = detail[key];
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** Why she is on the list, in the desk's words. */
export function careWhy(task: CareView, i18n: Pick<I18n, "t" | "date">): string {
  const { t, date } = i18n;
  const d = task.detail;
  const on = (key: string) => (text(d, key) ? date(text(d, key)) : "");
  switch (task.kind) {
    case "post_visit":
      return t("care.why.post_visit", { days: text(d, "days"), service: text(d, "service"), date: on("visitOn") });
    case "cadence":
      return t("care.why.cadence", { date: on("registeredOn") });
    case "birthday": {
      const benefit = (d.benefit ?? {}) as Record<string, unknown>;
      const given = text(benefit, "points")
        ? t("care.why.birthdayPoints", { points: text(benefit, "points") })
        : text(benefit, "coupon") ? t("care.why.birthdayCoupon", { code: text(benefit, "coupon") }) : "";
      return [t("care.why.birthday", { date: on("birthdayOn") }), given].filter(Boolean).join(" · ");
    }
    case "lapsed":
      return t("care.why.lapsed", { date: on("lastVisitOn"), days: text(d, "days") });
    case "package_expiry":
      return t("care.why.package_expiry", { package: text(d, "package"), sessions: text(d, "sessions"), date: on("expiresOn") });
    case "points_expiry":
      return t("care.why.points_expiry", { points: text(d, "points"), date: on("expiresOn") });
    case "cycle":
      return t("care.why.cycle", { service: text(d, "service"), days: text(d, "usualDays"), date: on("lastVisitOn") });
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function CareTaskRow(props: Props) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const { task } = props;
  const overdue = daysBetween(task.dueOn, props.today);
  const act = (a: CareAction) => () => props.onAction(a, task);
  return (
    <li class={`card care-task ${task.done ? "care-task-done" : ""}`} data-testid="care-task" data-task-id={task.id}
      data-kind={task.kind} data-member={task.memberName}>
      <div class="care-who">
        <div class="care-name">
          <strong data-testid="care-member">{task.memberName}</strong>
          <TierBadge tier={task.tier} />
        </div>
        <div class="muted care-sub">{task.memberNo} · <span class="care-phone" data-testid="care-phone">{task.phone}</span></div>
      </div>
      <div class="care-why">
        <div class="chip-row">
          <span class={`chip care-kind care-kind-${task.kind}`} data-testid="care-kind">{t(`care.kind.${task.kind}` as MessageKey)}</span>
          <span class={overdue > 0 ? "care-overdue" : "muted"}>
            {overdue > 0 ? t("care.overdue", { n: overdue }) : t("care.dueToday")}
          </span>
        </div>
        <div data-testid="care-why">{careWhy(task, i18n)}</div>
        <div class="muted care-sub">
          {t("care.col.lastVisit")}: {task.lastVisitOn ? date(task.lastVisitOn) : t("care.none")}
          {" · "}{t("care.col.preferred")}: {task.preferredStaffName ?? t("care.none")}
          {task.assignedStaffName ? <> · {t("care.assignedTo", { name: task.assignedStaffName })}</> : null}
        </div>
        {task.done && task.outcome ? (
          <div class="success-text care-outcome" data-testid="care-outcome">
            {t("care.doneState", { outcome: t(`care.outcome.${task.outcome}` as MessageKey) })}
            {task.note ? ` — ${task.note}` : ""}
          </div>
        ) : null}
      </div>
      {task.done ? null : (
        <div class="care-actions">
          <button type="button" class="btn btn-primary" data-testid="care-call" disabled={props.busy}
            title={t("care.callTitle", { phone: task.phone })} onClick={act("call")}>{t("care.call")}</button>
          <button type="button" class="btn" data-testid="care-message" disabled={props.busy || !task.mayMessage || task.messageQueued}
            title={task.mayMessage ? undefined : t("care.noConsent")} onClick={act("message")}>
            {task.messageQueued ? t("care.messageQueued") : t("care.message")}
          </button>
          <button type="button" class="btn" data-testid="care-done" disabled={props.busy} onClick={act("done")}>{t("care.done")}</button>
          <button type="button" class="btn btn-ghost" data-testid="care-snooze" disabled={props.busy} onClick={act("snooze")}>{t("care.snooze")}</button>
          {props.mayReassign ? (
            <button type="button" class="btn btn-ghost" data-testid="care-reassign" disabled={props.busy} onClick={act("reassign")}>{t("care.reassign")}</button>
          ) : null}
        </div>
      )}
    </li>
  );
}
