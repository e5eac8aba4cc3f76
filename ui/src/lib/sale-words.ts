// Names on screen for the backend's kind strings (payment methods, line kinds, sale kinds), with
// the raw kind as a fallback so a kind this UI does not know yet still shows something.
import type { I18n } from "./i18n";
import { isKnownTender } from "./shift-count";

type T = I18n["t"];

const LINE_KINDS = ["service", "product", "package_purchase", "top_up", "package_redemption"] as const;
const SALE_KINDS = ["sale", "refund", "void"] as const;

export function tenderName(t: T, kind: string): string {
  return isKnownTender(kind) ? t(`tender.${kind}`) : kind;
}

export function lineKindName(t: T, kind: string): string {
  return (LINE_KINDS as readonly string[]).includes(kind) ? t(`lineKind.${kind as (typeof LINE_KINDS)[number]}`) : kind;
}

export function saleKindName(t: T, kind: string): string {
  return (SALE_KINDS as readonly string[]).includes(kind) ? t(`saleKind.${kind as (typeof SALE_KINDS)[number]}`) : kind;
}
