/** Every parser, fed anything: a result or a typed parse error, never a throw. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtParseError } from '../errors';
import * as P from './index';
import type { ParseResult } from './result';

const lineParsers: Record<string, (line: string) => ParseResult<unknown>> = {
  parseCsq: P.parseCsq,
  parseHuaweiRssi: P.parseHuaweiRssi,
  parseHuaweiMode: P.parseHuaweiMode,
  parseHuaweiBoot: P.parseHuaweiBoot,
  parseRegistrationRead: P.parseRegistrationRead,
  parseRegistrationUrc: P.parseRegistrationUrc,
  parseCopsRead: P.parseCopsRead,
  parseCpmsRead: P.parseCpmsRead,
  parseCpmsSet: P.parseCpmsSet,
  parseCpmsTest: P.parseCpmsTest,
  parseCnmiTest: P.parseCnmiTest,
  parseCmgrHeader: P.parseCmgrHeader,
  parseCmglHeader: P.parseCmglHeader,
  parseCmti: P.parseCmti,
  parseCdsi: P.parseCdsi,
  parseCmtHeader: P.parseCmtHeader,
  parseCdsHeader: P.parseCdsHeader,
  parseCmgs: P.parseCmgs,
  parseCpin: P.parseCpin,
  parseCsca: P.parseCsca,
  parseCusd: P.parseCusd,
  parseClip: P.parseClip,
};

const linesParsers: Record<string, (lines: readonly string[]) => ParseResult<unknown>> = {
  parseCmgr: P.parseCmgr,
  parseCmgl: P.parseCmgl,
  parseImei: P.parseImei,
  parseImsi: P.parseImsi,
  parseIccid: P.parseIccid,
  parseCnum: P.parseCnum,
};

const PREFIXES = [
  '+CSQ:',
  '^RSSI:',
  '^MODE:',
  '^BOOT:',
  '+CREG:',
  '+CGREG:',
  '+CEREG:',
  '+COPS:',
  '+CPMS:',
  '+CNMI:',
  '+CMGR:',
  '+CMGL:',
  '+CMTI:',
  '+CDSI:',
  '+CMT:',
  '+CDS:',
  '+CMGS:',
  '+CPIN:',
  '+CSCA:',
  '+CUSD:',
  '+CLIP:',
  '+CNUM:',
  '+CCID:',
  '^ICCID:',
  '+CRSM:',
  'IMEI:',
];

/** Lines that look like replies: a known prefix and a tail of the characters replies are made of. */
const replyLike = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.array(fc.constantFrom(...'0123456789ABCDEFabcdef,"()- +\n:;F'.split('')), { maxLength: 60 }).map((cs) => cs.join('')),
  )
  .map(([p, tail]) => p + tail);
const anyLine = fc.oneof(replyLike, fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

function isResult(r: ParseResult<unknown>): boolean {
  return r.ok === true || (r.ok === false && r.error instanceof AtParseError && r.error.code === 'AT_PARSE');
}

describe('reply parsers on random input', () => {
  it.each(Object.entries(lineParsers))('%s returns a result or a typed error', (_name, parse) => {
    fc.assert(
      fc.property(anyLine, (line) => {
        expect(isResult(parse(line))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it.each(Object.entries(linesParsers))('%s returns a result or a typed error', (_name, parse) => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 6 }), (lines) => {
        expect(isResult(parse(lines))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('decodeUssd always returns a string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }), (raw, dcs) => {
        expect(typeof P.decodeUssd(raw, dcs)).toBe('string');
      }),
    );
  });
});
