import { describe, expect, it, vi } from "vitest";
import type { CatalogItem, MemberHit } from "./backend/bindings";
import { resolveScan, ScanCapture, scanOrder, serialQueue, type FieldSnapshot } from "./checkout-scan";

const serum: CatalogItem = {
  kind: "product", id: "p-1", name: "玻尿酸保湿精华 30ml", category: "", price: 36_800, stock: 40,
  barcode: "6901234500017", bonus: null, sessions: null, validDays: null, durationMin: null,
};
const member: MemberHit = {
  id: "m-1", memberNo: "880001", name: "林雅琪", phone: "138****8000", tier: "gold", lastVisitAt: null, matched: "member_no", exact: true,
};

/** Keys as a scanner sends them into a field: each key's snapshot is the field as it is then. */
function scanInto(capture: ScanCapture, field: { value: string }, code: string, start: number, gap = 8) {
  const results = [];
  let at = start;
  for (const key of [...code, "Enter"]) {
    const snap: FieldSnapshot = { value: field.value, selectionStart: field.value.length, selectionEnd: field.value.length };
    const r = capture.key(key, at, snap);
    results.push(r);
    if (r.kind === "pass" && key !== "Enter") field.value += key; // the browser types it
    at += gap;
  }
  return results;
}

describe("ScanCapture", () => {
  it("hands back a scan typed into the qty field with the field as it was before the burst", () => {
    const capture = new ScanCapture();
    const qty = { value: "2" };
    const results = scanInto(capture, qty, "6901234500017", 1000);
    const last = results.at(-1)!;
    expect(last).toEqual({ kind: "scan", code: "6901234500017", restore: { value: "2", selectionStart: 1, selectionEnd: 1 } });
    // Everything before the Enter went through; the Enter is the scan's and is swallowed.
    expect(results.slice(0, -1).every((r) => r.kind === "pass")).toBe(true);
  });

  it("keeps what a person typed before the scan when restoring", () => {
    const capture = new ScanCapture();
    const coupon = { value: "" };
    for (const [i, ch] of [..."WEL"].entries()) {
      capture.key(ch, 100 + i * 180, { value: coupon.value, selectionStart: null, selectionEnd: null });
      coupon.value += ch;
    }
    const last = scanInto(capture, coupon, "880001", 2000).at(-1)!;
    expect(last).toMatchObject({ kind: "scan", code: "880001", restore: { value: "WEL" } });
  });

  it("lets a person's typing and Enter through untouched", () => {
    const capture = new ScanCapture();
    const field = { value: "" };
    const results = scanInto(capture, field, "12", 0, 150);
    expect(results.every((r) => r.kind === "pass")).toBe(true);
    expect(field.value).toBe("12");
  });

  it("has nothing to restore when focus was on no field (a button, the page)", () => {
    const capture = new ScanCapture();
    let last;
    for (const [i, key] of [..."6901234500017", "Enter"].entries()) last = capture.key(key, i * 5, null);
    expect(last).toEqual({ kind: "scan", code: "6901234500017", restore: null });
  });

  it("forgets a burst cut by a shortcut with a modifier", () => {
    const capture = new ScanCapture();
    capture.key("1", 0, null);
    capture.key("2", 5, null);
    capture.key("k", 8, null, true);
    expect(capture.key("Enter", 10, null)).toEqual({ kind: "pass" });
  });

  it("reports two scans back to back as two codes, each with its own restore", () => {
    const capture = new ScanCapture();
    const field = { value: "1" };
    const first = scanInto(capture, field, "6901234500017", 0).at(-1)!;
    field.value = "1"; // restored
    const second = scanInto(capture, field, "6901234500024", 500).at(-1)!;
    expect([first, second].map((r) => (r.kind === "scan" ? [r.code, r.restore?.value] : null)))
      .toEqual([["6901234500017", "1"], ["6901234500024", "1"]]);
  });
});

describe("scanOrder / resolveScan", () => {
  it("tries a retail barcode as a product first and a member number as a card first", () => {
    expect(scanOrder("6901234500017")).toEqual(["product", "member"]);
    expect(scanOrder("12345678")).toEqual(["product", "member"]);
    expect(scanOrder("880001")).toEqual(["member", "product"]);
    expect(scanOrder("M0012")).toEqual(["member", "product"]);
  });

  it("finds a product by its barcode without asking for a member", async () => {
    const memberByCard = vi.fn(async () => member);
    const out = await resolveScan("6901234500017", { productByBarcode: async () => serum, memberByCard });
    expect(out).toEqual({ kind: "product", code: "6901234500017", item: serum });
    expect(memberByCard).not.toHaveBeenCalled();
  });

  it("finds a member card, and falls back to the other lookup when the first finds nothing", async () => {
    expect(await resolveScan("880001", { productByBarcode: async () => null, memberByCard: async () => member }))
      .toEqual({ kind: "member", code: "880001", hit: member });
    expect(await resolveScan("69012345", { productByBarcode: async () => null, memberByCard: async () => member }))
      .toMatchObject({ kind: "member" });
  });

  it("answers unknown for a code nobody has (never the previous product)", async () => {
    const lookups = { productByBarcode: vi.fn(async (c: string) => (c === "6901234500017" ? serum : null)), memberByCard: async () => null };
    expect((await resolveScan("6901234500017", lookups)).kind).toBe("product");
    expect(await resolveScan("6909999999999", lookups)).toEqual({ kind: "unknown", code: "6909999999999" });
  });

  it("passes a failed lookup on to the caller", async () => {
    const boom = { code: "internal", message: "db", field: null, memberId: null };
    await expect(resolveScan("880001", { productByBarcode: async () => null, memberByCard: async () => { throw boom; } }))
      .rejects.toBe(boom);
  });
});

describe("serialQueue", () => {
  it("handles scans in the order they were made even when the first lookup is slower", async () => {
    const run = serialQueue();
    const done: string[] = [];
    const slow = run(() => new Promise<void>((r) => setTimeout(() => { done.push("A"); r(); }, 30)));
    const fast = run(async () => { done.push("B"); });
    await Promise.all([slow, fast]);
    expect(done).toEqual(["A", "B"]);
  });

  it("goes on after a failed job", async () => {
    const run = serialQueue();
    const failed = run(async () => { throw new Error("x"); });
    await expect(failed).rejects.toThrow("x");
    await expect(run(async () => 42)).resolves.toBe(42);
  });
});
