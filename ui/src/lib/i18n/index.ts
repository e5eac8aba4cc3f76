// The UI's two languages, the current choice (remembered in localStorage, defaulting to the
// system locale), and `useI18n()` for components. Every user-visible string goes through `t`.
import { useEffect, useState } from "preact/hooks";
import { en, type MessageKey, type Messages } from "./en";
import { zhCN } from "./zh-CN";
import { formatCount, formatDate, formatMonth, formatDateTime, formatMoney, type Locale } from "./format";

export type { Locale, MessageKey };
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
export const catalogs: Record<Locale, Messages> = { en, "zh-CN": zhCN };
const STORAGE_KEY = "salondesk.locale";

export type Params = Record<string, string | number>;

/** zh, zh-CN, zh-Hans-CN, zh-TW … → zh-CN; anything else → en. */
export function detectLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogs[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole);
}

function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : null;
  } catch {
    return null;
  }
}

let current: Locale = storedLocale() ?? detectLocale(globalThis.navigator?.language);
const subscribers = new Set<(l: Locale) => void>();
if (typeof document !== "undefined") document.documentElement.lang = current;

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this session only.
  }
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  subscribers.forEach((s) => s(locale));
}

export type I18n = {
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  setLocale: (locale: Locale) => void;
  toggleLocale: () => void;
  money: (fen: number) => string;
  date: (value: string) => string;
  /** A month, from `YYYY-MM` or `YYYY-MM-01`. */
  month: (value: string) => string;
  dateTime: (instant: string) => string;
  count: (n: number) => string;
};

export function useI18n(): I18n {
  const [locale, setState] = useState(current);
  useEffect(() => {
    subscribers.add(setState);
    setState(current);
    return () => void subscribers.delete(setState);
  }, []);
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    setLocale,
    toggleLocale: () => setLocale(locale === "zh-CN" ? "en" : "zh-CN"),
    money: (fen) => formatMoney(fen, locale),
    date: (value) => formatDate(value, locale),
    month: (value) => formatMonth(value, locale),
    dateTime: (instant) => formatDateTime(instant, locale),
    count: (n) => formatCount(n, locale),
  };
}
