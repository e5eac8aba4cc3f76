// The member form's state as typed (strings, so nothing typed is ever lost), and the pure
// steps around it: from a MemberView, to a MemberInput, client-side checks, and which form
// field a backend error's `field` names.
import type { Gender, MemberInput, MemberView, SkinType } from "./backend/bindings";
import type { MessageKey } from "./i18n";
import type { Prefill } from "./route";

/** Form field ids; the DOM uses `f-<id>`, the tests `field-<id>` and `error-<id>`. */
export type FieldId =
  | "name" | "phone" | "member-no" | "gender" | "birthday" | "region" | "skin-type" | "allergies"
  | "preferred-staff" | "notes" | "tags" | "consent" | "source" | "referrer";

export type Draft = {
  name: string;
  phone: string;
  memberNo: string;
  gender: Gender | "";
  birthday: string;
  region: string;
  skinType: SkinType | "";
  allergies: string;
  preferredStaffId: string;
  notes: string;
  tags: string;
  consentMarketing: boolean;
  source: string;
  referrer: { id: string; name: string } | null;
};

export type Mode = "new" | "edit";

export function emptyDraft(prefill: Prefill = {}): Draft {
  return {
    name: prefill.name ?? "", phone: prefill.phone ?? "", memberNo: "", gender: "", birthday: "",
    region: "", skinType: "", allergies: "", preferredStaffId: "", notes: "", tags: "",
    consentMarketing: false, source: "", referrer: null,
  };
}

/** Edit form for a member; a masked phone is not put in the box (blank means keep it). */
export function draftFromView(v: MemberView, canSeeFullPhone: boolean): Draft {
  return {
    name: v.name, phone: canSeeFullPhone ? v.phone : "", memberNo: v.memberNo, gender: v.gender ?? "",
    birthday: v.birthday ?? "", region: v.region, skinType: v.skinType ?? "", allergies: v.allergies,
    preferredStaffId: v.preferredStaffId ?? "", notes: v.notes, tags: v.tags.join(", "),
    consentMarketing: v.consentMarketing, source: v.source,
    referrer: v.referrerId ? { id: v.referrerId, name: v.referrerName ?? "" } : null,
  };
}

/** "补水, 抗衰，VIP、常客" → ["补水", "抗衰", "VIP", "常客"] (ASCII or Chinese commas). */
export function parseTags(text: string): string[] {
  const tags = text.split(/[,，、;；]/).map((t) => t.trim()).filter((t) => t !== "");
  return [...new Set(tags)];
}

/** Spaces, dashes and brackets people type inside phone numbers (the core drops them too). */
export function cleanPhone(text: string): string {
  return text.replace(/[\s()\u3000-]/g, "");
}

export function draftToInput(d: Draft, mode: Mode): MemberInput {
  const phone = cleanPhone(d.phone);
  const memberNo = d.memberNo.trim();
  return {
    name: d.name.trim(),
    // On edit a blank phone keeps the current one (the contract's `null`).
    phone: mode === "edit" && phone === "" ? null : phone,
    memberNo: memberNo === "" ? null : memberNo,
    gender: d.gender === "" ? null : d.gender,
    birthday: d.birthday === "" ? null : d.birthday,
    region: d.region.trim(),
    skinType: d.skinType === "" ? null : d.skinType,
    allergies: d.allergies.trim(),
    preferredStaffId: d.preferredStaffId === "" ? null : d.preferredStaffId,
    notes: d.notes.trim(),
    tags: parseTags(d.tags),
    consentMarketing: d.consentMarketing,
    source: d.source.trim(),
    referrerId: d.referrer?.id ?? null,
  };
}

/** Obvious problems only; the backend has the last word. `today` is `YYYY-MM-DD`. */
export function checkDraft(d: Draft, mode: Mode, today: string): Partial<Record<FieldId, MessageKey>> {
  const errors: Partial<Record<FieldId, MessageKey>> = {};
  if (d.name.trim() === "") errors.name = "form.nameRequired";
  const phone = cleanPhone(d.phone);
  if (phone === "" && mode === "new") errors.phone = "form.phoneRequired";
  else if (phone !== "" && !/^\+?\d{7,15}$/.test(phone)) errors.phone = "form.phoneFormat";
  if (d.memberNo.trim() !== "" && !/^[A-Za-z0-9-]+$/.test(d.memberNo.trim())) errors["member-no"] = "form.memberNoFormat";
  if (d.birthday !== "" && d.birthday > today) errors.birthday = "form.birthdayFuture";
  return errors;
}

const SERVER_FIELDS: Record<string, FieldId> = {
  name: "name", phone: "phone", memberNo: "member-no", gender: "gender", birthday: "birthday",
  region: "region", skinType: "skin-type", allergies: "allergies", preferredStaffId: "preferred-staff",
  notes: "notes", tags: "tags", consentMarketing: "consent", source: "source", referrerId: "referrer",
};

/** The form field a backend error's `field` (a MemberInput key, camelCase) points at. */
export function fieldOfServer(field: string | null): FieldId | null {
  if (field === null) return null;
  const key = field.replace(/^input\./, "");
  return SERVER_FIELDS[key] ?? null;
}
