import { describe, expect, it } from "vitest";
import type { MemberView } from "./backend/bindings";
import { checkDraft, draftFromView, draftToInput, emptyDraft, fieldOfServer, parseTags } from "./member-draft";

const view: MemberView = {
  id: "m1", memberNo: "100001", name: "张三", phone: "138****5678", gender: "female", birthday: "1990-05-17",
  region: "朝阳区", skinType: "dry", allergies: "酒精", preferredStaffId: "s1", preferredStaffName: "周晓雅",
  notes: "", tags: ["补水", "常客"], consentMarketing: true, source: "朋友推荐", referrerId: null,
  referrerName: null, tier: "gold", archived: false, erased: false, registeredAt: "2025-01-01T00:00:00Z",
  lastVisitAt: null, visitCount: 3, sensitiveHidden: false,
};

describe("member form draft", () => {
  it("sends null phone on edit when the box is left blank (the contract's 'keep')", () => {
    const draft = draftFromView(view, false);
    expect(draft.phone).toBe(""); // a masked number must never be sent back as the new phone
    expect(draftToInput(draft, "edit").phone).toBeNull();
  });

  it("sends null member no. when blank, so the backend generates one", () => {
    const input = draftToInput({ ...emptyDraft(), name: " 李四 ", phone: "(138) 0000-1111" }, "new");
    expect(input).toMatchObject({ name: "李四", phone: "13800001111", memberNo: null, gender: null, birthday: null });
  });

  it("splits tags on ASCII and Chinese commas and drops blanks and repeats", () => {
    expect(parseTags("补水, 抗衰，VIP、常客,, 补水")).toEqual(["补水", "抗衰", "VIP", "常客"]);
  });

  it("round-trips a member through the form, the full phone (as the core shows it) as digits", () => {
    const input = draftToInput(draftFromView({ ...view, phone: "138 1234 5678" }, true), "edit");
    expect(input.phone).toBe("13812345678");
    expect(input.tags).toEqual(view.tags);
    expect(input).toMatchObject({ name: "张三", gender: "female", birthday: "1990-05-17", skinType: "dry", preferredStaffId: "s1" });
  });

  it("flags only obvious problems", () => {
    expect(checkDraft(emptyDraft(), "new", "2026-11-23")).toEqual({ name: "form.nameRequired", phone: "form.phoneRequired" });
    // Blank phone is fine on edit: it means keep.
    expect(checkDraft({ ...emptyDraft(), name: "王" }, "edit", "2026-11-23")).toEqual({});
    const bad = { ...emptyDraft(), name: "王", phone: "12ab", birthday: "2027-01-01", memberNo: "A 1" };
    expect(checkDraft(bad, "new", "2026-11-23")).toEqual({
      phone: "form.phoneFormat", birthday: "form.birthdayFuture", "member-no": "form.memberNoFormat",
    });
  });

  it("maps the backend's camelCase field names to form fields", () => {
    expect(fieldOfServer("phone")).toBe("phone");
    expect(fieldOfServer("memberNo")).toBe("member-no");
    expect(fieldOfServer("preferredStaffId")).toBe("preferred-staff");
    expect(fieldOfServer("input.skinType")).toBe("skin-type");
    expect(fieldOfServer("somethingElse")).toBeNull();
    expect(fieldOfServer(null)).toBeNull();
  });
});
