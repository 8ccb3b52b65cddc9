/**
 * Bulk sends: one template, many recipients (a contact group, or a CSV file whose header row
 * names the fields). `previewBulk` merges and plans every message without queueing anything;
 * `startBulk` stores the job (main/archive/bulk-jobs.ts); a station's `BulkFeeder` hands its
 * recipients to the outbox a few at a time, so pause, resume and cancel act at once.
 */
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Archive, BulkJob, Contact, Message } from '../archive/index';
import { MAX_PARTS, planText } from '../../modem/pdu/index';
import { StationError } from './errors';
import { fieldKey, mergeTemplate, parseTemplate } from './bulk-template';

export type BulkSource =
  /** CSV text with a header row; the numbers are in `numberColumn`, else a column named like NUMBER_COLUMNS. */
  | { readonly kind: 'csv'; readonly text: string; readonly name?: string; readonly numberColumn?: string }
  /** The members of a contact group (fields: name, organization, number). */
  | { readonly kind: 'group'; readonly name: string };

export interface BulkRequest {
  readonly template: string;
  readonly source: BulkSource;
  readonly flash?: boolean;
}

export interface BulkStartRequest extends BulkRequest {
  /** Shown in lists; default the source ("file list.csv", "group Customers"). */
  readonly name?: string;
  /** Messages of the job waiting unclaimed in the outbox at most (default 2). */
  readonly window?: number;
  /** Leave rows with errors out instead of refusing to start. */
  readonly skipInvalid?: boolean;
}

export type BulkRowErrorCode = 'bad-number' | 'missing-field' | 'duplicate' | 'too-long' | 'unreadable';

export interface BulkRowError {
  /** Line of the CSV file where the row starts (the header is line 1), or position in the group. */
  readonly row: number;
  readonly code: BulkRowErrorCode;
  readonly message: string;
  readonly field?: string;
}

export interface BulkPreviewRow {
  readonly row: number;
  /** The number, normalised (E.164 when the country is known). */
  readonly to: string;
  readonly text: string;
  readonly parts: number;
  readonly encoding: 'gsm7' | 'ucs2';
  /** Characters that force UCS-2 (fewer characters per part), in order of appearance. */
  readonly nonGsmChars: readonly string[];
}

export interface BulkPreview {
  /** The source in words: "file list.csv", "group Customers". */
  readonly source: string;
  /** Fields the source offers, as named there. */
  readonly fields: readonly string[];
  readonly recipients: readonly BulkPreviewRow[];
  readonly errors: readonly BulkRowError[];
  /** Problems of the template or the source as a whole; nothing can start until they are fixed. */
  readonly problems: readonly string[];
  /** SMS the whole send costs (sum of parts). */
  readonly totalParts: number;
}

/** Header names taken as the number column (compared without regard to case). */
export const NUMBER_COLUMNS = ['number', 'phone', 'mobile', 'to', 'tel', 'telephone', 'cell', 'msisdn', 'recipient', 'phone number'];
/** More rows than an office sends in a day; a bigger file is most likely the wrong one. */
export const MAX_BULK_ROWS = 100_000;

interface SourceRow {
  readonly row: number;
  readonly number: string;
  readonly values: ReadonlyMap<string, string>;
}

interface SourceRows {
  readonly description: string;
  readonly fields: readonly string[];
  readonly rows: readonly SourceRow[];
  readonly errors: readonly BulkRowError[];
  readonly problems: readonly string[];
}

