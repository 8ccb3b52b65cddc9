/**
 * Keyset pages of contacts in name order, optionally narrowed by words of the name (FTS),
 * digits of a number, and a group. The cursor is the (name, id) of the last row shown, so a
 * page costs the same at the end of a long list as at its start, and a contact added while
 * someone scrolls neither repeats nor hides a row.
 */
import type { Database } from 'better-sqlite3';
import { pageLimit } from './cursor';
import { ArchiveError } from './errors';
import { toMatchExpression } from './fts-query';

export interface ContactRow {
  id: number;
  uid: string;
  display_name: string;
  organization: string | null;
  note: string | null;
}

export interface ContactPageQuery {
  /** Words of the name or organisation, or digits of a number. */
  text?: string;
  /** Only members of this group (its row id). */
  groupId?: number;
  /** Cursor from the previous page. */
  after?: string;
  limit?: number;
}

export function encodeNameCursor(name: string, id: number): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');
}

export function decodeNameCursor(cursor: string): { name: string; id: number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isSafeInteger(value[1])) {
    return { name: value[0], id: value[1] as number };
  }
  throw new ArchiveError('ARCHIVE_QUERY', 'The page cursor is not valid; start again from the first page.');
}

/**
 * Digits typed to find a number, as a LIKE pattern over E.164 addresses. Leading zeros go
 * (a national "0170 12" or international "0049 170" is found inside "+4917012…"), and
 * LIKE's own wildcards cannot appear because only digits are kept.
 */
export function numberPattern(text: string): string | null {
  const digits = text.replace(/[^0-9]/g, '').replace(/^0+/, '');
  return digits.length >= 2 ? `%${digits}%` : null;
}

// Names compare without case (as the list shows them); the id breaks ties between equal names.
// Written as ">= name AND (> name OR > id)" rather than one OR, so that an index on
// (display_name COLLATE NOCASE, id) is searched from the cursor instead of scanned.
const AFTER = `k.display_name >= @name COLLATE NOCASE AND (k.display_name > @name COLLATE NOCASE OR k.id > @id)`;
const IN_GROUP = `(@group IS NULL OR k.id IN (SELECT contact_id FROM group_members WHERE group_id = @group))`;
const BY_NUMBER = `(@number IS NOT NULL AND k.id IN (SELECT contact_id FROM contact_addresses WHERE address LIKE @number))`;
const ORDER = `ORDER BY k.display_name COLLATE NOCASE, k.id LIMIT @limit`;

interface Params {
  name: string;
  id: number;
  group: number | null;
  number: string | null;
  match: string | null;
  limit: number;
}

export class ContactPages {
  readonly #all;
  readonly #byNumber;
  readonly #byNameOrNumber;

  constructor(db: Database) {
    this.#all = db.prepare<Params, ContactRow>(`SELECT k.* FROM contacts k WHERE ${AFTER} AND ${IN_GROUP} ${ORDER}`);
    this.#byNumber = db.prepare<Params, ContactRow>(`SELECT k.* FROM contacts k WHERE ${BY_NUMBER} AND ${AFTER} AND ${IN_GROUP} ${ORDER}`);
    this.#byNameOrNumber = db.prepare<Params, ContactRow>(
      `SELECT k.* FROM contacts k
       WHERE (k.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH @match) OR ${BY_NUMBER})
         AND ${AFTER} AND ${IN_GROUP} ${ORDER}`,
    );
  }

  /** One page of rows and the cursor of the next, or null when this is the last page. */
  page(query: ContactPageQuery): { rows: ContactRow[]; next: string | null } {
    const limit = pageLimit(query.limit);
    const after = query.after === undefined ? { name: '', id: 0 } : decodeNameCursor(query.after);
    const text = query.text?.trim() ?? '';
    const params: Params = {
      name: after.name,
      id: after.id,
      group: query.groupId ?? null,
      number: text === '' ? null : numberPattern(text),
      match: text === '' ? null : toMatchExpression(text, { prefixLast: true }),
      limit: limit + 1,
    };
    let rows: ContactRow[];
    if (text === '') rows = this.#all.all(params);
    else if (params.match !== null) rows = this.#byNameOrNumber.all(params);
    else if (params.number !== null) rows = this.#byNumber.all(params);
    else rows = [];
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { rows: shown, next: rows.length > limit && last ? encodeNameCursor(last.display_name, last.id) : null };
  }
}
