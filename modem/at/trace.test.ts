import { describe, expect, it, vi } from 'vitest';
import { AtTrace, formatTrace, redactAt, visibleControls } from './trace';

describe('redactAt', () => {
  it.each([
    ['AT+CPIN="1234"', 'AT+CPIN="****"'],
    ['AT+CPIN=1234', 'AT+CPIN=****'],
    ['AT+CPIN="12345678","4321"', 'AT+CPIN="****","****"'],
    ['at+cpin2="0000"', 'at+cpin2="****"'],
    ['AT^CPIN="1234"', 'AT^CPIN="****"'],
    ['AT+CLCK="SC",0,"1234"', 'AT+CLCK="SC",0,"****"'],
    ['AT+CLCK="SC",2', 'AT+CLCK="SC",2'],
    ['AT+CPWD="SC","1234","5678"', 'AT+CPWD="SC","****","****"'],
    ['AT+CMEE=1;+CPIN="1234"', 'AT+CMEE=1;+CPIN="****"'],
    ['AT+CPIN?', 'AT+CPIN?'],
    ['+CPIN: SIM PIN', '+CPIN: SIM PIN'],
  ])('%s → %s', (input, output) => {
    expect(redactAt(input)).toBe(output);
  });
});

describe('AtTrace', () => {
  it('keeps the newest entries up to its capacity, oldest first', () => {
    let now = 1000;
    const trace = new AtTrace({ capacity: 3, now: () => now++ });
    for (const text of ['AT', 'OK', 'AT+CSQ', '+CSQ: 15,99', 'OK']) trace.record(text.startsWith('AT') ? 'tx' : 'rx', text);
    expect(trace.size).toBe(3);
    expect(trace.entries()).toEqual([
      { t: 1002, dir: 'tx', text: 'AT+CSQ' },
      { t: 1003, dir: 'rx', text: '+CSQ: 15,99' },
      { t: 1004, dir: 'rx', text: 'OK' },
    ]);
  });

  it('redacts in both directions, the echo included', () => {
    const trace = new AtTrace();
    trace.record('tx', 'AT+CPIN="1234"\r');
    trace.record('rx', 'AT+CPIN="1234"');
    expect(trace.entries().map((e) => e.text)).toEqual(['AT+CPIN="****"', 'AT+CPIN="****"']);
  });

  it('shows Ctrl-Z and ESC', () => {
    expect(visibleControls('0011000B\x1a')).toBe('0011000B<Ctrl-Z>');
    expect(visibleControls('\x1b')).toBe('<Esc>');
  });

  it('feeds live viewers until disposed, and a throwing viewer breaks nothing', () => {
    const trace = new AtTrace({ now: () => 0 });
    const seen = vi.fn();
    const sub = trace.onEntry(seen);
    trace.onEntry(() => {
      throw new Error('viewer bug');
    });
    trace.record('tx', 'AT');
    sub.dispose();
    trace.record('rx', 'OK');
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenCalledWith({ t: 0, dir: 'tx', text: 'AT' });
    expect(trace.listenerCount).toBe(1);
  });

  it('formats for bug reports and clears', () => {
    const trace = new AtTrace({ now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    trace.record('tx', 'AT');
    trace.record('rx', 'OK');
    expect(formatTrace(trace.entries())).toBe('2026-01-02T03:04:05.000Z > AT\n2026-01-02T03:04:05.000Z < OK');
    trace.clear();
    expect(trace.entries()).toEqual([]);
  });
});
