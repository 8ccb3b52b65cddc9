/** SMS-SUBMIT encoding with segmentation, TS 23.040 §9.2.2.2. */
import { encodeAddress, encodeSmsc, type AddressInput } from './address';
import { encodeDcs, type Alphabet, type MessageClass } from './dcs';
import { assertNever, PduEncodeError } from './errors';
import { countSeptets, gsm7Codec, packedLength, packText } from './gsm7';
import { bytesAndUtf16ToHex, bytesToHex } from './hex';
import type { NationalLanguage } from './national/index';
import { MAX_UD_OCTETS, planData, planText, type SegmentPlan } from './plan';
import { encodeUdh, type UdhElement } from './udh';
import { encodeValidity, VPF_NONE, type Validity } from './validity';

export interface SubmitOptions {
  /** Recipient: '+' and digits (international), digits (national or short), or a full address. */
  readonly to: string | AddressInput;
  /** The message text. Exactly one of `text` and `data` is given. */
  readonly text?: string;
  /** 8-bit binary payload (DCS 8-bit), usually with `ports`. */
  readonly data?: Uint8Array;
  /** 'auto' (default): GSM 7-bit when possible, else UCS-2. */
  readonly encoding?: 'auto' | 'gsm7' | 'ucs2';
  /** National language tables allowed for this recipient (TS 23.038 Annex A); used only when they save parts. */
  readonly languages?: readonly NationalLanguage[];
  /** TP-SRR: ask for a status report. */
  readonly statusReport?: boolean;
  readonly validity?: Validity;
  /** TP-DCS message class; 0 is a flash message shown and not stored. */
  readonly messageClass?: MessageClass | null;
  /** Shorthand for messageClass 0. */
  readonly flash?: boolean;
  /** TP-RD: ask the SC to reject a duplicate of a message still held (same TP-MR and TP-DA). */
  readonly rejectDuplicates?: boolean;
  /** TP-RP. */
  readonly replyPath?: boolean;
  /** Application port addressing (§9.2.3.24.3/4); 16-bit unless `bits: 8` and both ports fit. */
  readonly ports?: { readonly destination: number; readonly source?: number; readonly bits?: 8 | 16 };
  /** Concatenation reference shared by all parts (the caller keeps a counter); default 0. */
  readonly reference?: number;
  /** Use the 16-bit reference element (IEI 0x08). */
  readonly concat16?: boolean;
  /** SMSC number to put before the TPDU; default none ("00": the SIM's SMSC). */
  readonly smsc?: string;
  /** TP-PID, default 0. */
  readonly pid?: number;
  /** TP-MR written into the PDU (modems usually replace it), default 0. */
  readonly messageReference?: number;
}

export interface SubmitPart {
  /** SMSC prefix + TPDU, upper-case hex, as written after AT+CMGS. */
  readonly hex: string;
  /** TPDU octets (without the SMSC prefix): the AT+CMGS=<length> argument. */
  readonly tpduLength: number;
  /** Concatenation reference, null for a single-part message. */
  readonly reference: number | null;
  readonly part: number;
  readonly total: number;
}

export interface SubmitResult {
  readonly parts: readonly SubmitPart[];
  readonly encoding: Alphabet;
  readonly segments: number;
  /** National language ids used (0 = default tables). */
  readonly lockingShift: number;
  readonly singleShift: number;
}

/** TS 23.040 §9.2.3.24.1: at most 255 parts. */
export const MAX_PARTS = 255;

function checkByte(name: string, v: number | undefined, max: number): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > max)) {
    throw new PduEncodeError('bad-option', `${name} must be an integer 0-${max}, got ${String(v)}`);
  }
}

function portElement(ports: SubmitOptions['ports']): (UdhElement & { type: 'ports' }) | null {
  if (!ports) return null;
  const source = ports.source ?? 0;
  checkByte('ports.destination', ports.destination, 0xffff);
  checkByte('ports.source', source, 0xffff);
  const bits = ports.bits ?? 16;
  if (bits === 8 && (ports.destination > 0xff || source > 0xff)) {
    throw new PduEncodeError('bad-option', '8-bit ports must be 0-255');
  }
  return { type: 'ports', destination: ports.destination, source, bits };
}

