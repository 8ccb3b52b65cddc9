import { ArchiveError } from './errors';

/**
 * Keyset cursors: the (time, id) of the last row a page showed, as opaque base64url text.
 * The UI hands them back untouched; a tampered cursor is a typed error, never SQL.
 */
export function encodeCursor(at: number, id: number): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { at: number; id: number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2 && value.every((v) => Number.isSafeInteger(v))) {
    return { at: value[0] as number, id: value[1] as number };
  }
  throw new ArchiveError('ARCHIVE_QUERY', 'The page cursor is not valid; start again from the first page.');
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new ArchiveError('ARCHIVE_QUERY', `A page holds at least one row, not ${limit}.`);
  return Math.min(limit, MAX_PAGE);
}

/**
 * Merges several runs of rows, each already newest first by (time, id), into the first
 * `take` rows newest first. A list filtered by "any of these statuses" reads one indexed run
 * per status (each at most one page long) instead of sorting every matching row.
 */
export function mergeNewest<T>(runs: readonly (readonly T[])[], key: (row: T) => readonly [number, number], take: number): T[] {
  if (runs.length === 1) return runs[0]!.slice(0, take);
  return runs
    .flat()
    .sort((a, b) => {
      const [atA, idA] = key(a);
      const [atB, idB] = key(b);
      return atB - atA || idB - idA;
    })
    .slice(0, take);
}

/**
 * A page from rows fetched with one row more than `limit` (that row only tells whether a
 * next page exists, without a COUNT).
 */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  key: (row: R) => readonly [number, number],
  map: (row: R) => T,
): { items: T[]; next: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(map), next: rows.length > limit && last !== undefined ? encodeCursor(...key(last)) : null };
}
