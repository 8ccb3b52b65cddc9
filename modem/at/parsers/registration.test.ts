import { describe, expect, it } from 'vitest';
import { canUseSms, parseRegistrationRead, parseRegistrationUrc } from './registration';

// Replies from linux-mobile-broadband/ModemManager src/tests/test-modem-helpers.c
// (test_creg*/test_cgreg*/test_cereg*), each named there after the modem that sent it.
describe('parseRegistrationRead (reply to AT+CREG? and friends)', () => {
  it.each([
    ['+CREG: 1,3', { kind: 'CREG', n: 1, stat: 3, status: 'denied' }],
    // Sierra Mercury
    ['+CREG: 1,1,84CD,00D30173', { kind: 'CREG', n: 1, stat: 1, status: 'home', lac: 0x84cd, ci: 0xd30173 }],
    // Sony Ericsson K850i
    ['+CREG: 2,1,"CE00","01CEAD8F"', { kind: 'CREG', n: 2, stat: 1, status: 'home', lac: 0xce00, ci: 0x01cead8f }],
    // Huawei E160G unregistered
    ['+CREG: 2,0,00,0', { kind: 'CREG', n: 2, stat: 0, status: 'not-registered', lac: 0, ci: 0 }],
    // u-blox TOBY-L2 on LTE
    ['+CREG: 2,6,"8B37","0A265185",7', { kind: 'CREG', n: 2, stat: 6, status: 'home-sms-only', lac: 0x8b37, ci: 0x0a265185, act: 7 }],
    ['+CGREG: 2,1,"8BE3","00002B5D",3', { kind: 'CGREG', n: 2, stat: 1, status: 'home', lac: 0x8be3, ci: 0x2b5d, act: 3 }],
    ['+CEREG: 1,3', { kind: 'CEREG', n: 1, stat: 3, status: 'denied' }],
    // Iridium: no blank after the colon, leading zeros
    ['+CREG:002,001,"18d8","ffff"', { kind: 'CREG', n: 2, stat: 1, status: 'home', lac: 0x18d8, ci: 0xffff }],
  ])('%s', (line, value) => {
    expect(parseRegistrationRead(line)).toEqual({ ok: true, value });
  });

  it('rejects a URC-shaped line (no <stat> after <n>)', () => {
    expect(parseRegistrationRead('+CREG: 3').ok).toBe(false);
  });
});

describe('parseRegistrationUrc', () => {
  it.each([
    ['+CREG: 3', { kind: 'CREG', stat: 3, status: 'denied' }],
    ['+CREG: 11', { kind: 'CREG', stat: 11, status: 'attached-rlos' }],
    // Sierra Mercury
    ['+CREG: 1,84CD,00D30156', { kind: 'CREG', stat: 1, status: 'home', lac: 0x84cd, ci: 0xd30156 }],
    // Novatel XU870 unregistered: empty location fields
    ['+CREG: 2,,', { kind: 'CREG', stat: 2, status: 'searching' }],
    // Huawei E1752, gammu/gammu issue #126: blanks and a five-digit LAC
    ['+CREG: 1, E006B, ABE0016', { kind: 'CREG', stat: 1, status: 'home', lac: 0xe006b, ci: 0xabe0016 }],
    // Huawei, garronej/at-messages-parser src/test/test18.ts ("+CREG is both URC and a response")
    ['+CREG: 2,00,0', { kind: 'CREG', stat: 2, status: 'searching', lac: 0, ci: 0 }],
    ['+CGREG: 5,"0502","0404736D",2', { kind: 'CGREG', stat: 5, status: 'roaming', lac: 0x502, ci: 0x0404736d, act: 2 }],
  ])('%s', (line, value) => {
    expect(parseRegistrationUrc(line)).toEqual({ ok: true, value });
  });

  it('rejects unknown status numbers and other lines', () => {
    expect(parseRegistrationUrc('+CREG: 12').ok).toBe(false);
    expect(parseRegistrationUrc('+CSQ: 1,2').ok).toBe(false);
  });

  it('says which states can carry SMS', () => {
    expect(canUseSms('home')).toBe(true);
    expect(canUseSms('roaming-sms-only')).toBe(true);
    expect(canUseSms('searching')).toBe(false);
  });
});
