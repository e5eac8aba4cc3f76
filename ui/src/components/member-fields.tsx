// The member form's controls, in three groups: contact, profile, and sensitive information.
import type { StaffBrief } from "../lib/backend/bindings";
import type { Draft, FieldId, Mode } from "../lib/member-draft";
import { useI18n } from "../lib/i18n";
import { todayIso } from "../lib/input";
import { Field, type FieldError } from "./field";
import { LockIcon } from "./icons";
import { MemberPicker } from "./member-picker";

type Props = {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  errors: Partial<Record<FieldId, FieldError>>;
  mode: Mode;
  /** On edit, for a role that sees masked phones: the masked number, shown as placeholder. */
  maskedPhone: string | null;
  beauticians: StaffBrief[];
  selfId: string | null;
  /** On edit: her skin type, allergies and notes were withheld from this staff member (the core
   * keeps them as they are when she saves), so their fields are locked. */
  sensitiveHidden?: boolean;
};

const GENDERS = ["female", "male", "other"] as const;
const SKIN = ["dry", "oily", "combination", "sensitive", "normal"] as const;

export function MemberFields(props: Props) {
  const { t } = useI18n();
  const { draft, set, errors } = props;
  const described = (id: FieldId) => ({ "aria-invalid": errors[id] ? true : undefined, "aria-describedby": errors[id] ? `e-${id}` : undefined });
  const text = (id: FieldId, key: "name" | "region" | "source", extra: Record<string, unknown> = {}) => (
    <input id={`f-${id}`} class="input" data-testid={`field-${id}`} value={draft[key]} autocomplete="off"
      onInput={(e) => set(key, e.currentTarget.value)} {...described(id)} {...extra} />
  );

  return (
    <div class="form-groups">
      <div class="form-col">
        <section class="card form-group">
          <h2 class="section-title">{t("profile.contact")}</h2>
          <div class="form-grid">
            <Field id="name" label={t("field.name")} error={errors.name}>
              {text("name", "name", { maxLength: 40, "data-autofocus": true })}
            </Field>
            <Field id="phone" label={t("field.phone")} error={errors.phone}
              hint={props.maskedPhone ? t("form.phoneKeepHint") : undefined}>
              <input id="f-phone" class="input mono" data-testid="field-phone" type="tel" inputMode="tel" autocomplete="off"
                value={draft.phone} onInput={(e) => set("phone", e.currentTarget.value)} {...described("phone")}
                placeholder={props.maskedPhone ?? ""} />
            </Field>
            <Field id="member-no" label={t("field.memberNo")} error={errors["member-no"]}>
              <input id="f-member-no" class="input mono" data-testid="field-member-no" value={draft.memberNo}
                autocomplete="off" placeholder={t("form.memberNoAuto")} onInput={(e) => set("memberNo", e.currentTarget.value)}
                {...described("member-no")} />
            </Field>
            <Field id="region" label={t("field.region")} error={errors.region}>{text("region", "region")}</Field>
          </div>
        </section>

        <section class="card form-group sensitive">
          <h2 class="section-title"><LockIcon size={18} /> {t("profile.sensitive")}</h2>
          <p class="muted small">{t("profile.sensitiveNote")}</p>
          <div class="form-grid">
            <Field id="skin-type" label={t("field.skinType")} error={errors["skin-type"]}
              hint={props.sensitiveHidden ? t("perms.sensitive.kept") : undefined}>
              <select id="f-skin-type" class="input" data-testid="field-skin-type" value={draft.skinType} disabled={props.sensitiveHidden}
                onChange={(e) => set("skinType", e.currentTarget.value as Draft["skinType"])} {...described("skin-type")}>
                <option value="">{t("skin.unset")}</option>
                {SKIN.map((s) => <option key={s} value={s}>{t(`skin.${s}`)}</option>)}
              </select>
            </Field>
            <Field id="allergies" label={t("field.allergies")} error={errors.allergies}>
              <input id="f-allergies" class="input" data-testid="field-allergies" value={draft.allergies} autocomplete="off"
                disabled={props.sensitiveHidden}
                onInput={(e) => set("allergies", e.currentTarget.value)} {...described("allergies")} />
            </Field>
          </div>
        </section>
      </div>
      <div class="form-col">
        <section class="card form-group">
          <h2 class="section-title">{t("profile.profile")}</h2>
          <div class="form-grid">
            <Field id="gender" label={t("field.gender")} error={errors.gender}>
              <select id="f-gender" class="input" data-testid="field-gender" value={draft.gender}
                onChange={(e) => set("gender", e.currentTarget.value as Draft["gender"])} {...described("gender")}>
                <option value="">{t("gender.unset")}</option>
                {GENDERS.map((g) => <option key={g} value={g}>{t(`gender.${g}`)}</option>)}
              </select>
            </Field>
            <Field id="birthday" label={t("field.birthday")} error={errors.birthday}>
              <input id="f-birthday" class="input" data-testid="field-birthday" type="date" value={draft.birthday}
                min="1900-01-01" max={todayIso()} onInput={(e) => set("birthday", e.currentTarget.value)}
                {...described("birthday")} />
            </Field>
            <Field id="preferred-staff" label={t("field.preferredStaff")} error={errors["preferred-staff"]}>
              <select id="f-preferred-staff" class="input" data-testid="field-preferred-staff" value={draft.preferredStaffId}
                onChange={(e) => set("preferredStaffId", e.currentTarget.value)} {...described("preferred-staff")}>
                <option value="">{t("form.noBeautician")}</option>
                {props.beauticians.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </Field>
            <Field id="source" label={t("field.source")} error={errors.source}>
              {text("source", "source", { placeholder: t("form.sourcePlaceholder") })}
            </Field>
            <Field id="referrer" label={t("field.referrer")} error={errors.referrer}>
              {draft.referrer ? (
                <div class="chip-row" data-testid="field-referrer" data-member-id={draft.referrer.id}>
                  <span class="chip">{draft.referrer.name}</span>
                  <button type="button" class="btn btn-ghost btn-small" onClick={() => set("referrer", null)}>
                    {t("form.clearReferrer")}
                  </button>
                </div>
              ) : (
                <MemberPicker id="referrer" excludeId={props.selfId} placeholder={t("form.pickReferrer")}
                  onPick={(hit) => set("referrer", { id: hit.id, name: hit.name })} />
              )}
            </Field>
            <Field id="tags" label={t("field.tags")} error={errors.tags} hint={t("form.tagsHint")}>
              <input id="f-tags" class="input" data-testid="field-tags" value={draft.tags} autocomplete="off"
                onInput={(e) => set("tags", e.currentTarget.value)} {...described("tags")} />
            </Field>
            <Field id="consent" label={t("field.consent")} error={errors.consent} wide>
              <label class="checkbox">
                <input id="f-consent" type="checkbox" data-testid="field-consent" checked={draft.consentMarketing}
                  onChange={(e) => set("consentMarketing", e.currentTarget.checked)} />
                <span>{t("form.consentLabel")}</span>
              </label>
            </Field>
            <Field id="notes" label={t("field.notes")} error={errors.notes} wide>
              <textarea id="f-notes" class="input" data-testid="field-notes" rows={2} value={draft.notes} disabled={props.sensitiveHidden}
                onInput={(e) => set("notes", e.currentTarget.value)} {...described("notes")} />
            </Field>
          </div>
        </section>

      </div>
    </div>
  );
}
