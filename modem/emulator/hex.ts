/** Hex helpers for the emulator (which runs in Node but keeps to plain Uint8Array). */

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** Parses hex; null when the text is not an even number of hex digits. */
export function fromHex(text: string): Uint8Array | null {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The SMSC address field that starts a PDU on the AT interface (TS 27.005 §3: <pdu>). */
export function smscField(number: string | null): Uint8Array {
  if (!number) return new Uint8Array([0]);
  const international = number.startsWith('+');
  const digits = number.replace(/^\+/, '');
  const semi: number[] = [];
  for (let i = 0; i < digits.length; i += 2) {
    const lo = Number(digits[i]);
    const hi = i + 1 < digits.length ? Number(digits[i + 1]) : 0xf;
    semi.push((hi << 4) | lo);
  }
  return new Uint8Array([semi.length + 1, international ? 0x91 : 0x81, ...semi]);
}

/** Splits a PDU from the AT interface into its SMSC field length and the TPDU; null if too short. */
export function splitSmsc(pdu: Uint8Array): { smscLength: number; tpdu: Uint8Array } | null {
  if (pdu.length < 1) return null;
  const len = pdu[0]!;
  if (pdu.length < 1 + len) return null;
  return { smscLength: 1 + len, tpdu: pdu.subarray(1 + len) };
}
