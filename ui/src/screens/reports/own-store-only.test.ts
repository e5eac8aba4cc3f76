import { describe, expect, it } from "vitest";
import type { ChainStore, ReportQuery } from "../../lib/backend/bindings";
import { asksBeyondOwnStore } from "./own-store-only";

const stores: ChainStore[] = [{ id: "s1", name: "静安店", own: true }, { id: "s2", name: "徐汇店", own: false }];
const q = (storeId: string | null, chain = false): ReportQuery =>
  ({ from: "2026-12-01", to: "2026-12-31", granularity: "day", storeId, chain }) as ReportQuery;

describe("stock and campaigns say when they cannot show what was picked", () => {
  it("the whole chain or another store is beyond what the device holds", () => {
    expect(asksBeyondOwnStore(q(null, true), stores)).toBe(true);
    expect(asksBeyondOwnStore(q("s2"), stores)).toBe(true);
  });
  it("the own store (picked or by default) is what it holds", () => {
    expect(asksBeyondOwnStore(q("s1"), stores)).toBe(false);
    expect(asksBeyondOwnStore(q(null), stores)).toBe(false);
    expect(asksBeyondOwnStore(q(null), [])).toBe(false);
  });
});
