// Rooms, beds and chairs with their kind and how many clients each holds at once: add, edit,
// take out of use (never deleted: past appointments name them) and back into use.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, ResourceKind, RoomAdminView } from "../lib/backend/bindings";
import { addRoom } from "../lib/backend/commands";
import { allRooms, setRoomActive, updateRoom } from "../lib/backend/commands-stock";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";

export const KINDS: ResourceKind[] = ["room", "bed", "chair"];
type Draft = { id: string | null; name: string; kind: ResourceKind; capacity: string };

export function ScheduleRooms(props: { notify: (text: string) => void }) {
  const { t } = useI18n();
  const [rooms, setRooms] = useState<RoomAdminView[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => allRooms().then(setRooms, (e) => setError(toApiError(e)));
  useEffect(() => void load(), []);

  const save = async () => {
    if (!draft) return;
    const capacity = Number(draft.capacity);
    setBusy(true);
    setError(null);
    try {
      const input = { name: draft.name, kind: draft.kind, capacity: Number.isInteger(capacity) ? capacity : 0 };
      if (draft.id) await updateRoom({ id: draft.id, ...input });
      else await addRoom(input);
      props.notify(t("schedule.roomSaved", { name: draft.name.trim() }));
      setDraft(null);
      await load();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (r: RoomAdminView) => {
    setError(null);
    try {
      await setRoomActive(r.id, !r.active);
      await load();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const fieldError = (key: string, text: string) =>
    error?.field === key ? { text, detail: error.message || null } : undefined;

  return (
    <div class="stock-pane" data-testid="schedule-rooms">
      <div class="stock-footer">
        <button type="button" class="btn btn-primary" data-testid="room-add"
          onClick={() => { setError(null); setDraft({ id: null, name: "", kind: "room", capacity: "1" }); }}>{t("schedule.addRoom")}</button>
      </div>
      {error && !draft ? <ErrorBanner error={error} testId="rooms-error" /> : null}
      {rooms && rooms.length === 0 ? <p class="muted">{t("schedule.noRooms")}</p> : null}
      {rooms && rooms.length > 0 ? (
        <table class="stock-table" data-testid="rooms-table">
          <thead><tr><th>{t("schedule.roomName")}</th><th>{t("schedule.kind")}</th><th class="num">{t("schedule.capacity")}</th><th /><th /></tr></thead>
          <tbody>
            {rooms.map((r) => (
              <tr key={r.id} data-testid="room-row" data-name={r.name} data-kind={r.kind} data-active={r.active}>
                <td>{r.name}</td>
                <td>{t(`schedule.kind.${r.kind}`)}</td>
                <td class="num mono">{r.capacity}</td>
                <td>{r.active ? <span class="pill pill-ok">{t("schedule.inUse")}</span> : <span class="pill">{t("schedule.outOfUse")}</span>}</td>
                <td class="stock-actions">
                  <button type="button" class="btn btn-secondary btn-small" data-testid="room-edit"
                    onClick={() => { setError(null); setDraft({ id: r.id, name: r.name, kind: r.kind, capacity: String(r.capacity) }); }}>
                    {t("schedule.edit")}</button>
                  <button type="button" class="btn btn-ghost btn-small" data-testid="room-toggle" onClick={() => void toggle(r)}>
                    {r.active ? t("schedule.takeOutOfUse") : t("schedule.putBackInUse")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {draft ? (
        <Dialog title={t(draft.id ? "schedule.editRoom" : "schedule.addRoom")} onClose={() => setDraft(null)} testId="room-dialog"
          actions={<>
            <button type="button" class="btn btn-secondary" onClick={() => setDraft(null)}>{t("stock.cancel")}</button>
            <button type="button" class="btn btn-primary" data-testid="room-save" disabled={busy} onClick={save}>{t("schedule.save")}</button>
          </>}>
          <div class="stock-form-grid">
            <Field id="room-name" label={t("schedule.roomName")} error={fieldError("name", t("schedule.roomNameInvalid"))}>
              <input id="f-room-name" class="input" data-testid="room-name" value={draft.name} maxLength={30}
                onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
            </Field>
            <Field id="room-kind" label={t("schedule.kind")}>
              <select id="f-room-kind" class="input" data-testid="room-kind" value={draft.kind}
                onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as ResourceKind })}>
                {KINDS.map((k) => <option key={k} value={k}>{t(`schedule.kind.${k}`)}</option>)}
              </select>
            </Field>
            <Field id="room-capacity" label={t("schedule.capacity")} hint={t("schedule.capacityHint")}
              error={fieldError("capacity", t("schedule.capacityInvalid"))}>
              <input id="f-room-capacity" class="input mono" inputMode="numeric" data-testid="room-capacity" value={draft.capacity}
                onInput={(e) => setDraft({ ...draft, capacity: e.currentTarget.value.replace(/[^\d]/g, "") })} />
            </Field>
          </div>
          {error && error.field !== "name" && error.field !== "capacity" ? <ErrorBanner error={error} testId="room-error" /> : null}
        </Dialog>
      ) : null}
    </div>
  );
}
