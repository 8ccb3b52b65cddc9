import { describe, expect, it, vi } from 'vitest';
import { UrcDispatcher } from './dispatch';
import { classifyLine, linePrefix, makeUrc, UrcAssembler, urcSpecFor } from './urc';

describe('classifyLine', () => {
  it('takes +CREG: as the reply of AT+CREG? but as a URC otherwise', () => {
    expect(classifyLine('+CREG: 0,1', ['+CREG:'])).toEqual({ kind: 'response' });
    expect(classifyLine('+CREG: 1', ['+CSQ:']).kind).toBe('urc');
    expect(classifyLine('+CREG: 1', undefined).kind).toBe('urc');
  });

  it('splits Huawei noise out of a reply (Huawei E1752, gammu issues #126 and #138)', () => {
    expect(classifyLine('^RSSI:14', ['+CPMS:']).kind).toBe('urc');
    expect(classifyLine('^MODE:5,4', []).kind).toBe('urc');
    expect(classifyLine('+CPMS: 0,50,0,50,0,50', ['+CPMS:'])).toEqual({ kind: 'response' });
  });

  it('treats +CUSD: as a URC even during AT+CUSD=1,... (its answer comes unsolicited, TS 27.007 §7.15)', () => {
    expect(classifyLine('+CUSD: 0,"Balance 5.00",15', []).kind).toBe('urc');
  });

  it('takes an unknown prefixed line for a URC when the command asked for another prefix', () => {
    expect(classifyLine('^SYSINFOEX: 2,3,0,1', ['+CSQ:'])).toEqual({
      kind: 'urc',
      spec: { prefix: '^SYSINFOEX:', body: 'none' },
      known: false,
    });
    // ...but keeps it in the reply of a command that declared no prefix (ATI lists +GCAP:)
    expect(classifyLine('+GCAP: +CGSM,+DS,+ES', [])).toEqual({ kind: 'response' });
  });

  it('keeps unprefixed lines in the reply when a command is in flight, and calls them other when idle', () => {
    expect(classifyLine('351234567890123', [])).toEqual({ kind: 'response' });
    expect(classifyLine('351234567890123', undefined)).toEqual({ kind: 'other' });
  });

  it('does not let +CMT: catch +CMTI:', () => {
    expect(urcSpecFor('+CMTI: "SM",3')?.prefix).toBe('+CMTI:');
    expect(urcSpecFor('+CMT: ,24')?.prefix).toBe('+CMT:');
    expect(urcSpecFor('+CDSI: "SR",1')?.prefix).toBe('+CDSI:');
  });

  it('knows bare-word URCs only as whole lines', () => {
    expect(urcSpecFor('RING')?.prefix).toBe('RING');
    expect(urcSpecFor('SMS Ready')?.prefix).toBe('SMS Ready');
    expect(urcSpecFor('RINGING')).toBeUndefined();
  });

  it('reads line prefixes', () => {
    expect(linePrefix('+cmti: "SM",1')).toBe('+CMTI:');
    expect(linePrefix('^RSSI:14')).toBe('^RSSI:');
    expect(linePrefix('+CME ERROR: 10')).toBeUndefined();
    expect(linePrefix('OK')).toBeUndefined();
  });
});

describe('UrcAssembler', () => {
  it('joins +CMT with its PDU line', () => {
    const a = new UrcAssembler();
    expect(a.start(urcSpecFor('+CMT: ,24')!, '+CMT: ,24')).toBeUndefined();
    expect(a.active).toBe(true);
    const urc = a.feed('07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07');
    expect(urc).toMatchObject({ prefix: '+CMT:', line: '+CMT: ,24', lines: ['+CMT: ,24', expect.stringMatching(/^0791/)] });
    expect(a.active).toBe(false);
  });

  it('joins a +CUSD string broken over lines until its quote closes', () => {
    // Sony Ericsson Z710i, gammu issue #150: the USSD text holds a line break.
    const a = new UrcAssembler();
    expect(a.start(urcSpecFor('+CUSD: 0," Vash balans 968.98 r.')!, '+CUSD: 0," Vash balans 968.98 r.')).toBeUndefined();
    const urc = a.feed(`Dlya vas - nedelya besplatnogo SMS-obsh'eniya s drugom! Podkl.: *320#"`);
    expect(urc?.text).toBe(`+CUSD: 0," Vash balans 968.98 r.\nDlya vas - nedelya besplatnogo SMS-obsh'eniya s drugom! Podkl.: *320#"`);
  });

  it('finishes a one-line +CUSD at once', () => {
    const a = new UrcAssembler();
    expect(a.start(urcSpecFor('+CUSD: 4')!, '+CUSD: 4')?.lines).toEqual(['+CUSD: 4']);
  });
});

describe('UrcDispatcher', () => {
  it('routes by prefix, RegExp and predicate; disposing unregisters', () => {
    const errors: unknown[] = [];
    const d = new UrcDispatcher((e) => errors.push(e));
    const byPrefix = vi.fn();
    const byRegex = vi.fn();
    const byPredicate = vi.fn();
    const sub = d.on('+cmti', byPrefix);
    d.on(/^\^RSSI:/, byRegex);
    d.on((u) => u.prefix === 'RING', byPredicate);
    expect(d.dispatch(makeUrc('+CMTI:', ['+CMTI: "SM",3'], true))).toBe(1);
    d.dispatch(makeUrc('^RSSI:', ['^RSSI:14'], true));
    d.dispatch(makeUrc('RING', ['RING'], true));
    expect(byPrefix).toHaveBeenCalledTimes(1);
    expect(byRegex).toHaveBeenCalledTimes(1);
    expect(byPredicate).toHaveBeenCalledTimes(1);
    sub.dispose();
    expect(d.dispatch(makeUrc('+CMTI:', ['+CMTI: "SM",4'], true))).toBe(0);
    expect(d.size).toBe(2);
    expect(errors).toEqual([]);
  });

  it('survives a throwing handler and still runs the others', () => {
    const errors: unknown[] = [];
    const d = new UrcDispatcher((e) => errors.push(e));
    const after = vi.fn();
    d.on('RING', () => {
      throw new Error('boom');
    });
    d.on('RING', after);
    d.dispatch(makeUrc('RING', ['RING'], true));
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
  });
});
