// Complaint handling time in words: hours under two days, days from then on. Pure, so the
// back office list and the detail say it the same way (and a test checks the bands).
import type { I18n } from "./i18n";

export function handlingTime(t: I18n["t"], minutes: number): string {
  if (minutes < 60) return t("feedback.complaint.minutes", { n: Math.max(0, Math.round(minutes)) });
  const hours = minutes / 60;
  if (hours < 48) return t("feedback.complaint.hours", { n: Math.round(hours * 10) / 10 });
  return t("feedback.complaint.days", { n: Math.round((hours / 24) * 10) / 10 });
}
