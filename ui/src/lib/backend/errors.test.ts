import { describe, expect, it } from "vitest";
import bindings from "./bindings.ts?raw";
import { CODES, lockoutMinutes, toApiError } from "./errors";

describe("toApiError", () => {
  it("keeps a backend error's code, field and memberId", () => {
    const raw = { code: "duplicate_phone", message: "phone 138****5678 already belongs to …", field: "phone", memberId: "m1" };
    expect(toApiError(raw)).toEqual(raw);
  });

  it("turns anything else into an internal error that still carries the text", () => {
    expect(toApiError("command foo not found")).toEqual({ code: "internal", message: "command foo not found", field: null, memberId: null });
    expect(toApiError(new Error("boom")).code).toBe("internal");
    // An unknown code must not reach screens that switch on the known ones.
    expect(toApiError({ code: "teapot", message: "x" }).code).toBe("internal");
  });

  it("knows every code the Rust side can send (a code missing here would reach screens as internal)", () => {
    const union = /export type ErrorCode = ([^;]+);/.exec(bindings)?.[1] ?? "";
    const generated = [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]).sort();
    expect(generated.length).toBeGreaterThan(10);
    expect([...CODES].sort()).toEqual(generated);
  });

  it("keeps the reason and the fewest digits a PIN needs", () => {
    expect(toApiError({ code: "pin_change_required", message: "m", minDigits: 6 })).toMatchObject({ code: "pin_change_required", minDigits: 6 });
    expect(toApiError({ code: "demo_refused", message: "m", reason: "enrolled" })).toMatchObject({ code: "demo_refused", reason: "enrolled" });
  });

  it("treats empty field/memberId as absent", () => {
    expect(toApiError({ code: "validation", message: "m", field: "", memberId: undefined })).toMatchObject({ field: null, memberId: null });
  });
});

describe("lockoutMinutes", () => {
  it("reads the minutes from the core's message and from short forms", () => {
    expect(lockoutMinutes("too many wrong PINs: locked for 4 more minute(s)")).toBe(4);
    expect(lockoutMinutes("try again in 12 min")).toBe(12);
    expect(lockoutMinutes("请 3 分钟后再试")).toBe(3);
  });

  it("answers null when the message names no minutes, so the UI shows its own text", () => {
    expect(lockoutMinutes("locked out")).toBeNull();
    expect(lockoutMinutes("5 wrong PINs")).toBeNull();
  });
});
