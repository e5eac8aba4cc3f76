// Tells a keyboard-wedge card scanner from a person typing. A scanner "types" the card number
// far faster than any hand (a few ms per character) and ends with Enter; a person, even a fast
// one, leaves 60 ms or more between most keys. So: a run of printable keys each less than
// `maxGapMs` after the previous one, at least `minLength` long, closed by an Enter that is also
// within `maxGapMs`, is a scan. Pure: feed it keys with their timestamps, it answers.
// The default gap is 40 ms rather than a scanner's typical 5–20 ms: on a busy 2-core till the
// web view stamps scanner keys up to ~27 ms apart (measured), and no person types four keys and
// Enter all within 40 ms of each other.

export type ScannerOptions = {
  /** Largest gap between two keys of one scan, in ms. */
  maxGapMs?: number;
  /** Shortest card number accepted as a scan. */
  minLength?: number;
};

/** Keys a scanner may send that are neither part of the code nor a reason to give up. */
const IGNORED = new Set(["Shift", "CapsLock"]);

export class CardScanner {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private buffer = "";
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: ScannerOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 40;
    this.minLength = options.minLength ?? 4;
  }

  /** Characters of the burst in progress (0 when the next key would start a new one). */
  get pending(): number {
    return this.buffer.length;
  }

  /**
   * Whether a key at `at` would continue the burst in progress: the caller uses this to know
   * that a key is (probably) scanner input before deciding where it goes.
   */
  continuesBurst(at: number): boolean {
    return this.buffer.length > 0 && at - this.lastAt < this.maxGapMs;
  }

  /** Feed one `KeyboardEvent.key` and its `timeStamp`; returns the card number on a scan. */
  feed(key: string, at: number): string | null {
    if (IGNORED.has(key)) return null;
    const fast = at - this.lastAt < this.maxGapMs;
    if (key === "Enter") {
      const code = fast && this.buffer.length >= this.minLength ? this.buffer : null;
      this.reset();
      return code;
    }
    if ([...key].length !== 1) {
      this.reset();
      return null;
    }
    this.buffer = fast ? this.buffer + key : key;
    this.lastAt = at;
    return null;
  }

  reset(): void {
    this.buffer = "";
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}
