// A member's points (积分) on her profile: the balance and every entry with its reason (earned
// on a sale, redeemed, expired, opening, by hand with why and who, exchanged), points by hand
// for a manager, and the exchange list at the desk.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ExchangeItemView, PointsEntryView, Session } from "../lib/backend/bindings";
import { adjustPoints, exchangeItems, exchangePoints, pointsHistory } from "../lib/backend/commands-feedback";
import { toApiError } from "../lib/backend/errors";
import { useI18n, type MessageKey } from "../lib/i18n";
import { can } from "../lib/route";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";
import "../styles/feedback.css";

const REASONS = [
  "earn", "redeem", "reverse_earn", "reverse_redeem", "referral", "expire", "adjust", "opening",
  "exchange", "birthday", "campaign",
];
/** Entries the card shows before "Show all". */
const SHORT = 8;

type Props = { memberId: string; session: Session; archived?: boolean; notify?: (text: string) => void };

export function MemberPoints(props: Props) {
  const { t, count, dateTime } = useI18n();
  const [rows, setRows] = useState<PointsEntryView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [dialog, setDialog] = useState<"all" | "adjust" | "exchange" | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    pointsHistory(props.memberId).then(
      (r) => { if (live) { setRows(r); setError(null); } },
      (reason: unknown) => { if (live) setError(toApiError(reason)); },
    );
    return () => { live = false; };
  }, [props.memberId, tick]);

  const balance = rows?.[0]?.balance ?? 0;
  const reason = (r: string) => (REASONS.includes(r) ? t(`feedback.points.reason.${r}` as MessageKey) : r);
  const changed = (text: string) => { setDialog(null); setTick(tick + 1); props.notify?.(text); };
  const table = (list: PointsEntryView[]) => (
    <table class="fb-table" data-testid="points-history">
      <thead><tr><th>{t("feedback.points.when")}</th><th>{t("feedback.points.reason")}</th><th class="num">{t("feedback.points.delta")}</th><th class="num">{t("feedback.points.balance")}</th></tr></thead>
      <tbody>
        {list.map((e) => (
          <tr key={e.id} data-testid="points-entry" data-reason={e.reason} data-delta={e.delta}>
            <td class="mono small">{dateTime(e.createdAt)}</td>
            <td>
              {reason(e.reason)}
              {e.receiptNo ? <span class="mono small muted"> · {e.receiptNo}</span> : null}
              {e.note ? <span class="small"> · {e.note}</span> : null}
              {e.staffName ? <span class="small muted"> · {e.staffName}</span> : null}
            </td>
            <td class={`num mono ${e.delta >= 0 ? "fb-plus" : "fb-minus"}`}>{e.delta > 0 ? "+" : ""}{count(e.delta)}</td>
            <td class="num mono">{count(e.balance)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section class="card" data-testid="member-points" data-balance={rows ? balance : ""}>
      <h2 class="section-title">{t("feedback.points.title")}</h2>
      {error ? <ErrorBanner error={error} testId="member-points-error" /> : null}
      <div class="fb-balance mono" data-testid="member-points-balance">{rows ? count(balance) : "…"}</div>
      {rows && rows.length === 0 ? <p class="muted small">{t("feedback.points.none")}</p> : null}
      {rows && rows.length > 0 ? table(rows.slice(0, SHORT)) : null}
      <div class="fb-actions">
        {rows && rows.length > SHORT ? (
          <button type="button" class="btn btn-ghost" data-testid="points-show-all" onClick={() => setDialog("all")}>
            {t("feedback.points.showAll", { n: rows.length })}
          </button>
        ) : null}
        {!props.archived && can(props.session, "sell") ? (
          <button type="button" class="btn btn-secondary" data-testid="points-exchange" onClick={() => setDialog("exchange")}>
            {t("feedback.points.exchange")}
          </button>
        ) : null}
        {!props.archived && can(props.session, "adjust_points") ? (
          <button type="button" class="btn btn-secondary" data-testid="points-adjust" onClick={() => setDialog("adjust")}>
            {t("feedback.points.adjust")}
          </button>
        ) : null}
      </div>
      {dialog === "all" && rows ? (
        <Dialog title={t("feedback.points.title")} onClose={() => setDialog(null)} testId="points-all" wide>
          <div class="fb-scroll">{table(rows)}</div>
        </Dialog>
      ) : null}
      {dialog === "adjust" ? (
        <AdjustDialog memberId={props.memberId} balance={balance} onClose={() => setDialog(null)}
          onDone={() => changed(t("feedback.points.adjusted"))} />
      ) : null}
      {dialog === "exchange" ? (
        <ExchangeDialog memberId={props.memberId} balance={balance} onClose={() => setDialog(null)}
          onDone={(name) => changed(t("feedback.points.exchanged", { name }))} />
      ) : null}
    </section>
  );
}

function AdjustDialog(props: { memberId: string; balance: number; onClose: () => void; onDone: () => void }) {
  const { t, count } = useI18n();
  const [sign, setSign] = useState<1 | -1>(1);
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const n = Number.parseInt(amount, 10);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await adjustPoints(props.memberId, sign * n, note);
      props.onDone();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  const on = (field: string) => (error?.field === field ? { text: t(`error.${error.code}`), detail: error.message } : undefined);
  return (
    <Dialog title={t("feedback.points.adjustTitle")} onClose={props.onClose} testId="points-adjust-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="points-adjust-save"
          disabled={busy || !(n > 0) || !note.trim()} onClick={() => void save()}>{t("feedback.points.adjustSave")}</button>
      </>}>
      <p class="muted">{t("feedback.points.current", { n: count(props.balance) })}</p>
      <div class="segmented" role="radiogroup">
        <button type="button" role="radio" aria-checked={sign === 1} class={`segment ${sign === 1 ? "active" : ""}`}
          data-testid="points-adjust-add" onClick={() => setSign(1)}>{t("feedback.points.add")}</button>
        <button type="button" role="radio" aria-checked={sign === -1} class={`segment ${sign === -1 ? "active" : ""}`}
          data-testid="points-adjust-take" onClick={() => setSign(-1)}>{t("feedback.points.take")}</button>
      </div>
      <Field id="points-delta" label={t("feedback.points.amount")} error={on("delta")}>
        <input id="f-points-delta" class="input mono" inputMode="numeric" data-testid="points-adjust-amount" value={amount}
          onInput={(e) => setAmount(e.currentTarget.value.replace(/\D/g, ""))} />
      </Field>
      <Field id="points-note" label={t("feedback.points.why")} error={on("note")}>
        <input id="f-points-note" class="input" data-testid="points-adjust-note" value={note} maxLength={200}
          onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      {error && !["delta", "note"].includes(error.field ?? "") ? <ErrorBanner error={error} testId="points-adjust-error" /> : null}
    </Dialog>
  );
}

function ExchangeDialog(props: { memberId: string; balance: number; onClose: () => void; onDone: (name: string) => void }) {
  const { t, count } = useI18n();
  const [items, setItems] = useState<ExchangeItemView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    exchangeItems(false).then(setItems, (reason: unknown) => { setItems([]); setError(toApiError(reason)); });
  }, []);
  const take = async (item: ExchangeItemView) => {
    setBusy(true);
    setError(null);
    try {
      await exchangePoints(props.memberId, item.id);
      props.onDone(item.name);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("feedback.points.exchangeTitle")} onClose={props.onClose} testId="points-exchange-dialog" wide>
      <p class="muted">{t("feedback.points.current", { n: count(props.balance) })}</p>
      {error ? <ErrorBanner error={error} testId="points-exchange-error" /> : null}
      {items && items.length === 0 && !error ? <p class="muted">{t("feedback.points.noItems")}</p> : null}
      {items && items.length > 0 ? (
        <table class="fb-table">
          <tbody>
            {items.map((i) => {
              const out = i.onHand !== null && i.onHand < 1;
              return (
                <tr key={i.id} data-testid="exchange-item" data-name={i.name} data-points={i.points}>
                  <td>{i.name} <span class="pill">{t(`feedback.points.kind.${i.kind}`)}</span>
                    {out ? <span class="pill pill-warn">{t("feedback.points.outOfStock")}</span> : null}</td>
                  <td class="num mono">{t("feedback.points.price", { n: count(i.points) })}</td>
                  <td class="num">
                    <button type="button" class="btn btn-primary btn-small" data-testid="exchange-item-take"
                      disabled={busy || out || i.points > props.balance} onClick={() => void take(i)}>
                      {t("feedback.points.redeem")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}
