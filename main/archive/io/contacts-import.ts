/**
 * Contacts from vCard 3.0 / 4.0 (RFC 2426, RFC 6350; 2.1 cards from old phones are read as
 * far as they agree) and from CSV exports of address books (Google, Outlook and plain
 * "name,phone" files). Idempotent: a card or row imported before is recognised by the hash
 * of its content, and a card with a UID updates the contact of that UID.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Archive } from '../archive';
import type { ContactInput } from '../contacts';
import { ArchiveError } from '../errors';
import { csvRecords } from './csv-records';
import { ReportBuilder, type ImportOptions, type ImportReport } from './report';
import { openSource, type ImportSource } from './source';

function contentKey(text: string): bigint {
  return createHash('sha256').update(text).digest().readBigInt64BE(0);
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** "item1.TEL;TYPE=CELL,VOICE;PREF=1:+49 170 …" → name TEL, params, raw value. */
export function parseProperty(line: string): Property | undefined {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [rawName = '', ...rawParams] = line.slice(0, colon).split(';');
  const name = (rawName.includes('.') ? rawName.slice(rawName.lastIndexOf('.') + 1) : rawName).toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types: "TEL;CELL:…".
    const key = (eq < 0 ? 'TYPE' : p.slice(0, eq)).toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, '').toLowerCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

/** Undoes vCard text escaping (\\, \, \; \n) in one component. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits at unescaped separators (";" for N and ORG, "," for CATEGORIES). */
function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map(unescapeText);
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

const PHONE_KINDS = ['cell', 'mobile', 'home', 'work', 'main', 'pager', 'fax', 'voice', 'text'];

/** One vCard's lines (unfolded) → a contact, or the reason it cannot be one. */
export function cardToContact(lines: readonly string[]): ContactInput | string {
  let fn: string | null = null;
  let n: string | null = null;
  let org: string | null = null;
  let note: string | null = null;
  let uid: string | undefined;
  const addresses: { value: string; kind: string }[] = [];
  const groups: string[] = [];
  for (const line of lines) {
    const prop = parseProperty(line);
    if (!prop) continue;
    const qp = prop.params.get('ENCODING')?.includes('quoted-printable');
    const value = qp ? decodeQuotedPrintable(prop.value) : prop.value;
    switch (prop.name) {
      case 'FN':
        fn = unescapeText(value).trim();
        break;
      case 'N': {
        const [family = '', given = '', middle = '', prefix = '', suffix = ''] = splitUnescaped(value, ';');
        n = [prefix, given, middle, family, suffix]
          .map((s) => s.trim())
          .filter((s) => s !== '')
          .join(' ');
        break;
      }
      case 'ORG':
        org = splitUnescaped(value, ';')[0]?.trim() || null;
        break;
      case 'NOTE':
        note = unescapeText(value);
        break;
      case 'UID':
        uid = value.trim() || undefined;
        break;
      case 'CATEGORIES':
        groups.push(
          ...splitUnescaped(value, ',')
            .map((g) => g.trim())
            .filter((g) => g !== ''),
        );
        break;
      case 'TEL': {
        // vCard 4.0 may write a tel: URI; ";ext=" is not part of an SMS address.
        const number = value.replace(/^tel:/i, '').split(';')[0]?.trim() ?? '';
        if (number === '') break;
        const kind = (prop.params.get('TYPE') ?? []).find((t) => PHONE_KINDS.includes(t)) ?? 'other';
        addresses.push({ value: number, kind: kind === 'cell' ? 'mobile' : kind });
        break;
      }
      default:
        break;
    }
  }
  const displayName = fn || n || org || addresses[0]?.value || '';
  if (displayName === '') return 'The card has neither a name nor a phone number.';
  return { uid, displayName, organization: org, note, addresses, groups };
}

/** The `skipped` reason of a card or row that updated the contact of its UID (not a new one). */
export const UPDATED_BY_UID = 'updated an existing contact of the same UID';

function applyContact(archive: Archive, builder: ReportBuilder, input: ContactInput, where: { record: number; line: number }): void {
  try {
    const { created, changed } = archive.contacts.upsert(input);
    if (created) builder.report.imported++;
    else if (!changed) builder.report.duplicates++;
    else builder.skip(UPDATED_BY_UID);
  } catch (err) {
    builder.issue({ ...where, reason: err instanceof ArchiveError ? err.message : `the archive refused it (${String(err)})` });
  }
}

