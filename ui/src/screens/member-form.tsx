// Register a member or edit one. Client checks catch the obvious; the backend's errors are
// authoritative and land beside the field they name. Nothing typed is lost on an error.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, MemberView, Session, StaffBrief } from "../lib/backend/bindings";
import { getMember, listStaff, registerMember, updateMember } from "../lib/backend/commands";
import { toApiError } from "../lib/backend/errors";
import { useI18n } from "../lib/i18n";
import { todayIso } from "../lib/input";
import {
  checkDraft, draftFromView, draftToInput, emptyDraft, fieldOfServer, type Draft, type FieldId, type Mode,
} from "../lib/member-draft";
import type { Prefill, Route } from "../lib/route";
import { ErrorBanner } from "../components/error-banner";
import type { FieldError } from "../components/field";
import { Kbd } from "../components/kbd";
import { MemberFields } from "../components/member-fields";

type Props = {
  session: Session;
  /** The member to edit; absent when registering. */
  id?: string;
  prefill?: Prefill | undefined;
  onNavigate: (route: Route) => void;
  onSaved: (member: MemberView) => void;
};

type Errors = Partial<Record<FieldId, FieldError>>;

export function MemberForm(props: Props) {
  const { t } = useI18n();
  const mode: Mode = props.id ? "edit" : "new";
  const [original, setOriginal] = useState<MemberView | null>(null);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(props.prefill));
  const [staff, setStaff] = useState<StaffBrief[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | string | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    listStaff().then(setStaff, () => setStaff([]));
    if (!props.id) return;
    getMember(props.id).then(
      (m) => {
        setOriginal(m);
        setDraft(draftFromView(m, props.session.canSeeFullPhone));
      },
      (reason: unknown) => setLoadError(toApiError(reason)),
    );
  }, [props.id]);

  useEffect(() => {
    if (mode === "new" || original) root.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [original]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const focusField = (id: FieldId) =>
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`#f-${id}`)?.focus());

  const showServerError = (error: ApiError) => {
    const open = error.memberId
      ? <button type="button" class="link-button" data-testid="open-duplicate"
          onClick={() => props.onNavigate({ name: "profile", id: error.memberId as string })}>{t("form.openMember")}</button>
      : null;
    const field = error.code === "duplicate_phone" ? "phone"
      : error.code === "duplicate_member_no" ? "member-no"
      : error.code === "validation" ? fieldOfServer(error.field) : null;
    if (field) {
      setErrors({ [field]: { text: t(`error.${error.code}`), detail: error.message || null, action: open } });
      focusField(field);
    } else {
      setFailure(error);
    }
  };

  const save = async () => {
    if (saving) return;
    setFailure(null);
    const found = checkDraft(draft, mode, todayIso());
    const keys = Object.keys(found) as FieldId[];
    setErrors(Object.fromEntries(keys.map((k) => [k, { text: t(found[k]!) }])) as Errors);
    if (keys[0]) {
      setFailure(t("form.fixErrors"));
      focusField(keys[0]);
      return;
    }
    setSaving(true);
    try {
      const input = draftToInput(draft, mode);
      props.onSaved(props.id ? await updateMember(props.id, input) : await registerMember(input));
    } catch (reason) {
      showServerError(toApiError(reason));
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => props.onNavigate(props.id ? { name: "profile", id: props.id } : { name: "lookup" });

  const latest = useRef({ save, cancel });
  latest.current = { save, cancel };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void latest.current.save();
      } else if (e.key === "Escape" && !e.defaultPrevented) {
        latest.current.cancel();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (loadError) return <main class="screen"><ErrorBanner error={loadError} /></main>;
  if (mode === "edit" && !original) return <main class="screen"><p class="muted">{t("common.loading")}</p></main>;

  const beauticians = staff.filter((s) => s.role === "beautician" || s.id === draft.preferredStaffId);
  const maskedPhone = original && !props.session.canSeeFullPhone ? original.phone : null;

  return (
    <main class="screen member-form" ref={root} data-testid="member-form" data-mode={mode}>
      <header class="screen-head">
        <h1>{original ? t("form.editTitle", { name: original.name }) : t("form.newTitle")}</h1>
      </header>
      <MemberFields draft={draft} set={set} errors={errors} mode={mode} maskedPhone={maskedPhone}
        beauticians={beauticians} selfId={props.id ?? null} sensitiveHidden={original?.sensitiveHidden ?? false} />
      <footer class="action-bar">
        <div class="action-bar-message">
          {failure ? <ErrorBanner error={failure} testId="form-error" /> : null}
        </div>
        <button type="button" class="btn btn-secondary btn-large" data-testid="member-cancel" onClick={cancel}>
          {t("form.cancel")} <Kbd keys="Esc" />
        </button>
        <button type="button" class="btn btn-primary btn-large" data-testid="member-save" onClick={() => void save()}
          disabled={saving}>
          {saving ? t("form.saving") : t("form.save")} <Kbd keys="Ctrl+Enter" class="kbd-on-primary" />
        </button>
      </footer>
    </main>
  );
}
