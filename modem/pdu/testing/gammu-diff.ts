/**
 * Differential comparison against libgammu (through scripts/pdu/gammu_oracle.py).
 * Shared by the vitest test and `scripts/pdu/gammu-diff.ts`; pure except for the `ask` callback.
 */
import { decodePdu } from '../decode';
import { assemble } from '../reassembly';
import { encodeSubmit } from '../submit';
import type { SmsDeliver, SmsSubmit } from '../types';
import { rng, type CorpusMessage } from './corpus';

export interface GammuPart {
  type: string;
  number: string;
  text: string | null;
  class: number;
  coding: string;
  udh: { type: string; id8: number; id16: number; part: number; all: number };
}
export type OracleAnswer = { parts: GammuPart[]; text: string | null } | { pdus: string[] } | { error: string };

export const GAMMU_VALIDITY: Readonly<Record<number, string>> = { 60: '1H', 360: '6H', 1440: '1D', 4320: '3D', 10080: '1W' };

/**
 * Differences that are libgammu's, each with the clause that makes SMSDesk's side right
 * (also in modem/pdu/README.md). Anything else found is a mismatch.
 */
export const EXPLAINED: Readonly<Record<string, string>> = {
  'gammu-nul-padding':
    "libgammu's per-part GSM text runs one character per septet, so each escape pair leaves a NUL (and stale buffer bytes) at the end; an escape pair is one character (TS 23.038 §6.2.1.1).",
  'gammu-tilde-ucs2':
    "libgammu treats '~' as its own escape in UCS-2 text: EncodeSMS writes U+0001 for it and DecodePDU reads U+007E as '~~'; UCS-2 carries U+007E as is (TS 23.038 §6.2.3).",
  'gammu-more-parts':
    'libgammu sometimes spends an extra part to keep a flag or emoji sequence whole; any split is valid (TS 23.040 §9.2.3.24.1) and SMSDesk keeps surrogate pairs whole always, symbols whole when it costs no part, and otherwise sends fewer parts.',
  'gammu-status-reserved':
    "For TP-ST values TS 23.040 §9.2.3.15 leaves reserved, libgammu answers Unknown (0x03-0x1F) or its group's meaning and ignores bit 7; SMSDesk follows the clause: reserved values are read as 'service rejected' (failed), SC-specific ones (0x10-0x1F of each group) keep their group's meaning.",
  'gammu-00-prefix':
    "libgammu rewrites a leading '00' to TON international; SMSDesk sends the digits as typed with TON unknown, which TS 23.040 §9.1.2.5 allows and the network dials the same way.",
};

export interface Difference {
  readonly kind: string;
  readonly detail: string;
  readonly message: CorpusMessage;
}

export function encodeOurs(m: CorpusMessage) {
  return encodeSubmit({
    to: m.to,
    text: m.text,
    statusReport: m.statusReport,
    messageClass: m.messageClass,
    concat16: m.concat16,
    reference: m.reference,
    ...(m.validityMinutes !== null ? { validity: { type: 'relative' as const, minutes: m.validityMinutes } } : {}),
  });
}

/** A seeded, valid receive time for the SMS-DELIVER direction (gammu writes zone +00:00). */
export function deliverTime(m: CorpusMessage): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const r = m.reference;
  return `20${p(10 + (r % 80))}-${p(1 + (r % 12))}-${p(1 + (r % 28))}T${p(r % 24)}:${p((r * 7) % 60)}:${p((r * 13) % 60)}`;
}

export function requestsFor(m: CorpusMessage): [object, object, object] {
  const ours = encodeOurs(m);
  return [
    { op: 'decode', pdus: ours.parts.map((p) => p.hex) },
    {
      op: 'encode',
      to: m.to,
      text: m.text,
      unicode: ours.encoding === 'ucs2',
      class: m.messageClass ?? -1,
      concat16: m.concat16,
      statusReport: m.statusReport,
      validity: m.validityMinutes !== null ? GAMMU_VALIDITY[m.validityMinutes] : 'NA',
    },
    {
      op: 'deliver',
      from: m.to,
      text: m.text,
      unicode: ours.encoding === 'ucs2',
      class: m.messageClass ?? -1,
      concat16: m.concat16,
      smsc: '+4917000000',
      time: deliverTime(m),
    },
  ];
}

