/** Numbers, sizes, shares and days of the Archive screen, in the current language. */
import { locale } from '../../i18n';

function tag(): string {
  return locale() === 'zh' ? 'zh-CN' : 'en';
}

export function count(n: number): string {
  return new Intl.NumberFormat(tag()).format(n);
}

/** Bytes as kB, MB or GB (decimal units, as file managers show them), one decimal at most. */
export function size(bytes: number): string {
  const [value, unit] =
    bytes >= 1e9
      ? [bytes / 1e9, 'gigabyte']
      : bytes >= 1e6
        ? [bytes / 1e6, 'megabyte']
        : bytes >= 1e3
          ? [bytes / 1e3, 'kilobyte']
          : [bytes, 'byte'];
  return new Intl.NumberFormat(tag(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

export function percent(part: number, whole: number): string {
  return new Intl.NumberFormat(tag(), { style: 'percent', maximumFractionDigits: 1 }).format(whole === 0 ? 0 : part / whole);
}

/** A YYYY-MM-DD date of the viewer's calendar, as words ("Mon, 23 Nov"). */
export function day(date: string, options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' }): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(tag(), options).format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}