/** Merges and plans every message of a bulk send; queues nothing. */
export function previewBulk(archive: Archive, request: BulkRequest): BulkPreview {
  const source = request.source.kind === 'csv' ? csvRows(request.source) : groupRows(archive, request.source.name);
  const problems = [...source.problems];
  const parsed = parseTemplate(request.template);
  if (!parsed.ok) problems.push(parsed.message);
  else if (parsed.template.segments.length === 0) problems.push('The message is empty.');
  else {
    const known = new Set(source.fields.map(fieldKey));
    for (const field of parsed.template.fields) {
      if (!known.has(fieldKey(field)))
        problems.push(`The template uses {${field}}, but the ${source.description} has no field "${field}".`);
    }
  }
  if (problems.length > 0 || !parsed.ok) {
    return { source: source.description, fields: source.fields, recipients: [], errors: source.errors, problems, totalParts: 0 };
  }
  const errors: BulkRowError[] = [...source.errors];
  const recipients: BulkPreviewRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of source.rows) {
    const number = checkNumber(archive, r.number);
    if (!number.ok) errors.push({ row: r.row, code: 'bad-number', message: number.message });
    const merged = mergeTemplate(parsed.template, r.values);
    if (!merged.ok) {
      for (const field of merged.missing)
        errors.push({ row: r.row, code: 'missing-field', field, message: `The field "${field}" is empty.` });
      continue;
    }
    const plan = planText(merged.text);
    if (plan.parts > MAX_PARTS) {
      errors.push({ row: r.row, code: 'too-long', message: `The message needs ${plan.parts} parts; at most ${MAX_PARTS} are possible.` });
      continue;
    }
    if (!number.ok) continue;
    // The later row is the error: the first one that can be sent keeps the number.
    const first = firstRowOf.get(number.to);
    if (first !== undefined) {
      errors.push({ row: r.row, code: 'duplicate', message: `${number.to} is also on row ${first}.` });
      continue;
    }
    firstRowOf.set(number.to, r.row);
    recipients.push({
      row: r.row,
      to: number.to,
      text: merged.text,
      parts: plan.parts,
      encoding: plan.encoding === 'ucs2' ? 'ucs2' : 'gsm7',
      nonGsmChars: plan.nonGsmChars,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  if (recipients.length === 0 && errors.length === 0) problems.push(`The ${source.description} has no recipients.`);
  const totalParts = recipients.reduce((n, r) => n + r.parts, 0);
  return { source: source.description, fields: source.fields, recipients, errors, problems, totalParts };
}

/**
 * Stores a bulk send (every recipient with its merged text) as a running job; a station
 * sends it. Refuses, with the reasons in words, when the template or source has a problem,
 * or when rows have errors and `skipInvalid` is not set.
 */
export function startBulk(archive: Archive, request: BulkStartRequest): { job: BulkJob; preview: BulkPreview } {
  const preview = previewBulk(archive, request);
  if (preview.problems.length > 0) throw new StationError('STATION_INVALID', preview.problems.join(' '));
  const badRows = new Set(preview.errors.map((e) => e.row));
  if (badRows.size > 0 && !request.skipInvalid) {
    const first = preview.errors[0]!;
    const more = preview.errors.length > 1 ? ` (and ${preview.errors.length - 1} more)` : '';
    throw new StationError(
      'STATION_INVALID',
      `${badRows.size} row(s) have errors: row ${first.row}: ${first.message}${more} Fix them, or leave them out.`,
    );
  }
  if (preview.recipients.length === 0) throw new StationError('STATION_INVALID', `The ${preview.source} has no row that can be sent.`);
  const job = archive.bulkJobs.create({
    name: request.name ?? preview.source,
    source: preview.source,
    template: request.template,
    flash: request.flash ?? false,
    ...(request.window !== undefined ? { window: request.window } : {}),
    skipped: badRows.size,
    recipients: preview.recipients.map((r) => ({ row: r.row, to: r.to, body: r.text, encoding: r.encoding, partCount: r.parts })),
  });
  return { job, preview };
}

export interface BulkHooks {
  /** A message of a bulk send went into the outbox. */
  queued(message: Message): void;
  log(level: 'info' | 'warn' | 'error', text: string): void;
}

/** The station's side: hands recipients of running jobs to the outbox on every poll. */
export class BulkFeeder {
  readonly #archive: Archive;
  readonly #hooks: BulkHooks;
  #lastError: string | undefined;

  constructor(archive: Archive, hooks: BulkHooks) {
    this.#archive = archive;
    this.#hooks = hooks;
  }

  feed(): void {
    try {
      for (const message of this.#archive.bulkJobs.feed()) this.#hooks.queued(message);
      this.#lastError = undefined;
    } catch (error) {
      // Said once, not on every poll while the cause lasts.
      const text = `Bulk sends are held up: ${(error as Error).message}`;
      if (text !== this.#lastError) this.#hooks.log('error', text);
      this.#lastError = text;
    }
  }
}

function checkNumber(archive: Archive, raw: string): { ok: true; to: string } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'The number is empty.' };
  let to: string;
  try {
    to = archive.addresses.normalise(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  // TP-DA holds at most 20 digits (TS 23.040 §9.1.2.5); letters cannot be dialled.
  if (!/^\+?[0-9]{3,20}$/.test(to)) return { ok: false, message: `"${text}" is not a phone number.` };
  if (to.startsWith('+') && !parsePhoneNumberFromString(to)?.isPossible()) {
    return { ok: false, message: `"${text}" is not a possible phone number.` };
  }
  return { ok: true, to };
}

function csvRows(source: Extract<BulkSource, { kind: 'csv' }>): SourceRows {
  const description = source.name ? `file ${source.name}` : 'list';
  const errors: BulkRowError[] = [];
  let header: string[] = [];
  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parse(source.text, {
      delimiter: sniffDelimiter(source.text),
      columns: (names: string[]) => (header = names.map((h) => h.trim())),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      skip_records_with_error: true,
      // A stray quote inside a cell ("a"b) is kept as text, as spreadsheets write it.
      relax_quotes: true,
      on_skip: (error: { message?: string; lines?: number } | undefined, raw?: string) => {
        const end = error?.lines ?? 0;
        const start = raw === undefined ? end : startLine(raw, end);
        const span = end > start ? ` (lines ${start} to ${end} are not read)` : '';
        errors.push({
          row: start,
          code: 'unreadable',
          message: `The row cannot be read as CSV: ${error?.message ?? 'malformed'}${span}`,
        });
        return undefined;
      },
    }) as unknown as typeof records;
  } catch (error) {
    return {
      description,
      fields: [],
      rows: [],
      errors,
      problems: [`The ${description} cannot be read as CSV: ${(error as Error).message}`],
    };
  }
  if (header.length === 0) return { description, fields: [], rows: [], errors, problems: [`The ${description} is empty.`] };
  const wanted = source.numberColumn !== undefined ? [fieldKey(source.numberColumn)] : NUMBER_COLUMNS;
  const numberColumn = wanted.map((w) => header.find((h) => fieldKey(h) === w)).find((h) => h !== undefined);
  if (numberColumn === undefined) {
    const problem =
      source.numberColumn !== undefined
        ? `The ${description} has no column "${source.numberColumn}".`
        : `No column of the ${description} holds the numbers; name it "number", "phone" or "to".`;
    return { description, fields: header, rows: [], errors, problems: [problem] };
  }
  if (records.length > MAX_BULK_ROWS) {
    return { description, fields: header, rows: [], errors, problems: [`The ${description} has more than ${MAX_BULK_ROWS} rows.`] };
  }
  const rows: SourceRow[] = [];
  for (const { record, raw, info } of records) {
    // A row of empty cells (",,," as spreadsheets write blank lines) is a blank line, not a recipient.
    if (Object.values(record).every((v) => v === undefined || v.trim() === '')) continue;
    const values = new Map<string, string>();
    for (const [k, v] of Object.entries(record)) if (v !== undefined) values.set(fieldKey(k), v);
    rows.push({ row: startLine(raw, info.lines), number: record[numberColumn] ?? '', values });
  }
  return { description, fields: header, rows, errors, problems: [] };
}

/**
 * Spreadsheets write ";" where the decimal mark is a comma (Excel in Germany, France, …) and
 * tabs when copied; the header line, which names the columns, says which one this file uses.
 */
export function sniffDelimiter(text: string): string {
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = header.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/**
 * csv-parse counts the line a record ends on; people look for the line it starts on. The raw
 * text of a record holds the blank lines skipped before it and the line break after it.
 */
function startLine(raw: string, endLine: number): number {
  const body = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function groupRows(archive: Archive, name: string): SourceRows {
  const description = `group ${name}`;
  const fields = ['name', 'organization', 'number'];
  const group = archive.groups.list().find((g) => fieldKey(g.name) === fieldKey(name));
  if (!group) return { description, fields, rows: [], errors: [], problems: [`There is no group "${name}".`] };
  const rows: SourceRow[] = [];
  archive.groups.memberIds(group.id).forEach((id, i) => {
    const contact = archive.contacts.get(id);
    if (!contact) return;
    const number = mobileOf(contact);
    const values = new Map([
      ['name', contact.displayName],
      ['organization', contact.organization ?? ''],
      ['number', number],
    ]);
    rows.push({ row: i + 1, number, values });
  });
  return { description: `group ${group.name}`, fields, rows, errors: [], problems: [] };
}

/** The contact's mobile number, else its first address; '' when it has none. */
function mobileOf(contact: Contact): string {
  const mobile = contact.addresses.find((a) => /mobile|cell/i.test(a.kind));
  return (mobile ?? contact.addresses[0])?.raw ?? '';
}
