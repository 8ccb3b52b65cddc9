import { describe, expect, it } from 'vitest';
import { parseClip } from './call';

describe('parseClip', () => {
  it('reads the six-field form (ModemManager src/tests/test-at-serial-port.c)', () => {
    expect(parseClip('+CLIP: "+0123456789",145,,,,0')).toEqual({ ok: true, value: { number: '+0123456789', type: 145, validity: 0 } });
  });

  it('reads the two-field form of Wavecom modems (python-gsmmodem test/fakemodems.py) and a withheld number', () => {
    expect(parseClip('+CLIP: "0821234567",129')).toEqual({ ok: true, value: { number: '0821234567', type: 129 } });
    expect(parseClip('+CLIP: "",128,,,,1')).toEqual({ ok: true, value: { number: '', type: 128, validity: 1 } });
  });

  it('reads the phone book name and rejects garbage numbers', () => {
    expect(parseClip('+CLIP: "+4915112345678",145,"",0,"Alice",0')).toMatchObject({ ok: true, value: { alpha: 'Alice' } });
    expect(parseClip('+CLIP: "call me",145').ok).toBe(false);
  });
});
