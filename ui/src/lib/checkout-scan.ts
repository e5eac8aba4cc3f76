// Barcode and member-card scans on the checkout screen. A keyboard-wedge scanner "types" its
// code into whatever has focus (the qty field, the coupon box, a PIN field…) and presses
// Enter. Three rules, each tested in checkout-scan.test.ts:
//   1. A scan never stays typed in a field: the field gets back the value (and caret) it had
//      before the burst began, and the scan's Enter never reaches the page (so it cannot
//      submit a form, press a focused button or re-add the last product).
//   2. A code is looked up as a product barcode or as a member card, in the order its shape
//      suggests; nothing found is "unknown", never the previous product.
//   3. Scans are handled one at a time in the order they were made.
import type { CatalogItem, MemberHit } from "./backend/bindings";
import { CardScanner, type ScannerOptions } from "./scanner";

/** What a field held before a burst of scanner keys started typing into it. */
export type FieldSnapshot = { value: string; selectionStart: number | null; selectionEnd: number | null };

export type CaptureResult =
  /** Let the key through (a person typing, or a scan still undecided). */
  | { kind: "pass" }
  /** A complete scan: swallow the Enter, put `restore` back into the field it typed into. */
  | { kind: "scan"; code: string; restore: FieldSnapshot | null };

/**
 * Watches every key before the page sees it. The caller passes a snapshot of the focused
 * field (or null when focus is not in a text field); the one taken at the first key of a
 * burst is kept, so a finished scan can put that field back as it was.
 */
export class ScanCapture {
  private readonly scanner: CardScanner;
  private before: FieldSnapshot | null = null;

  constructor(options?: ScannerOptions) {
    this.scanner = new CardScanner(options);
  }

  key(key: string, at: number, field: FieldSnapshot | null, modifiers = false): CaptureResult {
    if (modifiers) {
      this.scanner.reset();
      this.before = null;
      return { kind: "pass" };
    }
    if ([...key].length === 1 && !this.scanner.continuesBurst(at)) this.before = field;
    const code = this.scanner.feed(key, at);
    if (code === null) return { kind: "pass" };
    const restore = this.before;
    this.before = null;
    return { kind: "scan", code, restore };
  }

  reset(): void {
    this.scanner.reset();
    this.before = null;
  }
}

export type ScanTarget = "product" | "member";

/**
 * Which lookup to try first: retail barcodes (EAN-8, UPC-A, EAN-13, GTIN-14: 8, 12, 13 or 14
 * digits) are products first; anything else (member numbers like "880001" or "M0012") is a
 * member card first. Both are always tried, so a shape that guesses wrong still finds it.
 */
export function scanOrder(code: string): ScanTarget[] {
  return /^(\d{8}|\d{12,14})$/.test(code) ? ["product", "member"] : ["member", "product"];
}

export type ScanLookups = {
  productByBarcode: (barcode: string) => Promise<CatalogItem | null>;
  memberByCard: (memberNo: string) => Promise<MemberHit | null>;
};

export type ScanOutcome =
  | { kind: "product"; code: string; item: CatalogItem }
  | { kind: "member"; code: string; hit: MemberHit }
  | { kind: "unknown"; code: string };

/** Looks a scanned code up; a failed lookup rejects (the caller shows the error). */
export async function resolveScan(code: string, lookups: ScanLookups): Promise<ScanOutcome> {
  const trimmed = code.trim();
  for (const target of scanOrder(trimmed)) {
    if (target === "product") {
      const item = await lookups.productByBarcode(trimmed);
      if (item) return { kind: "product", code: trimmed, item };
    } else {
      const hit = await lookups.memberByCard(trimmed);
      if (hit) return { kind: "member", code: trimmed, hit };
    }
  }
  return { kind: "unknown", code: trimmed };
}

/** Runs async jobs one after another in the order they were queued (a failed one does not stop the rest). */
export function serialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>) => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** A snapshot of `el` if it is a field a scanner would type into. */
export function snapshotOf(el: Element | null): FieldSnapshot | null {
  if (typeof HTMLInputElement === "undefined") return null;
  if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(el.type))) {
    let start: number | null = null;
    let end: number | null = null;
    try {
      start = el.selectionStart;
      end = el.selectionEnd;
    } catch {
      // type=number has no selection API.
    }
    return { value: el.value, selectionStart: start, selectionEnd: end };
  }
  return null;
}

/**
 * Puts a field back as it was and tells its owner (a controlled input listens to `input`), so
 * the component's state drops the scanned characters too.
 */
export function restoreField(el: Element | null, snapshot: FieldSnapshot | null): void {
  if (!snapshot || !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
  if (el.value === snapshot.value) return;
  el.value = snapshot.value;
  try {
    if (snapshot.selectionStart !== null) el.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd ?? snapshot.selectionStart);
  } catch {
    // type=number: no caret to restore.
  }
  el.dispatchEvent(new Event("input", { bubbles: true }));
}
