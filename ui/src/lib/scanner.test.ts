import { describe, expect, it } from "vitest";
import { CardScanner } from "./scanner";

/** Feeds `keys` starting at `start`, `gap` ms apart; returns what each feed answered. */
function feedAll(s: CardScanner, keys: string[], start: number, gap: number): Array<string | null> {
  return keys.map((k, i) => s.feed(k, start + i * gap));
}

const typed = (text: string) => [...text, "Enter"];

describe("CardScanner", () => {
  it("reports a fast burst ending in Enter as a scan of exactly those characters", () => {
    const out = feedAll(new CardScanner(), typed("100234"), 1000, 8);
    // Only the Enter answers; the characters before it are still undecided.
    expect(out.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(out.at(-1)).toBe("100234");
  });

  it("ignores human typing (gaps of 60 ms and more) even when it ends in Enter", () => {
    expect(feedAll(new CardScanner(), typed("100234"), 1000, 120).at(-1)).toBeNull();
    expect(feedAll(new CardScanner(), typed("100234"), 1000, 60).at(-1)).toBeNull();
  });

  it("does not take a short fast burst (two keys rolled together) for a scan", () => {
    const out = feedAll(new CardScanner(), typed("ab"), 0, 5);
    expect(out.at(-1)).toBeNull();
  });

  it("needs the Enter itself to arrive fast: a pause before Enter means a person pressed it", () => {
    const s = new CardScanner();
    feedAll(s, [..."100234"], 0, 5);
    expect(s.feed("Enter", 25 + 200)).toBeNull();
  });

  it("starts a new burst after a pause, so slowly typed text before a scan is not part of it", () => {
    const s = new CardScanner();
    feedAll(s, [..."zs"], 0, 150); // a person typing
    const out = feedAll(s, typed("A8800"), 2000, 6); // then a scan
    expect(out.at(-1)).toBe("A8800");
  });

  it("lets Shift through (scanners send it for capitals) but a non-character key aborts", () => {
    const s = new CardScanner();
    expect(feedAll(s, ["Shift", "M", "0", "0", "1", "2", "Enter"], 0, 4).at(-1)).toBe("M0012");
    expect(feedAll(s, ["1", "2", "ArrowDown", "3", "4", "Enter"], 100, 4).at(-1)).toBeNull();
  });

  it("accepts a slow-ish scanner on a busy machine (keys ~30 ms apart)", () => {
    expect(feedAll(new CardScanner(), typed("100234"), 0, 32).at(-1)).toBe("100234");
  });

  it("honours custom thresholds", () => {
    const s = new CardScanner({ maxGapMs: 60, minLength: 3 });
    expect(feedAll(s, typed("123"), 0, 50).at(-1)).toBe("123");
    expect(feedAll(new CardScanner({ maxGapMs: 20 }), typed("100234"), 0, 25).at(-1)).toBeNull();
  });

  it("knows whether the next key continues a burst", () => {
    const s = new CardScanner();
    expect(s.continuesBurst(0)).toBe(false);
    s.feed("1", 100);
    expect(s.continuesBurst(110)).toBe(true);
    expect(s.continuesBurst(200)).toBe(false);
  });
});
