/** TP-Data-Coding-Scheme, TS 23.038 §4 (SMS data coding scheme). */

export type Alphabet = 'gsm7' | '8bit' | 'ucs2';
export type MessageClass = 0 | 1 | 2 | 3;

export interface MessageWaiting {
  readonly active: boolean;
  readonly kind: 'voicemail' | 'fax' | 'email' | 'other';
  /** Group 1100 is "discard message": the text need not be stored. */
  readonly store: boolean;
}

export interface Dcs {
  readonly raw: number;
  readonly alphabet: Alphabet;
  readonly messageClass: MessageClass | null;
  /** Compressed user data (§4 bit 5, TS 23.042); SMSDesk reports it as unsupported. */
  readonly compressed: boolean;
  /** Coding group 01xx: "marked for automatic deletion". */
  readonly autoDelete: boolean;
  readonly waiting: MessageWaiting | null;
}

const KINDS: readonly MessageWaiting['kind'][] = ['voicemail', 'fax', 'email', 'other'];

function alphabetBits(bits: number): Alphabet {
  // §4: "reserved" alphabet 11 shall be treated as the GSM 7 bit default alphabet.
  return bits === 1 ? '8bit' : bits === 2 ? 'ucs2' : 'gsm7';
}

export function decodeDcs(raw: number): Dcs {
  const group = raw >> 4;
  if (group <= 0x7) {
    // 00xx / 01xx: general data coding, optionally marked for automatic deletion.
    return {
      raw,
      alphabet: alphabetBits((raw >> 2) & 3),
      messageClass: raw & 0x10 ? ((raw & 3) as MessageClass) : null,
      compressed: (raw & 0x20) !== 0,
      autoDelete: group >= 0x4,
      waiting: null,
    };
  }
  if (group >= 0xc && group <= 0xe) {
    // 1100 discard / 1101 store (GSM 7-bit) / 1110 store (UCS2): message waiting indication.
    return {
      raw,
      alphabet: group === 0xe ? 'ucs2' : 'gsm7',
      messageClass: null,
      compressed: false,
      autoDelete: false,
      waiting: { active: (raw & 0x08) !== 0, kind: KINDS[raw & 3]!, store: group !== 0xc },
    };
  }
  if (group === 0xf) {
    // 1111: data coding / message class; bit 2 selects 8-bit data.
    return {
      raw,
      alphabet: raw & 0x04 ? '8bit' : 'gsm7',
      messageClass: (raw & 3) as MessageClass,
      compressed: false,
      autoDelete: false,
      waiting: null,
    };
  }
  // 1000-1011: reserved coding groups, read as the GSM 7 bit default alphabet (§4).
  return { raw, alphabet: 'gsm7', messageClass: null, compressed: false, autoDelete: false, waiting: null };
}

/** General data coding group (§4 00xx): class bits only when a class is asked for. */
export function encodeDcs(alphabet: Alphabet, messageClass: MessageClass | null): number {
  const a = alphabet === 'gsm7' ? 0 : alphabet === '8bit' ? 4 : 8;
  return messageClass === null ? a : 0x10 | a | messageClass;
}
