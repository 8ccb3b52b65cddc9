/** +CPIN? (TS 27.007 §8.3): what the SIM is waiting for, in words for people. */
import { after, unquote } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

export type PinState = 'ready' | 'pin' | 'puk' | 'pin2' | 'puk2' | 'phone-lock' | 'network-lock' | 'not-inserted' | 'not-ready' | 'other';

export interface PinStatus {
  /** The code as the modem printed it ("SIM PIN", "READY", "PH-NET PIN"). */
  readonly code: string;
  readonly state: PinState;
  readonly message: string;
}

const MESSAGES: Record<PinState, string> = {
  ready: 'The SIM is ready.',
  pin: 'The SIM needs its PIN.',
  puk: 'The SIM is blocked and needs its PUK.',
  pin2: 'The SIM needs its PIN2.',
  puk2: 'The SIM needs its PUK2.',
  'phone-lock': 'The modem needs its phone lock code.',
  'network-lock': 'The modem is locked to another network and needs its unlock code.',
  'not-inserted': 'There is no SIM card in the modem.',
  'not-ready': 'The SIM is not ready yet.',
  other: 'The SIM is waiting for a code.',
};

function stateOf(code: string): PinState {
  switch (code) {
    case 'READY':
      return 'ready';
    case 'SIM PIN':
      return 'pin';
    case 'SIM PUK':
      return 'puk';
    case 'SIM PIN2':
      return 'pin2';
    case 'SIM PUK2':
      return 'puk2';
    case 'PH-SIM PIN':
    case 'PH-FSIM PIN':
    case 'PH-FSIM PUK':
      return 'phone-lock';
    case 'NOT INSERTED':
    case 'SIM NOT INSERTED':
    case 'NO SIM':
      return 'not-inserted';
    case 'NOT READY':
    case 'SIM NOT READY':
      return 'not-ready';
    default:
      return /^PH-(NET|NETSUB|SP|CORP)/.test(code) ? 'network-lock' : 'other';
  }
}

/** "+CPIN: READY" / "+CPIN: SIM PIN" / "+CPIN: NOT INSERTED" (SIMCom). */
export function parseCpin(line: string): ParseResult<PinStatus> {
  return guard('+CPIN', line, () => {
    const body = after(line, '+CPIN');
    if (body === undefined) return fail('+CPIN', line);
    const code = unquote(body).trim().toUpperCase().replace(/\s+/g, ' ');
    if (code === '' || !/^[A-Z0-9 -]+$/.test(code)) return fail('+CPIN', line);
    const state = stateOf(code);
    return ok({ code, state, message: MESSAGES[state] });
  });
}
