/** Day separators for a thread: the first message of each local calendar day carries the day. */

/** The local calendar day of a time, as YYYY-MM-DD (sorts and compares as text). */
export function localDayKey(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export interface DayRow<T> {
  readonly item: T;
  /** The day key when this item is the first of its day in the list, else null. */
  readonly day: string | null;
}

/**
 * Pairs each item (oldest first) with the day it starts, if it starts one. `at` gives an
 * item's time as ISO 8601 text; `dayOf` maps a time to its day (local time by default).
 */
export function withDays<T>(items: readonly T[], at: (item: T) => string, dayOf: (d: Date) => string = localDayKey): DayRow<T>[] {
  const rows: DayRow<T>[] = [];
  let previous: string | null = null;
  for (const item of items) {
    const day = dayOf(new Date(at(item)));
    rows.push({ item, day: day === previous ? null : day });
    previous = day;
  }
  return rows;
}

/** How far a day is from today: 0 today, 1 yesterday, …; days are local YYYY-MM-DD keys. */
export function daysAgo(day: string, today: string): number {
  const toUtc = (key: string): number => {
    const [y, m, d] = key.split('-').map(Number);
    return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((toUtc(today) - toUtc(day)) / 86_400_000);
}
