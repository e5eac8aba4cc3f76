import { describe, expect, it } from "vitest";
import bindings from "./bindings.ts?raw";
import { CODES, toApiError } from "./errors";

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

