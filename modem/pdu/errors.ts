/**
 * The two error types of the PDU codec. Codes are plain strings so they survive
 * structured clone (IPC) where classes do not.
 */

export type PduDecodeErrorCode =
  /** Input is not an even-length string of hex digits. */
  | 'bad-hex'
  /** The PDU ends before a field it announces. */
  | 'truncated'
  /** A length field is outside what TS 23.040 allows, or bytes follow the last field. */
  | 'bad-length'
  /** A field value this codec cannot interpret (e.g. reserved TP-MTI). */
  | 'unsupported';

export class PduDecodeError extends Error {
  override readonly name = 'PduDecodeError';
  constructor(
    readonly code: PduDecodeErrorCode,
    message: string,
    /** Byte offset into the PDU (including any SMSC prefix) where the problem was found. */
    readonly offset: number,
  ) {
    super(message);
  }
}

export type PduEncodeErrorCode =
  /** Recipient or SMSC number cannot be written as a TS 23.040 §9.1.2.5 address. */
  | 'bad-address'
  /** The message needs more than 255 parts (TS 23.040 §9.2.3.24.1). */
  | 'too-long'
  /** An option is out of range or contradicts another. */
  | 'bad-option'
  /** Text cannot be written in the alphabet that was forced. */
  | 'bad-text';

export class PduEncodeError extends Error {
  override readonly name = 'PduEncodeError';
  constructor(
    readonly code: PduEncodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
