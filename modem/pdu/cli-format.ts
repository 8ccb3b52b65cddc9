/**
 * Line-level JSON for `smsdesk pdu decode|encode` (the CLI owns I/O; these are pure).
 * One input line in, one JSON object out, `ok` false when the line failed.
 */
import type { MessageClass } from './dcs';
import { decodePdu } from './decode';
import { assertNever, PduDecodeError, PduEncodeError } from './errors';
import { bytesToHex, hexToBytes } from './hex';
import { NATIONAL_LANGUAGES, nationalLanguageName, type NationalLanguage } from './national/index';
import { encodeSubmit, type SubmitOptions } from './submit';
import type { DecodedPdu } from './types';
import type { UserData } from './user-data';
import type { Validity } from './validity';

export interface LineResult {
  readonly json: object;
  readonly ok: boolean;
}

function userDataFields(ud: UserData | null): Record<string, unknown> {
  if (!ud) return { text: null, encoding: null, concat: null };
  const out: Record<string, unknown> = {
    text: ud.text,
    encoding: ud.encoding,
    concat: ud.concat ? { ref: ud.concat.ref, part: ud.concat.part, total: ud.concat.total } : null,
  };
  if (ud.encoding === '8bit' || ud.unsupported) out.data = bytesToHex(ud.payload);
  if (ud.unsupported) out.unsupported = ud.unsupported;
  if (ud.ports) out.ports = { destination: ud.ports.destination, source: ud.ports.source };
  if (ud.lockingShift || ud.singleShift) {
    out.language = { locking: nationalLanguageName(ud.lockingShift), single: nationalLanguageName(ud.singleShift) };
  }
  return out;
}

/** The JSON the CLI prints for one decoded PDU. */
export function decodedToJson(m: DecodedPdu): Record<string, unknown> {
  const smsc = m.smsc ? m.smsc.text : null;
  switch (m.type) {
    case 'deliver':
    case 'submit': {
      const ud = userDataFields(m.userData);
      const out: Record<string, unknown> = {
        type: m.type,
        smsc,
        address: m.address.text,
        text: ud.text,
        encoding: ud.encoding,
        class: m.dcs.messageClass,
        timestamp: m.type === 'deliver' ? m.timestamp.iso : null,
        concat: ud.concat,
      };
      if (m.type === 'submit') out.reference = m.messageReference;
      for (const k of ['data', 'unsupported', 'ports', 'language']) if (k in ud) out[k] = ud[k];
      if (m.dcs.waiting) out.waiting = m.dcs.waiting;
      return out;
    }
    case 'status-report': {
      const ud = userDataFields(m.userData);
      return {
        type: m.type,
        smsc,
        address: m.address.text,
        text: ud.text,
        encoding: ud.encoding,
        class: m.dcs?.messageClass ?? null,
        timestamp: m.serviceCentreTime.iso,
        concat: ud.concat,
        reference: m.messageReference,
        status: m.status,
        outcome: m.outcome,
        dischargeTime: m.dischargeTime.iso,
      };
    }
    default:
      return assertNever(m);
  }
}

/** `smsdesk pdu decode`: one hex PDU (whitespace ignored) to one JSON object. */
export function decodeLineToJson(line: string): LineResult {
  try {
    const hex = line.replace(/\s+/g, '');
    return { json: decodedToJson(decodePdu(hex)), ok: true };
  } catch (e) {
    if (e instanceof PduDecodeError) return { json: { error: { code: e.code, message: e.message, offset: e.offset } }, ok: false };
    // Decoding throws only PduDecodeError; anything else is a bug and must not be hidden.
    throw e;
  }
}

const ENCODE_KEYS = new Set([
  'to',
  'text',
  'data',
  'encoding',
  'languages',
  'statusReport',
  'validity',
  'class',
  'flash',
  'rejectDuplicates',
  'replyPath',
  'ports',
  'reference',
  'concat16',
  'smsc',
  'pid',
]);

function bad(message: string): PduEncodeError {
  return new PduEncodeError('bad-option', message);
}

function bool(v: unknown, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw bad(`${name} must be true or false`);
  return v;
}

function int(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(`${name} must be an integer`);
  return v;
}