export function encodeSubmit(options: SubmitOptions): SubmitResult {
  const { text, data } = options;
  if ((text === undefined) === (data === undefined)) throw new PduEncodeError('bad-option', 'Give exactly one of text and data');
  if (text !== undefined && typeof text !== 'string') throw new PduEncodeError('bad-option', 'text must be a string');
  checkByte('pid', options.pid, 0xff);
  checkByte('messageReference', options.messageReference, 0xff);
  checkByte('reference', options.reference, options.concat16 ? 0xffff : 0xff);
  if (options.messageClass != null) checkByte('messageClass', options.messageClass, 3);
  if (options.flash && options.messageClass != null && options.messageClass !== 0) {
    throw new PduEncodeError('bad-option', 'A flash message is class 0');
  }
  const messageClass: MessageClass | null = options.flash ? 0 : (options.messageClass ?? null);

  const smsc = encodeSmsc(options.smsc);
  const da = encodeAddress(typeof options.to === 'string' ? { number: options.to } : options.to);
  const [vpf, vp] = options.validity ? encodeValidity(options.validity) : [VPF_NONE, []];

  const port = portElement(options.ports);
  const fixed: UdhElement[] = port ? [port] : [];
  const fixedOctets = port ? (port.bits === 8 ? 4 : 6) : 0;

  let plan: SegmentPlan;
  if (data !== undefined) {
    if (!(data instanceof Uint8Array)) throw new PduEncodeError('bad-option', 'data must be bytes');
    plan = planData(data.length, { concat16: options.concat16 ?? false, extraUdhOctets: fixedOctets });
  } else {
    plan = planText(text!, {
      encoding: options.encoding ?? 'auto',
      languages: options.languages ?? [],
      concat16: options.concat16 ?? false,
      extraUdhOctets: fixedOctets,
      reportNonGsm: false,
    });
    if (plan.encoding === 'gsm7') {
      if (plan.lockingShift) fixed.push({ type: 'locking-shift', language: plan.lockingShift });
      if (plan.singleShift) fixed.push({ type: 'single-shift', language: plan.singleShift });
    }
  }
  const total = plan.parts;
  if (total > MAX_PARTS) throw new PduEncodeError('too-long', `Message needs ${total} parts; at most ${MAX_PARTS} are possible`);
  const ref = options.reference ?? 0;
  const codec = gsm7Codec(plan.lockingShift, plan.singleShift);
  const dcs = encodeDcs(plan.encoding, messageClass);
  const pid = options.pid ?? 0;
  const mr = options.messageReference ?? 0;

  // Everything before TP-UDL is the same in every part except the UDHI bit of the first octet.
  const foBase =
    0x01 | // TP-MTI = SMS-SUBMIT
    (options.rejectDuplicates ? 0x04 : 0) | // TP-RD
    (vpf << 3) | // TP-VPF
    (options.statusReport ? 0x20 : 0) | // TP-SRR
    (options.replyPath ? 0x80 : 0); // TP-RP
  const head = Uint8Array.from([...smsc, foBase, mr, ...da, pid, dcs, ...vp]);
  const foIndex = smsc.length;
  const udlIndex = head.length;
  const refBits = options.concat16 ? 16 : 8;

  const parts: SubmitPart[] = [];
  for (let i = 0; i < total; i++) {
    const udh = encodeUdh(total > 1 ? [{ type: 'concat', ref, refBits, total, part: i + 1 }, ...fixed] : fixed);
    const start = plan.starts[i]!;
    const bodyStart = udlIndex + 1 + udh.length;
    let pdu: Uint8Array;
    let udl: number;
    let bodyEnd = -1;
    switch (plan.encoding) {
      case 'gsm7': {
        const end = plan.starts[i + 1] ?? text!.length;
        const count = countSeptets(text!, codec, start, end);
        if (count < 0) throw new PduEncodeError('bad-text', 'Text does not fit the chosen tables');
        // The UDH is padded with fill bits to a septet boundary (TS 23.040 §9.2.3.24).
        const headerSeptets = Math.ceil((udh.length * 8) / 7);
        const fill = headerSeptets * 7 - udh.length * 8;
        pdu = new Uint8Array(bodyStart + packedLength(count, fill));
        packText(text!, start, end, codec, pdu, bodyStart, fill);
        udl = headerSeptets + count;
        break;
      }
      case 'ucs2': {
        // The text goes to hex directly from its code units; only the header is built as bytes.
        const end = plan.starts[i + 1] ?? text!.length;
        pdu = new Uint8Array(bodyStart);
        bodyEnd = end;
        udl = udh.length + 2 * (end - start);
        break;
      }
      case '8bit': {
        const end = plan.starts[i + 1] ?? data!.length;
        pdu = new Uint8Array(bodyStart + end - start);
        pdu.set(data!.subarray(start, end), bodyStart);
        udl = pdu.length - udlIndex - 1;
        break;
      }
      default:
        return assertNever(plan.encoding);
    }
    if (udl > (plan.encoding === 'gsm7' ? 160 : MAX_UD_OCTETS))
      throw new PduEncodeError('too-long', 'A part exceeds 140 octets of user data');
    pdu.set(head, 0);
    if (udh.length > 0) {
      pdu[foIndex] = foBase | 0x40; // TP-UDHI
      for (let k = 0; k < udh.length; k++) pdu[udlIndex + 1 + k] = udh[k]!;
    }
    pdu[udlIndex] = udl;
    parts.push({
      hex: bodyEnd >= 0 ? bytesAndUtf16ToHex(pdu, text!, start, bodyEnd) : bytesToHex(pdu),
      tpduLength: pdu.length + (bodyEnd >= 0 ? 2 * (bodyEnd - start) : 0) - smsc.length,
      reference: total > 1 ? ref : null,
      part: i + 1,
      total,
    });
  }
  return {
    parts,
    encoding: plan.encoding,
    segments: total,
    lockingShift: plan.encoding === 'gsm7' ? plan.lockingShift : 0,
    singleShift: plan.encoding === 'gsm7' ? plan.singleShift : 0,
  };
}
