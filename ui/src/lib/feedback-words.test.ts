import { describe, expect, it } from "vitest";
import { handlingTime } from "./feedback-words";
import { translate } from "./i18n";

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate("en", key, params);

describe("complaint handling time", () => {
  it("reads minutes, then hours under two days, then days", () => {
    expect(handlingTime(t, 45)).toBe("45 min");
    expect(handlingTime(t, 26 * 60)).toBe("26 h");
    expect(handlingTime(t, 90)).toBe("1.5 h");
    expect(handlingTime(t, 3 * 24 * 60 + 12 * 60)).toBe("3.5 days");
  });
});