/** Imports every card of a .vcf file (one or many cards, vCard 2.1, 3.0 or 4.0). */
export async function importVcards(archive: Archive, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const opened = openSource(source);
  const builder = new ReportBuilder(options, opened.totalBytes);
  let lineNo = 0;
  let card: string[] | null = null;
  let cardLine = 0;
  let logical: string | null = null;
  const finishLogical = () => {
    if (logical !== null && card !== null) card.push(logical);
    logical = null;
  };
  const finishCard = () => {
    if (card === null) return;
    builder.report.records++;
    const where = { record: builder.report.records, line: cardLine };
    const parsed = cardToContact(card);
    if (typeof parsed === 'string') builder.issue({ ...where, reason: parsed });
    else applyContact(archive, builder, { ...parsed, importKey: contentKey(card.join('\n')) }, where);
    card = null;
    if (builder.report.records % 500 === 0) builder.progress(opened.bytesRead());
  };
  for await (const raw of createInterface({ input: Readable.from(opened.chunks), crlfDelay: Infinity })) {
    lineNo++;
    // Folded lines (RFC 6350 §3.2) continue with one space or tab; 2.1 quoted-printable soft breaks end with "=".
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical !== null) {
      logical += raw.slice(1);
      continue;
    }
    if (logical !== null && /ENCODING=QUOTED-PRINTABLE/i.test(logical) && logical.endsWith('=')) {
      logical = logical.slice(0, -1) + raw;
      continue;
    }
    finishLogical();
    const line = raw.trim();
    if (/^BEGIN:VCARD$/i.test(line)) {
      if (card !== null) {
        builder.report.records++;
        builder.issue({ record: builder.report.records, line: cardLine, reason: 'The card has no END:VCARD before the next card.' });
      }
      card = [];
      cardLine = lineNo;
    } else if (/^END:VCARD$/i.test(line)) {
      if (card === null) builder.issue({ record: builder.report.records + 1, line: lineNo, reason: 'END:VCARD without BEGIN:VCARD.' });
      finishCard();
    } else if (card !== null && line !== '') {
      logical = line;
    }
  }
  finishLogical();
  if (card !== null) {
    builder.report.records++;
    builder.issue({ record: builder.report.records, line: cardLine, reason: 'The file ends inside a card (no END:VCARD).' });
  }
  builder.progress(opened.bytesRead());
  return builder.report;
}

const NAME = /^(name|display ?name|full ?name|contact|kontakt)$/i;
const GIVEN = /^(first ?name|given ?name|vorname)$/i;
const FAMILY = /^(last ?name|family ?name|surname|nachname)$/i;
const PHONE = /(phone|mobile|handy|tel|number|nummer|cell)/i;
const GROUP = /^(groups?|group membership|categor(y|ies)|labels?|gruppen?)$/i;
const ORG = /^(organi[sz]ation( 1)?( - name| name)?|company|firma)$/i;
const NOTE = /^(notes?|notiz)$/i;

/**
 * A CSV of contacts with a header row. Columns are recognised by name: a name column (or
 * first + last name), any number of phone columns (Google's "Phone 1 - Value" too, whose
 * cells may hold several numbers separated by ":::"), groups/labels, organisation, notes.
 */
export async function importContactsCsv(archive: Archive, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const opened = openSource(source);
  const builder = new ReportBuilder(options, opened.totalBytes);
  for await (const item of csvRecords(source, opened)) {
    builder.report.records++;
    if (item.kind === 'error') {
      builder.issue({ record: item.index, line: item.line, reason: item.reason });
      continue;
    }
    const r = item.record;
    const keys = Object.keys(r);
    const pick = (re: RegExp) => keys.filter((k) => re.test(k)).map((k) => (r[k] ?? '').trim());
    const given = pick(GIVEN)[0] ?? '';
    const family = pick(FAMILY)[0] ?? '';
    const phones = keys
      .filter((k) => PHONE.test(k) && !/type|label/i.test(k))
      .flatMap((k) => (r[k] ?? '').split(':::'))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    const groups = pick(GROUP)
      .flatMap((v) => v.split(':::'))
      .map((g) => g.replace(/^\*\s*/, '').trim())
      .filter((g) => g !== '' && g !== 'myContacts');
    const organization = pick(ORG)[0] || null;
    const displayName =
      pick(NAME).find((v) => v !== '') || [given, family].filter((v) => v !== '').join(' ') || organization || phones[0] || '';
    const where = { record: item.index, line: item.line };
    if (displayName === '') {
      builder.issue({ ...where, reason: 'The row has neither a name nor a phone number.' });
      continue;
    }
    const input: ContactInput = {
      displayName,
      organization,
      note: pick(NOTE)[0] || null,
      addresses: phones.map((value) => ({ value, kind: 'other' })),
      groups,
      importKey: contentKey(JSON.stringify(keys.map((k) => [k, r[k]]))),
    };
    applyContact(archive, builder, input, where);
    if (builder.report.records % 500 === 0) builder.progress(opened.bytesRead());
  }
  builder.progress(opened.bytesRead());
  return builder.report;
}