function validityOf(v: unknown): Validity | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return { type: 'relative', minutes: v };
  if (typeof v !== 'object' || v === null) throw bad('validity must be minutes or an object');
  const o = v as Record<string, unknown>;
  switch (o.type) {
    case 'relative':
      return { type: 'relative', minutes: int(o.minutes, 'validity.minutes') ?? 0 };
    case 'absolute': {
      if (typeof o.date !== 'string') throw bad('validity.date must be an ISO 8601 string');
      return { type: 'absolute', date: new Date(o.date), offsetMinutes: int(o.offsetMinutes, 'validity.offsetMinutes') ?? 0 };
    }
    case 'enhanced':
      return {
        type: 'enhanced',
        seconds: int(o.seconds, 'validity.seconds') ?? 0,
        singleShot: bool(o.singleShot, 'validity.singleShot') ?? false,
      };
    default:
      throw bad('validity.type must be relative, absolute or enhanced');
  }
}

function optionsOf(input: unknown): SubmitOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw bad('Each line must be a JSON object');
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!ENCODE_KEYS.has(k)) throw bad(`Unknown option "${k}"`);
  if (typeof o.to !== 'string') throw bad('"to" must be a string');
  if (o.text !== undefined && typeof o.text !== 'string') throw bad('"text" must be a string');
  let data: Uint8Array | undefined;
  if (o.data !== undefined) {
    if (typeof o.data !== 'string') throw bad('"data" must be hex');
    try {
      data = hexToBytes(o.data);
    } catch {
      throw bad('"data" must be hex');
    }
  }
  const enc = o.encoding;
  if (enc !== undefined && enc !== 'auto' && enc !== 'gsm7' && enc !== 'ucs2') throw bad('encoding must be auto, gsm7 or ucs2');
  let languages: NationalLanguage[] | undefined;
  if (o.languages !== undefined) {
    if (!Array.isArray(o.languages)) throw bad('languages must be a list');
    languages = o.languages.map((l) => {
      if (typeof l !== 'string' || !(NATIONAL_LANGUAGES as readonly string[]).includes(l)) throw bad(`Unknown language ${String(l)}`);
      return l as NationalLanguage;
    });
  }
  const cls = int(o.class, 'class');
  if (cls !== undefined && (cls < 0 || cls > 3)) throw bad('class must be 0-3');
  let ports: SubmitOptions['ports'];
  if (o.ports !== undefined) {
    if (typeof o.ports !== 'object' || o.ports === null) throw bad('ports must be {destination, source}');
    const p = o.ports as Record<string, unknown>;
    const bits = int(p.bits, 'ports.bits');
    if (bits !== undefined && bits !== 8 && bits !== 16) throw bad('ports.bits must be 8 or 16');
    ports = { destination: int(p.destination, 'ports.destination') ?? -1, source: int(p.source, 'ports.source') ?? 0, bits: bits ?? 16 };
  }
  const smsc = o.smsc;
  if (smsc !== undefined && typeof smsc !== 'string') throw bad('smsc must be a string');
  return {
    to: o.to,
    ...(o.text !== undefined ? { text: o.text as string } : {}),
    ...(data !== undefined ? { data } : {}),
    encoding: enc ?? 'auto',
    languages: languages ?? [],
    statusReport: bool(o.statusReport, 'statusReport') ?? false,
    ...(o.validity !== undefined ? { validity: validityOf(o.validity)! } : {}),
    messageClass: (cls ?? null) as MessageClass | null,
    flash: bool(o.flash, 'flash') ?? false,
    rejectDuplicates: bool(o.rejectDuplicates, 'rejectDuplicates') ?? false,
    replyPath: bool(o.replyPath, 'replyPath') ?? false,
    ...(ports ? { ports } : {}),
    reference: int(o.reference, 'reference') ?? 0,
    concat16: bool(o.concat16, 'concat16') ?? false,
    ...(smsc !== undefined ? { smsc } : {}),
    pid: int(o.pid, 'pid') ?? 0,
  };
}

/** `smsdesk pdu encode`: one JSON object `{to, text, ...options}` to `{parts, encoding, segments}`. */
export function encodeLineToJson(line: string): LineResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    return { json: { error: { code: 'bad-json', message: e instanceof Error ? e.message : 'Not JSON' } }, ok: false };
  }
  try {
    const r = encodeSubmit(optionsOf(parsed));
    return {
      json: { parts: r.parts.map((p) => ({ hex: p.hex, tpduLength: p.tpduLength })), encoding: r.encoding, segments: r.segments },
      ok: true,
    };
  } catch (e) {
    if (e instanceof PduEncodeError) return { json: { error: { code: e.code, message: e.message } }, ok: false };
    throw e;
  }
}
