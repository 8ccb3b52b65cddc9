/**
 * SMS replies and indications in PDU mode (TS 27.005): +CMGR and +CMGL headers with
 * their PDU lines, +CMTI/+CDSI, +CMT/+CDS headers, +CMGS.
 */
import { after, int, isQuoted, splitFields, unquote } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

/** <stat> in PDU mode (§3.1): 0 received unread, 1 received read, 2 stored unsent, 3 stored sent, 4 all. */
export type MessageStatus = 'received-unread' | 'received-read' | 'stored-unsent' | 'stored-sent' | 'all';
const STATUS: readonly MessageStatus[] = ['received-unread', 'received-read', 'stored-unsent', 'stored-sent', 'all'];
const TEXT_STATUS: Record<string, number> = { 'REC UNREAD': 0, 'REC READ': 1, 'STO UNSENT': 2, 'STO SENT': 3, ALL: 4 };

function stat(token: string | undefined): number | undefined {
  const n = int(token);
  if (n !== undefined) return n >= 0 && n <= 4 ? n : undefined;
  return TEXT_STATUS[unquote(token).toUpperCase()];
}

const HEX = /^[0-9A-Fa-f]+$/;

export interface StoredMessageHeader {
  readonly stat: number;
  readonly status: MessageStatus;
  /** Phone book name of the sender; usually empty. */
  readonly alpha?: string;
  /** TPDU length in octets (without the SMSC part). */
  readonly length: number;
}

export interface StoredMessage extends StoredMessageHeader {
  /** Storage index (+CMGL only). */
  readonly index?: number;
  /** The PDU in hex, SMSC address included. */
  readonly pdu: string;
}

/**
 * Reads "<stat>,[<alpha>],<length>" or, from modems that leave the alpha out,
 * "<stat>,<length>". A PDU glued to the header after a blank is returned too.
 */
function header(fields: readonly string[]): (StoredMessageHeader & { glued?: string }) | undefined {
  if (fields.length < 2 || fields.length > 3) return undefined;
  const s = stat(fields[0]);
  let lengthField = fields[fields.length - 1] ?? '';
  let glued: string | undefined;
  const parts = lengthField.split(/\s+/);
  if (parts.length === 2 && HEX.test(parts[1] ?? '')) {
    lengthField = parts[0] ?? '';
    glued = parts[1];
  }
  const length = int(lengthField);
  if (s === undefined || length === undefined || length < 0) return undefined;
  const alphaField = fields.length === 3 ? fields[1] : undefined;
  const alpha = alphaField !== undefined && (isQuoted(alphaField) || alphaField !== '') ? unquote(alphaField) : undefined;
  return { stat: s, status: STATUS[s] as MessageStatus, ...(alpha ? { alpha } : {}), length, ...(glued ? { glued } : {}) };
}

/** "+CMGR: 0,,23" / "+CMGR: 0,"",50" (Telit HE910) / "+CMGR: ,,25" (no status: ZTE status report). */
export function parseCmgrHeader(line: string): ParseResult<StoredMessageHeader & { readonly pdu?: string }> {
  return guard('+CMGR', line, () => {
    const body = after(line, '+CMGR');
    if (body === undefined) return fail('+CMGR', line);
    const fields = splitFields(body);
    // ZTE modems leave <stat> empty when reading from "SR".
    if (fields[0] === '') fields[0] = '0';
    const h = header(fields);
    if (!h) return fail('+CMGR', line);
    const { glued, ...rest } = h;
    return ok(glued ? { ...rest, pdu: glued } : rest);
  });
}

/** The lines of an AT+CMGR=<index> reply: the header and its PDU. */
export function parseCmgr(lines: readonly string[]): ParseResult<StoredMessage> {
  const joined = lines.join('\n');
  return guard('+CMGR', joined, () => {
    const at = lines.findIndex((l) => after(l, '+CMGR') !== undefined);
    if (at < 0) return fail('+CMGR', joined);
    const h = parseCmgrHeader(lines[at] ?? '');
    if (!h.ok) return h;
    const pdu = h.value.pdu ?? lines[at + 1]?.trim();
    if (pdu === undefined || !HEX.test(pdu)) return fail('+CMGR PDU', joined);
    return ok({ ...h.value, pdu });
  });
}

