/**
 * Network registration: +CREG (TS 27.007 §7.2), +CGREG (§10.1.20), +CEREG (§10.1.22).
 * The read reply leads with <n>, the URC does not, and "+CREG: 1,3" means "n=1, denied"
 * as a reply but could be misread as "home, lac 3" as a URC: so there are two parsers
 * and the caller says which form it holds.
 */
import { after, hex, int, splitFields } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

export type RegistrationKind = 'CREG' | 'CGREG' | 'CEREG';

export type RegistrationStatus =
  | 'not-registered'
  | 'home'
  | 'searching'
  | 'denied'
  | 'unknown'
  | 'roaming'
  | 'home-sms-only'
  | 'roaming-sms-only'
  | 'emergency-only'
  | 'home-csfb-not-preferred'
  | 'roaming-csfb-not-preferred'
  | 'attached-rlos';

const STATUS: readonly RegistrationStatus[] = [
  'not-registered',
  'home',
  'searching',
  'denied',
  'unknown',
  'roaming',
  'home-sms-only',
  'roaming-sms-only',
  'emergency-only',
  'home-csfb-not-preferred',
  'roaming-csfb-not-preferred',
  'attached-rlos',
];

export interface Registration {
  readonly kind: RegistrationKind;
  /** <n> of the read reply; undefined for the URC. */
  readonly n?: number;
  readonly stat: number;
  readonly status: RegistrationStatus;
  /** Location (or, for +CEREG, tracking) area code. */
  readonly lac?: number;
  readonly ci?: number;
  /** Access technology (TS 27.007 §7.3): 0 GSM, 2 UTRAN, 7 E-UTRAN, ... */
  readonly act?: number;
}

/** Whether the network lets this modem send and receive SMS. */
export function canUseSms(status: RegistrationStatus): boolean {
  return status === 'home' || status === 'roaming' || status === 'home-sms-only' || status === 'roaming-sms-only';
}

function kindOf(line: string): { kind: RegistrationKind; body: string } | undefined {
  for (const kind of ['CREG', 'CGREG', 'CEREG'] as const) {
    const body = after(line, `+${kind}`);
    if (body !== undefined) return { kind, body };
  }
  return undefined;
}

function build(kind: RegistrationKind, n: number | undefined, fields: readonly string[], line: string): ParseResult<Registration> {
  const stat = int(fields[0]);
  if (stat === undefined || stat < 0 || stat >= STATUS.length) return fail(`+${kind}`, line);
  const status = STATUS[stat] as RegistrationStatus;
  const lac = hex(fields[1]);
  const ci = hex(fields[2]);
  const act = int(fields[3]);
  return ok({
    kind,
    ...(n !== undefined ? { n } : {}),
    stat,
    status,
    ...(lac !== undefined ? { lac } : {}),
    ...(ci !== undefined ? { ci } : {}),
    ...(act !== undefined ? { act } : {}),
  });
}

/** The reply to AT+CREG? / AT+CGREG? / AT+CEREG?: "+CREG: <n>,<stat>[,<lac>,<ci>[,<AcT>]]". */
export function parseRegistrationRead(line: string): ParseResult<Registration> {
  return guard('registration', line, () => {
    const k = kindOf(line);
    if (!k) return fail('registration', line);
    const fields = splitFields(k.body);
    const n = int(fields[0]);
    if (n === undefined || fields.length < 2) return fail(`+${k.kind}`, line);
    return build(k.kind, n, fields.slice(1), line);
  });
}

/** The URC: "+CREG: <stat>[,<lac>,<ci>[,<AcT>]]". */
export function parseRegistrationUrc(line: string): ParseResult<Registration> {
  return guard('registration', line, () => {
    const k = kindOf(line);
    if (!k) return fail('registration', line);
    return build(k.kind, undefined, splitFields(k.body), line);
  });
}
