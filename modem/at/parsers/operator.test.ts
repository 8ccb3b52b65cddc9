import { describe, expect, it } from 'vitest';
import { parseCopsRead } from './operator';

describe('parseCopsRead', () => {
  // linux-mobile-broadband/ModemManager src/tests/test-modem-helpers.c (COPS read tests)
  it.each([
    ['+COPS: 1,0,"CHINA MOBILE"', { mode: 1, format: 0, operator: 'CHINA MOBILE' }],
    ['+COPS: 1,0,"CHINA MOBILE",7', { mode: 1, format: 0, operator: 'CHINA MOBILE', act: 7 }],
    ['+COPS: 1,2,"46000",7', { mode: 1, format: 2, operator: '46000', act: 7 }],
    // Not registered: TS 27.007 §7.3 gives only <mode>
    ['+COPS: 0', { mode: 0 }],
  ])('%s', (line, value) => {
    expect(parseCopsRead(line)).toEqual({ ok: true, value });
  });

  it('does not take an AT+COPS=? list for a read reply', () => {
    expect(parseCopsRead('+COPS: (2,"T-Mobile","TMO","31026",0),,(0,1,2,3,4),(0,1,2)').ok).toBe(false);
  });
});