/** Compares one message both ways; returns every difference found. */
export function compare(m: CorpusMessage, gammuDecode: OracleAnswer, gammuEncode: OracleAnswer, gammuDeliver: OracleAnswer): Difference[] {
  const diffs: Difference[] = [];
  const d = (kind: string, detail: string): void => {
    diffs.push({ kind, detail, message: m });
  };
  const ours = encodeOurs(m);

  // 1. Our PDUs read by gammu.
  if ('error' in gammuDecode) d('gammu-cannot-decode-ours', gammuDecode.error);
  else if ('parts' in gammuDecode) {
    const parts = gammuDecode.parts;
    if (parts.length !== ours.parts.length) d('ours->gammu part count', `${parts.length} vs ${ours.parts.length}`);
    let joined = '';
    let tilde = false;
    parts.forEach((p, i) => {
      const mine = decodePdu(ours.parts[i]!.hex) as SmsSubmit;
      if (p.number !== m.to) d('ours->gammu number', `${p.number} vs ${m.to}`);
      let text = p.text ?? '';
      const nul = text.indexOf('\u0000');
      if (nul >= 0 && ours.encoding === 'gsm7') {
        // Our corpus has no NUL and GSM 7-bit cannot produce one: it is libgammu's padding.
        d('gammu-nul-padding', JSON.stringify(text.slice(nul)));
        text = text.slice(0, nul);
      }
      const own = mine.userData.text ?? '';
      if (own.length > 0 && (/[\ud800-\udbff]$/.test(own) || /^[\udc00-\udfff]/.test(own)))
        d('ours split a surrogate pair', JSON.stringify(own));
      if (text !== own) {
        // libgammu reads U+007E in UCS-2 as its own escape "~~" and then cuts the text at the unit count.
        if (ours.encoding === 'ucs2' && own.includes('~') && own.startsWith(text.replace(/~~/g, '~'))) {
          d('gammu-tilde-ucs2', 'decoded ~ as ~~');
          tilde = true;
        } else d('ours->gammu part text', `${JSON.stringify(text)} vs ${JSON.stringify(own)}`);
      }
      joined += text;
      if (p.class !== (m.messageClass ?? -1)) d('ours->gammu class', `${p.class} vs ${m.messageClass}`);
      if (ours.parts.length > 1) {
        const ref = m.concat16 ? p.udh.id16 : p.udh.id8;
        if (p.udh.part !== i + 1 || p.udh.all !== ours.parts.length || ref !== m.reference) {
          d('ours->gammu concat', JSON.stringify(p.udh));
        }
      } else if (p.udh.type !== 'NoUDH') d('ours->gammu unexpected UDH', JSON.stringify(p.udh));
    });
    if (joined !== m.text && !tilde)
      d('ours->gammu text', `${JSON.stringify(joined.slice(0, 80))} vs ${JSON.stringify(m.text.slice(0, 80))}`);
  } else d('oracle-protocol', 'decode answered without parts');

  // 2. gammu's PDUs read by us.
  if ('error' in gammuEncode) d('gammu-cannot-encode', gammuEncode.error);
  else if ('pdus' in gammuEncode) {
    const decoded: SmsSubmit[] = [];
    for (const hex of gammuEncode.pdus) {
      try {
        const x = decodePdu(hex);
        if (x.type !== 'submit') d('gammu->ours type', x.type);
        else decoded.push(x);
      } catch (e) {
        d('gammu->ours decode error', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      }
    }
    if (decoded.length === gammuEncode.pdus.length && decoded.length > 0) {
      if (decoded.length > ours.parts.length) d('gammu-more-parts', `gammu ${decoded.length} parts, ours ${ours.parts.length}`);
      else if (decoded.length !== ours.parts.length) d('part layout', `gammu ${decoded.length} parts, ours ${ours.parts.length}`);
      const a = assemble(decoded);
      if (a.status !== 'complete') d('gammu->ours incomplete', JSON.stringify(a));
      else if (a.text !== m.text && a.text === m.text.replace(/~/g, '\u0001') && ours.encoding === 'ucs2')
        d('gammu-tilde-ucs2', 'U+0001 for ~');
      else if (a.text !== m.text)
        d('gammu->ours text', `${JSON.stringify(a.text?.slice(0, 80))} vs ${JSON.stringify(m.text.slice(0, 80))}`);
      for (const x of decoded) {
        if (x.address.text !== m.to) {
          if (m.to.startsWith('00') && x.address.text === '+' + m.to.slice(2)) d('gammu-00-prefix', `${x.address.text} for ${m.to}`);
          else d('gammu->ours number', `${x.address.text} vs ${m.to}`);
        }
        if (x.dcs.messageClass !== m.messageClass) d('gammu->ours class', `${x.dcs.messageClass} vs ${m.messageClass}`);
        if (x.statusReportRequest !== m.statusReport) d('gammu->ours status report request', `${x.statusReportRequest}`);
        const minutes = x.validity?.type === 'relative' ? x.validity.minutes : null;
        if (m.validityMinutes !== null && minutes !== m.validityMinutes) d('gammu->ours validity', `${minutes} vs ${m.validityMinutes}`);
        if (decoded.length > 1 && x.userData.concat?.refBits !== (m.concat16 ? 16 : 8))
          d('gammu->ours concat width', JSON.stringify(x.userData.concat));
      }
    }
  } else d('oracle-protocol', 'encode answered without pdus');

  // 3. gammu's SMS-DELIVER PDUs (as a modem stores received messages) read by us.
  if ('error' in gammuDeliver) d('gammu-cannot-encode-deliver', gammuDeliver.error);
  else if ('pdus' in gammuDeliver) {
    const got: SmsDeliver[] = [];
    for (const hex of gammuDeliver.pdus) {
      try {
        const x = decodePdu(hex);
        if (x.type !== 'deliver') d('deliver: type', x.type);
        else got.push(x);
      } catch (e) {
        d('deliver: decode error', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      }
    }
    if (got.length === gammuDeliver.pdus.length && got.length > 0) {
      const a = assemble(got);
      if (a.status !== 'complete') d('deliver: incomplete', JSON.stringify(a));
      else if (a.text !== m.text && a.text === m.text.replace(/~/g, '\u0001') && ours.encoding === 'ucs2')
        d('gammu-tilde-ucs2', 'deliver: U+0001 for ~');
      else if (a.text !== m.text) {
        d('deliver: text', `${JSON.stringify(a.text?.slice(0, 80))} vs ${JSON.stringify(m.text.slice(0, 80))}`);
      }
      for (const x of got) {
        if (x.address.text !== m.to) {
          if (m.to.startsWith('00') && x.address.text === '+' + m.to.slice(2))
            d('gammu-00-prefix', `deliver: ${x.address.text} for ${m.to}`);
          else d('deliver: number', `${x.address.text} vs ${m.to}`);
        }
        if (x.smsc?.text !== '+4917000000') d('deliver: smsc', String(x.smsc?.text));
        if (x.dcs.messageClass !== m.messageClass) d('deliver: class', `${x.dcs.messageClass} vs ${m.messageClass}`);
        if (x.timestamp.iso !== deliverTime(m) + '+00:00') d('deliver: timestamp', `${x.timestamp.iso} vs ${deliverTime(m)}`);
      }
    }
  } else d('oracle-protocol', 'deliver answered without pdus');
  return diffs;
}

/** A seeded SMS-STATUS-REPORT built field by field (TS 23.040 §9.2.2.3), with what it says. */
export interface StatusReportCase {
  readonly hex: string;
  readonly reference: number;
  readonly number: string;
  readonly status: number;
  /** Local wall-clock times as written (no zone), "YYYY-MM-DDTHH:MM:SS". */
  readonly scts: string;
  readonly dt: string;
}

export function statusReportCases(seed: number, count: number): StatusReportCase[] {
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const sw = (n: number): string => `${n % 10}${Math.floor(n / 10)}`;
  const time = (): { hex: string; text: string } => {
    const [y, mo, d, h, mi, s] = [10 + int(30), 1 + int(12), 1 + int(28), int(24), int(60), int(60)];
    const q = int(57);
    // §9.2.3.11: quarter hours, tens digit in the low nibble with bit 3 as the sign.
    const tz = ((q % 10) << 4) | Math.floor(q / 10) | (r() < 0.4 ? 0x08 : 0);
    return {
      hex: sw(y) + sw(mo) + sw(d) + sw(h) + sw(mi) + sw(s) + tz.toString(16).padStart(2, '0').toUpperCase(),
      text: `20${p2(y)}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}`,
    };
  };
  const out: StatusReportCase[] = [];
  for (let i = 0; i < count; i++) {
    const intl = r() < 0.7;
    let digits = String(1 + int(9));
    for (let k = 4 + int(10); k > 0; k--) digits += String(int(10));
    const semi = digits
      .padEnd(digits.length + (digits.length % 2), 'F')
      .match(/../g)!
      .map((pair) => pair[1]! + pair[0]!)
      .join('');
    const reference = int(256);
    const status = r() < 0.6 ? [0x00, 0x01, 0x02, 0x20, 0x21, 0x30, 0x40, 0x41, 0x46, 0x60, 0x63][int(11)]! : int(256);
    const scts = time();
    const dt = time();
    const hex =
      '07919471000000F0' + // SMSC +4917000000
      '06' + // TP-MTI = status report, TP-MMS set
      reference.toString(16).padStart(2, '0').toUpperCase() +
      digits.length.toString(16).padStart(2, '0').toUpperCase() +
      (intl ? '91' : '81') +
      semi +
      scts.hex +
      dt.hex +
      status.toString(16).padStart(2, '0').toUpperCase();
    out.push({ hex, reference, number: (intl ? '+' : '') + digits, status, scts: scts.text, dt: dt.text });
  }
  return out;
}

/** libgammu's word for a TP-ST value, mapped to our outcome. */
const GAMMU_OUTCOME: Readonly<Record<string, string>> = { Delivered: 'delivered', Pending: 'pending', Failed: 'failed' };

export function compareStatusReport(c: StatusReportCase, gammu: OracleAnswer): { kind: string; detail: string }[] {
  const diffs: { kind: string; detail: string }[] = [];
  const d = (kind: string, detail: string): void => {
    diffs.push({ kind, detail });
  };
  const ours = decodePdu(c.hex);
  if (ours.type !== 'status-report') return [{ kind: 'status: type', detail: ours.type }];
  if (ours.messageReference !== c.reference || ours.address.text !== c.number || ours.status !== c.status)
    d('status: fields vs generator', c.hex);
  if (ours.serviceCentreTime.iso?.slice(0, 19) !== c.scts || ours.dischargeTime.iso?.slice(0, 19) !== c.dt)
    d('status: times vs generator', c.hex);
  if ('error' in gammu) return [...diffs, { kind: 'gammu-cannot-decode-status', detail: gammu.error }];
  if (!('parts' in gammu)) return [...diffs, { kind: 'oracle-protocol', detail: 'no parts' }];
  const g = gammu.parts[0]! as GammuPart & { reference: number; status: number; dateTime: string | null; smscDateTime: string | null };
  if (g.type !== 'Status_Report') d('status: gammu type', g.type);
  if (g.reference !== ours.messageReference) d('status: reference', `${g.reference}`);
  if (g.number !== ours.address.text) d('status: number', `${g.number} vs ${ours.address.text}`);
  if (g.status !== ours.status) d('status: TP-ST', `${g.status} vs ${ours.status}`);
  // libgammu names the service-centre time DateTime and the discharge time SMSCDateTime.
  if (g.dateTime !== c.scts) d('status: service centre time', `${g.dateTime} vs ${c.scts}`);
  if (g.smscDateTime !== c.dt) d('status: discharge time', `${g.smscDateTime} vs ${c.dt}`);
  const theirs = GAMMU_OUTCOME[g.text ?? ''];
  if (theirs !== ours.outcome) {
    const low = c.status & 0x1f;
    // Values §9.2.3.15 leaves reserved (bit 7, or above the last defined code of a group) or SC-specific.
    const reservedOrScSpecific = c.status > 0x7f || low >= 0x10 || low > [0x02, 0x05, 0x09, 0x05][c.status >> 5]!;
    d(
      reservedOrScSpecific ? 'gammu-status-reserved' : 'status: outcome',
      `TP-ST 0x${c.status.toString(16)}: gammu ${g.text}, ours ${ours.outcome}`,
    );
  }
  return diffs;
}
