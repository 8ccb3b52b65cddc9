/** Entry point for decoding a PDU as read from a modem (AT+CMGR/+CMGL/+CMT/+CDS). */
import { decodeSmsc } from './address';
import { decodeDeliver } from './deliver';
import { PduDecodeError } from './errors';
import { hexToBytes } from './hex';
import { decodeStatusReport } from './status-report';
import { decodeSubmit } from './submit-decode';
import type { DecodedPdu } from './types';

export interface DecodeOptions {
  /**
   * Whether the PDU starts with the SMSC address (as AT+CMGR prints it with AT+CSCA support).
   * 'auto' (default) tries with the prefix, then without; the first reading that accounts for
   * every byte wins.
   */
  readonly smsc?: 'auto' | 'present' | 'absent';
  /** The TPDU length the modem reported (AT+CMGR "<length>"), which settles the SMSC question. */
  readonly tpduLength?: number;
}

/**
 * Longest PDU worth reading: a 12-octet SMSC prefix plus the longest TPDU, a status report with
 * every optional field: 1 + 1 + 12 (TP-RA) + 7 + 7 + 1 + 4 (TP-PI, PID, DCS, UDL) + 140 = 173
 * (TS 23.040 §9.2.2.3). Anything longer is rejected before any parsing work.
 */
const MAX_PDU_OCTETS = 12 + 173;

function decodeTpdu(bytes: Uint8Array, offset: number, withSmsc: boolean): DecodedPdu {
  let smsc = null;
  let p = offset;
  if (withSmsc) {
    const s = decodeSmsc(bytes, p);
    smsc = s.address;
    p = s.next;
  }
  if (p >= bytes.length) throw new PduDecodeError('truncated', 'TPDU is empty', p);
  const mti = bytes[p]! & 0x03;
  // TP-MTI, §9.2.3.1: as stored in a modem, 00 is SMS-DELIVER, 01 SMS-SUBMIT, 10 SMS-STATUS-REPORT.
  switch (mti) {
    case 0:
      return decodeDeliver(bytes, p, smsc);
    case 1:
      return decodeSubmit(bytes, p, smsc);
    case 2:
      return decodeStatusReport(bytes, p, smsc);
    default:
      throw new PduDecodeError('unsupported', 'TP-MTI 11 is reserved', p);
  }
}

/** Decodes a PDU from hex or bytes. Throws only PduDecodeError. */
export function decodePdu(input: string | Uint8Array, options: DecodeOptions = {}): DecodedPdu {
  // A private copy: decoded payloads are views into it, so later changes by the caller cannot reach them.
  const bytes = typeof input === 'string' ? hexToBytes(input.trim()) : input.slice();
  if (bytes.length === 0) throw new PduDecodeError('truncated', 'PDU is empty', 0);
  if (bytes.length > MAX_PDU_OCTETS) {
    throw new PduDecodeError('bad-length', `PDU has ${bytes.length} octets; at most ${MAX_PDU_OCTETS} are possible`, MAX_PDU_OCTETS);
  }
  let mode = options.smsc ?? 'auto';
  if (options.tpduLength !== undefined) {
    if (options.tpduLength === bytes.length) mode = 'absent';
    else if (options.tpduLength < bytes.length) mode = 'present';
    else throw new PduDecodeError('truncated', `Modem reported ${options.tpduLength} TPDU octets, got ${bytes.length}`, bytes.length);
  }
  if (mode !== 'auto') return decodeTpdu(bytes, 0, mode === 'present');
  try {
    return decodeTpdu(bytes, 0, true);
  } catch (first) {
    if (!(first instanceof PduDecodeError)) throw first;
    try {
      return decodeTpdu(bytes, 0, false);
    } catch (second) {
      if (!(second instanceof PduDecodeError)) throw second;
      // Report the reading that got further: it is the more likely intent.
      throw second.offset > first.offset ? second : first;
    }
  }
}
