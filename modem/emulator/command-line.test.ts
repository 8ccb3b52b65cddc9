import { describe, expect, it } from 'vitest';
import { parseCommandLine, splitArgs } from './command-line';

describe('parseCommandLine', () => {
  it('parses basic, extended and concatenated commands (V.250 §5.2)', () => {
    expect(parseCommandLine('ATE0V1')).toEqual({
      ok: true,
      commands: [
        { name: 'E', form: 'exec', args: '0' },
        { name: 'V', form: 'exec', args: '1' },
      ],
    });
    expect(parseCommandLine('AT+CMGF=0;+CNMI=2,1,0,2,0')).toEqual({
      ok: true,
      commands: [
        { name: '+CMGF', form: 'set', args: '0' },
        { name: '+CNMI', form: 'set', args: '2,1,0,2,0' },
      ],
    });
    expect(parseCommandLine('at+cpms?')).toEqual({ ok: true, commands: [{ name: '+CPMS', form: 'read', args: '' }] });
    expect(parseCommandLine('AT+CNMI=?')).toEqual({ ok: true, commands: [{ name: '+CNMI', form: 'test', args: '' }] });
    expect(parseCommandLine('AT&F')).toEqual({ ok: true, commands: [{ name: '&F', form: 'exec', args: '' }] });
    expect(parseCommandLine('AT')).toEqual({ ok: true, commands: [] });
    expect(parseCommandLine('AT^CURC=0')).toEqual({ ok: true, commands: [{ name: '^CURC', form: 'set', args: '0' }] });
  });

  it('keeps ";" inside quoted arguments', () => {
    expect(parseCommandLine('AT+CUSD=1,"*100;1#",15;+CSQ')).toEqual({
      ok: true,
      commands: [
        { name: '+CUSD', form: 'set', args: '1,"*100;1#",15' },
        { name: '+CSQ', form: 'exec', args: '' },
      ],
    });
  });

  it('gives dial the rest of the line', () => {
    expect(parseCommandLine('ATD+4912345;')).toEqual({ ok: true, commands: [{ name: 'D', form: 'exec', args: '+4912345;' }] });
  });

  it('rejects lines that are not commands', () => {
    expect(parseCommandLine('hello').ok).toBe(false);
    expect(parseCommandLine('AT+').ok).toBe(false);
    expect(parseCommandLine('ATY').ok).toBe(false);
  });
});

describe('splitArgs', () => {
  it('splits at commas outside quotes and keeps empty arguments', () => {
    expect(splitArgs('2,1,,2')).toEqual([
      { value: '2', quoted: false },
      { value: '1', quoted: false },
      { value: '', quoted: false },
      { value: '2', quoted: false },
    ]);
    expect(splitArgs('"SM","ME"')).toEqual([
      { value: 'SM', quoted: true },
      { value: 'ME', quoted: true },
    ]);
    expect(splitArgs('1,"a,b",15')[1]).toEqual({ value: 'a,b', quoted: true });
  });
});
