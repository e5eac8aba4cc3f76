// Input helpers shared by screens.

/**
 * onInput handler for a digits-only field. It writes the cleaned value back to the element
 * too: with a controlled input, rejecting a key leaves the state unchanged, so no re-render
 * would remove the typed letter.
 */
export function digitsOnly(max: number, set: (value: string) => void) {
  return (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const value = el.value.replace(/\D/g, "").slice(0, max);
    if (el.value !== value) el.value = value;
    set(value);
  };
}

/** Today's calendar date on this device, `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
