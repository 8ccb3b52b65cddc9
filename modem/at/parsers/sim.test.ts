import { describe, expect, it } from 'vitest';
import { parseCpin } from './sim';

describe('parseCpin', () => {
  it('reads READY (Huawei E3372, gammu/gammu issue #111)', () => {
    expect(parseCpin('+CPIN: READY')).toEqual({ ok: true, value: { code: 'READY', state: 'ready', message: 'The SIM is ready.' } });
  });

  it('reads SIM PIN with a plain-language message (python-gsmmodem test/fakemodems.py; garronej/at-messages-parser)', () => {
    expect(parseCpin('+CPIN: SIM PIN')).toMatchObject({ ok: true, value: { state: 'pin', message: 'The SIM needs its PIN.' } });
  });

  it('reads the other states of TS 27.007 §8.3', () => {
    expect(parseCpin('+CPIN: SIM PUK')).toMatchObject({ ok: true, value: { state: 'puk' } });
    expect(parseCpin('+CPIN: PH-NET PIN')).toMatchObject({ ok: true, value: { state: 'network-lock' } });
    expect(parseCpin('+CPIN: "SIM PIN2"')).toMatchObject({ ok: true, value: { state: 'pin2' } });
    expect(parseCpin('+CPIN: NOT INSERTED')).toMatchObject({ ok: true, value: { state: 'not-inserted' } });
  });

  it('rejects an empty code', () => {
    expect(parseCpin('+CPIN: ').ok).toBe(false);
  });
});
