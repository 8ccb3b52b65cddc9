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