/** "+CMGL: 0,1,,147" / "+CMGL: 17,3,35" (Pantech, no alpha field). */
export function parseCmglHeader(line: string): ParseResult<StoredMessageHeader & { readonly index: number }> {
  return guard('+CMGL', line, () => {
    const body = after(line, '+CMGL');
    if (body === undefined) return fail('+CMGL', line);
    const [first, ...rest] = splitFields(body);
    const index = int(first);
    const h = header(rest);
    if (index === undefined || index < 0 || !h) return fail('+CMGL', line);
    const { glued: _glued, ...value } = h;
    return ok({ index, ...value });
  });
}

export interface MessageList {
  readonly messages: readonly StoredMessage[];
  /** Lines that could not be read (a header without PDU, a broken header): log them, lose nothing silently. */
  readonly skipped: readonly string[];
}

/** The lines of an AT+CMGL=4 reply: header, PDU, header, PDU, ... */
export function parseCmgl(lines: readonly string[]): ParseResult<MessageList> {
  const joined = lines.join('\n');
  return guard('+CMGL', joined, () => {
    const messages: StoredMessage[] = [];
    const skipped: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (after(line, '+CMGL') === undefined) {
        skipped.push(line);
        continue;
      }
      const h = parseCmglHeader(line);
      const next = lines[i + 1]?.trim();
      if (h.ok && next !== undefined && HEX.test(next)) {
        messages.push({ ...h.value, pdu: next });
        i++;
      } else {
        skipped.push(line);
      }
    }
    return ok({ messages, skipped });
  });
}

export interface StorageIndex {
  readonly storage: string;
  readonly index: number;
}

function storageIndex(prefix: string, line: string): ParseResult<StorageIndex> {
  return guard(prefix, line, () => {
    const body = after(line, prefix);
    if (body === undefined) return fail(prefix, line);
    const [mem, idx] = splitFields(body);
    const storage = unquote(mem);
    const index = int(idx);
    if (storage === '' || index === undefined || index < 0) return fail(prefix, line);
    return ok({ storage, index });
  });
}

/** "+CMTI: "SM",3": a message was stored. */
export const parseCmti = (line: string): ParseResult<StorageIndex> => storageIndex('+CMTI', line);
/** "+CDSI: "SR",50": a status report was stored. */
export const parseCdsi = (line: string): ParseResult<StorageIndex> => storageIndex('+CDSI', line);

/** "+CMT: [<alpha>],<length>": the header of a message routed straight to us (PDU on the next line). */
export function parseCmtHeader(line: string): ParseResult<{ readonly alpha?: string; readonly length: number }> {
  return guard('+CMT', line, () => {
    const body = after(line, '+CMT');
    if (body === undefined) return fail('+CMT', line);
    const f = splitFields(body);
    const length = int(f[f.length - 1]);
    if (length === undefined || length < 0 || f.length > 2) return fail('+CMT', line);
    const alpha = f.length === 2 ? unquote(f[0]) : '';
    return ok(alpha ? { alpha, length } : { length });
  });
}

/** "+CDS: <length>": the header of a status report routed straight to us. */
export function parseCdsHeader(line: string): ParseResult<{ readonly length: number }> {
  return guard('+CDS', line, () => {
    const length = int(after(line, '+CDS'));
    if (length === undefined || length < 0) return fail('+CDS', line);
    return ok({ length });
  });
}

/** "+CMGS: <mr>[,<scts>]": the message reference the network gave the sent part. */
export function parseCmgs(line: string): ParseResult<{ readonly mr: number; readonly scts?: string }> {
  return guard('+CMGS', line, () => {
    const body = after(line, '+CMGS');
    if (body === undefined) return fail('+CMGS', line);
    const [m, s] = splitFields(body);
    const mr = int(m);
    if (mr === undefined || mr < 0 || mr > 255) return fail('+CMGS', line);
    const scts = s !== undefined && s !== '' ? unquote(s) : undefined;
    return ok(scts ? { mr, scts } : { mr });
  });
}
