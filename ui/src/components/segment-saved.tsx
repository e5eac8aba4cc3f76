// Saved segments (客户分群) above the member list: pick one to load its filter, save the filter
// shown under a name (a new segment, or the picked one changed), remove the picked one. A
// campaign then picks the segment by name. The name's refusals (empty, taken) show on its box.
import { useEffect, useState } from "preact/hooks";
import type { ApiError, SavedSegment, SegmentFilter } from "../lib/backend/bindings";
import { removeSegment, saveSegment, savedSegments } from "../lib/backend/commands-segments";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";
import { Field } from "./field";

type Props = {
  /** The filter shown now (null: a box cannot be read, nothing to save). */
  filter: SegmentFilter | null;
  onPick: (s: SavedSegment) => void;
  notify: (text: string) => void;
};

export function SavedSegments(props: Props) {
  const { t } = useI18n();
  const [list, setList] = useState<SavedSegment[]>([]);
  const [picked, setPicked] = useState<SavedSegment | null>(null);
  const [saving, setSaving] = useState<{ name: string; asNew: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = () => savedSegments().then(setList, (e) => setError(toApiError(e)));
  useEffect(() => void reload(), []);

  const pick = (id: string) => {
    const s = list.find((x) => x.id === id) ?? null;
    setPicked(s);
    if (s) props.onPick(s);
  };

  const save = async () => {
    if (!saving || !props.filter) return;
    setBusy(true);
    setError(null);
    try {
      const s = await saveSegment(saving.asNew ? null : picked?.id ?? null, saving.name, props.filter);
      setPicked(s);
      setSaving(null);
      await reload();
      props.notify(t("segments.saved.done", { name: s.name }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!picked) return;
    setError(null);
    try {
      await removeSegment(picked.id);
      setPicked(null);
      await reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const nameError = error?.code === "validation" && error.field === "name" ? { text: error.message } : undefined;

  return (
    <div class="segment-saved" data-testid="segment-saved" data-picked={picked?.name ?? ""}>
      <label class="field">
        <span class="field-label">{t("segments.saved.label")}</span>
        <select class="input" data-testid="segment-saved-pick" value={picked?.id ?? ""}
          onChange={(e) => pick(e.currentTarget.value)}>
          <option value="">{t("segments.saved.none")}</option>
          {list.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <button type="button" class="btn btn-secondary" data-testid="segment-save" disabled={!props.filter}
        onClick={() => { setError(null); setSaving({ name: picked?.name ?? "", asNew: !picked }); }}>
        {t(picked ? "segments.saved.update" : "segments.saved.save")}
      </button>
      {picked ? (
        <>
          <button type="button" class="btn btn-ghost" data-testid="segment-save-new"
            onClick={() => { setError(null); setSaving({ name: "", asNew: true }); }}>
            {t("segments.saved.saveNew")}
          </button>
          <button type="button" class="btn btn-ghost" data-testid="segment-remove" onClick={() => void remove()}>
            {t("segments.saved.remove")}
          </button>
        </>
      ) : null}
      {error && !saving ? <ErrorBanner error={error} testId="segment-saved-error" /> : null}
      {saving ? (
        <Dialog title={t("segments.saved.dialog")} onClose={() => setSaving(null)} testId="segment-save-dialog"
          actions={<>
            <button type="button" class="btn btn-secondary" onClick={() => setSaving(null)}>{t("common.cancel")}</button>
            <button type="button" class="btn btn-primary" data-testid="segment-save-confirm" disabled={busy}
              onClick={() => void save()}>{t("segments.saved.confirm")}</button>
          </>}>
          <Field id="segment-name" label={t("segments.saved.name")} error={nameError} hint={t("segments.saved.nameHint")}>
            <input id="f-segment-name" class="input" data-testid="segment-name" value={saving.name} maxLength={40}
              aria-invalid={nameError ? true : undefined}
              onInput={(e) => setSaving({ ...saving, name: e.currentTarget.value })}
              onKeyDown={(e) => { if (e.key === "Enter") void save(); }} />
          </Field>
          {error && !nameError ? <ErrorBanner error={error} testId="segment-save-error" /> : null}
        </Dialog>
      ) : null}
    </div>
  );
}
