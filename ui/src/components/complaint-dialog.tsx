// Recording a complaint (投诉) at the desk: what kind, which visit and staff member it is
// about (both optional), what happened. Whoever is logged in is who received it.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ComplaintKind, SaleSummaryView, StaffBrief } from "../lib/backend/bindings";
import { listStaff, recentSales } from "../lib/backend/commands";
import { recordComplaint } from "../lib/backend/commands-feedback";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";

export const COMPLAINT_KINDS: readonly ComplaintKind[] = [
  "service_quality", "attitude", "product", "price", "hygiene", "waiting", "other",
];

type Props = { memberId: string; onClose: () => void; onSaved: (id: string) => void };

export function ComplaintDialog(props: Props) {
  const { t, dateTime } = useI18n();
  const [kind, setKind] = useState<ComplaintKind>("service_quality");
  const [saleId, setSaleId] = useState("");
  const [staffId, setStaffId] = useState("");
  const [description, setDescription] = useState("");
  const [visits, setVisits] = useState<SaleSummaryView[]>([]);
  const [staff, setStaff] = useState<StaffBrief[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    recentSales(props.memberId, 20).then((rows) => setVisits(rows.filter((r) => r.kind === "sale")), () => setVisits([]));
    listStaff().then(setStaff, () => setStaff([]));
  }, [props.memberId]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await recordComplaint({
        memberId: props.memberId, kind, saleId: saleId || null, staffId: staffId || null, description,
      }));
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  const on = (field: string) => (error?.field === field ? { text: t(`error.${error.code}`), detail: error.message } : undefined);

  return (
    <Dialog title={t("feedback.complaint.recordTitle")} onClose={props.onClose} testId="complaint-dialog"
      actions={<>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("common.cancel")}</button>
        <button type="button" class="btn btn-primary" data-testid="complaint-save" disabled={busy || !description.trim()}
          onClick={() => void save()}>{t("feedback.complaint.save")}</button>
      </>}>
      <Field id="complaint-kind" label={t("feedback.complaint.kind")}>
        <select id="f-complaint-kind" class="input" data-testid="complaint-kind" value={kind}
          onChange={(e) => setKind(e.currentTarget.value as ComplaintKind)}>
          {COMPLAINT_KINDS.map((k) => <option key={k} value={k}>{t(`feedback.complaint.kind.${k}`)}</option>)}
        </select>
      </Field>
      <Field id="complaint-visit" label={t("feedback.complaint.visit")} error={on("saleId")}>
        <select id="f-complaint-visit" class="input" data-testid="complaint-visit" value={saleId}
          onChange={(e) => setSaleId(e.currentTarget.value)}>
          <option value="">{t("feedback.complaint.noVisit")}</option>
          {visits.map((v) => <option key={v.id} value={v.id}>{`${dateTime(v.createdAt)} · ${v.receiptNo}`}</option>)}
        </select>
      </Field>
      <Field id="complaint-staff" label={t("feedback.complaint.staff")}>
        <select id="f-complaint-staff" class="input" data-testid="complaint-staff" value={staffId}
          onChange={(e) => setStaffId(e.currentTarget.value)}>
          <option value="">{t("feedback.complaint.noStaff")}</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </Field>
      <Field id="complaint-description" label={t("feedback.complaint.description")} error={on("description")}>
        <textarea id="f-complaint-description" class="input fb-textarea" data-testid="complaint-description"
          value={description} maxLength={2000} onInput={(e) => setDescription(e.currentTarget.value)} />
      </Field>
      {error && !["saleId", "description"].includes(error.field ?? "") ? <ErrorBanner error={error} testId="complaint-error" /> : null}
    </Dialog>
  );
}
