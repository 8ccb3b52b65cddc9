/**
 * User-facing text. Every string the UI shows comes from these tables, one module per area
 * (common, conversations, …), each in English and Simplified Chinese. A Chinese table must
 * have every English key (the type says so), so a missing translation fails the build.
 */
import * as account from './account';
import * as archive from './archive';
import * as common from './common';
import * as contacts from './contacts';
import * as conversations from './conversations';
import * as errors from './errors';
import * as modems from './modems';
import * as office from './office';

const tables = {
  en: { ...common.en, ...conversations.en, ...modems.en, ...office.en, ...contacts.en, ...archive.en, ...account.en, ...errors.en },
  zh: { ...common.zh, ...conversations.zh, ...modems.zh, ...office.zh, ...contacts.zh, ...archive.zh, ...account.zh, ...errors.zh },
} as const;

export type Locale = keyof typeof tables;
export const LOCALES: readonly Locale[] = ['en', 'zh'];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '简体中文' };

export type MessageKey = keyof typeof tables.en;
type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

const STORAGE_KEY = 'smsdesk.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // Storage may be disabled; fall back to the browser's language.
  }
  const wanted = globalThis.navigator?.languages ?? [];
  return wanted.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

let current: Locale = initialLocale();
let plural = new Intl.PluralRules(current === 'zh' ? 'zh-CN' : 'en');

export function locale(): Locale {
  return current;
}

/** Switches the language; the app re-renders from the top (App keys its tree by locale). */
export function setLocale(next: Locale): void {
  current = next;
  plural = new Intl.PluralRules(next === 'zh' ? 'zh-CN' : 'en');
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; still switched for this session.
  }
  if (globalThis.document) globalThis.document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = tables[current][key] ?? tables.en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Text for a count, chosen by the language's plural rules (CLDR), e.g. "1 modem" / "2 modems". */
export function tn(key: PluralKey, count: number, params: Record<string, string | number> = {}): string {
  const form = plural.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { count, ...params });
}

/**
 * Formatters by language and options. Making an Intl.DateTimeFormat costs far more than using
 * one: made per call, the time on each row of a scrolling list was most of the list's work.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Dates and times in the current language. */
export function formatTime(iso: string, options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' }): string {
  const key = `${current}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(current === 'zh' ? 'zh-CN' : undefined, options);
    formatters.set(key, format);
  }
  return format.format(new Date(iso));
}
