// The staff calendar palette: each word the core keeps (`StaffColor`) and the colour drawn.
// Twelve hues far enough apart to tell beauticians' columns apart at a glance, each dark
// enough to carry white initials.
import type { StaffColor } from "./backend/bindings";

export const STAFF_COLORS: Record<StaffColor, string> = {
  rose: "#c2416b",
  coral: "#d0603f",
  amber: "#b7791f",
  olive: "#7a7d1e",
  green: "#2f855a",
  teal: "#1f7a7a",
  sky: "#2b7bb9",
  blue: "#3b5bcc",
  indigo: "#5a48b5",
  violet: "#8a45b0",
  plum: "#84386d",
  slate: "#5b6472",
};

export const PALETTE = Object.keys(STAFF_COLORS) as StaffColor[];

/** The colour drawn for a word from the backend (null or unknown: none). */
export function staffColor(word: string | null | undefined): string | null {
  return word && word in STAFF_COLORS ? STAFF_COLORS[word as StaffColor] : null;
}
