// Who is credited with a cart line (commission): one or more staff, with shares that add up
// to 100% (e.g. 60/40). Shares are typed as percentages with up to two decimals and kept as
// basis points, exactly (string arithmetic, as money is).
import { useState } from "preact/hooks";
import type { StaffBrief, StaffShare } from "../lib/backend/bindings";
import { evenShares } from "../lib/cart";
import { useI18n } from "../lib/i18n";
import { fenToInput, parseYuan, yuanOnly } from "../lib/yuan";
import { Dialog } from "./dialog";
import { CheckIcon } from "./icons";

type Props = {
  lineName: string;
  staff: StaffBrief[] | null;
  value: StaffShare[];
  /** Lines without staff that "also for the others" would fill. */
  othersWithout: number;
  onSave: (shares: StaffShare[], alsoOthers: boolean) => void;
  onClose: () => void;
};

type Row = { staffId: string; pct: string };

/** Beauticians first (they do the treatments), then the rest, each by name. */
const ROLE_ORDER = { beautician: 0, cashier: 1, manager: 2, owner: 3 } as const;

/** Basis points as an editable percentage: 6000 → "60", 3334 → "33.34" (same maths as fen → yuan). */
const bpToPct = (bp: number) => fenToInput(bp);
function pctToBp(pct: string): number | null {
  const p = parseYuan(pct);
  return p.ok ? p.fen : null;
}

function spread(ids: string[]): Row[] {
  const shares = evenShares(ids.length);
  return ids.map((staffId, i) => ({ staffId, pct: bpToPct(shares[i] ?? 0) }));
}

export function StaffPickerDialog(props: Props) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => props.value.map((s) => ({ staffId: s.staffId, pct: bpToPct(s.shareBp) })));
  const [alsoOthers, setAlsoOthers] = useState(false);
  const staff = [...(props.staff ?? [])].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name, "zh-CN"));
  const nameOf = (id: string) => props.staff?.find((s) => s.id === id)?.name ?? id;

  const toggle = (id: string) => {
    const ids = rows.some((r) => r.staffId === id) ? rows.filter((r) => r.staffId !== id).map((r) => r.staffId) : [...rows.map((r) => r.staffId), id];
    setRows(spread(ids));
  };
  const preset = (bps: number[]) => setRows(rows.map((r, i) => ({ ...r, pct: bpToPct(bps[i] ?? 0) })));

  const bps = rows.map((r) => pctToBp(r.pct));
  const total = bps.reduce<number>((a, b) => a + (b ?? 0), 0);
  const valid = rows.length === 0 || (bps.every((b) => b !== null && b > 0) && total === 10_000);

  const save = (e?: Event) => {
    e?.preventDefault();
    if (!valid) return;
    props.onSave(rows.map((r, i) => ({ staffId: r.staffId, shareBp: bps[i] ?? 0 })), alsoOthers);
  };

  return (
    <Dialog title={t("checkout.staffTitle", { name: props.lineName })} onClose={props.onClose} testId="staff-picker" wide
      actions={<>
        <button type="button" class="btn btn-ghost" data-testid="staff-clear" disabled={rows.length === 0}
          onClick={() => setRows([])}>{t("checkout.staffClear")}</button>
        <span class="co-spacer" />
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="submit" form="staff-form" class="btn btn-primary" data-testid="staff-save" disabled={!valid}>
          {t("checkout.apply")}
        </button>
      </>}>
      <form id="staff-form" class="co-staff" onSubmit={save} noValidate>
        <p class="muted small">{t("checkout.staffHint")}</p>
        {props.staff === null ? <p class="muted">{t("checkout.staffLoading")}</p> : null}
        <div class="co-staff-list" role="group" aria-label={t("checkout.pickStaff")}>
          {staff.map((s) => {
            const on = rows.some((r) => r.staffId === s.id);
            return (
              <button key={s.id} type="button" class={`co-staff-option ${on ? "selected" : ""}`} aria-pressed={on}
                data-testid="staff-option" data-staff-id={s.id} data-name={s.name} onClick={() => toggle(s.id)}>
                <span class="avatar avatar-small" aria-hidden="true">{on ? <CheckIcon size={16} /> : [...s.name][0]}</span>
                <span class="co-staff-text">
                  <span class="co-staff-name">{s.name}</span>
                  <span class="co-staff-role">{t(`role.${s.role}`)}</span>
                </span>
              </button>
            );
          })}
        </div>
        {rows.length > 1 ? (
          <div class="co-shares">
            <div class="co-shares-head">
              <span class="field-label">{t("checkout.staffShares")}</span>
              <span class="co-shares-presets">
                <button type="button" class="btn btn-secondary btn-small" onClick={() => preset(evenShares(rows.length))}>{t("checkout.staffEven")}</button>
                {rows.length === 2 ? (<>
                  <button type="button" class="btn btn-secondary btn-small" data-testid="staff-preset-60" onClick={() => preset([6000, 4000])}>60/40</button>
                  <button type="button" class="btn btn-secondary btn-small" onClick={() => preset([7000, 3000])}>70/30</button>
                </>) : null}
              </span>
            </div>
            {rows.map((r, i) => (
              <label key={r.staffId} class="co-share-row">
                <span class="co-share-name">{nameOf(r.staffId)}</span>
                <span class="co-share-input">
                  <input class={`input mono ${bps[i] === null || bps[i] === 0 ? "input-invalid" : ""}`} inputMode="decimal"
                    data-testid="staff-share" aria-label={t("checkout.staffShareLabel", { name: nameOf(r.staffId) })}
                    value={r.pct} onInput={yuanOnly((v) => setRows(rows.map((x, j) => (j === i ? { ...x, pct: v } : x))))} />
                  <span aria-hidden="true">%</span>
                </span>
              </label>
            ))}
            <div class={`co-shares-sum ${valid ? "" : "bad"}`} role={valid ? undefined : "alert"} data-testid="staff-sum">
              {valid ? t("checkout.staffSum", { pct: bpToPct(total) }) : t("checkout.staffSumBad")}
              {valid ? null : <span class="mono"> · {t("checkout.staffSum", { pct: bpToPct(total) })}</span>}
            </div>
          </div>
        ) : null}
        {props.othersWithout > 0 && rows.length > 0 ? (
          <label class="checkbox">
            <input type="checkbox" checked={alsoOthers} data-testid="staff-apply-all"
              onChange={(e) => setAlsoOthers(e.currentTarget.checked)} />
            <span>{t("checkout.staffApplyAll")} ({props.othersWithout})</span>
          </label>
        ) : null}
      </form>
    </Dialog>
  );
}
