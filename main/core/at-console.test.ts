import { describe, expect, it } from 'vitest';
import { assessAtCommand, parseCommandLine } from './at-console';

describe('parseCommandLine (V.250 §5.3 command lines)', () => {
  it('splits basic and extended commands, with their forms', () => {
    expect(parseCommandLine('ATE0V1+CMEE=1;+CREG?;+CPMS=?')).toEqual([
      { kind: 'basic', name: 'E', arg: '0' },
      { kind: 'basic', name: 'V', arg: '1' },
      { kind: 'extended', name: '+CMEE', form: 'set', value: '1' },
      { kind: 'extended', name: '+CREG', form: 'read', value: '' },
      { kind: 'extended', name: '+CPMS', form: 'test', value: '' },
    ]);
    expect(parseCommandLine('at&f')).toEqual([{ kind: 'basic', name: '&F', arg: '' }]);
    expect(parseCommandLine('ATD+4915112345678;')).toEqual([{ kind: 'basic', name: 'D', arg: '+4915112345678' }]);
  });

  it('keeps a quoted ; inside its argument', () => {
    expect(parseCommandLine('AT+CUSD=1,"*1;2#",15')).toEqual([{ kind: 'extended', name: '+CUSD', form: 'set', value: '1,"*1;2#",15' }]);
  });
});

describe('assessAtCommand', () => {
  it('lets reads, tests and harmless commands through', () => {
    for (const command of [
      'AT',
      'ATI',
      'AT+CSQ',
      'AT+CREG?',
      'AT+CMGF?',
      'AT+CMGF=0',
      'AT+CFUN?',
      'AT+CNMI=?',
      'ATE0',
      'ATE',
      'AT+CMEE=2',
      'AT+CGMM',
    ]) {
      expect(assessAtCommand(command), command).toEqual([]);
    }
  });

  it('asks before commands that would break the driver, cost money or spend SIM tries', () => {
    expect(assessAtCommand('ATE1')).toEqual(['echo']);
    expect(assessAtCommand('ATV0')).toEqual(['result-codes']);
    expect(assessAtCommand('ATV')).toEqual(['result-codes']);
    expect(assessAtCommand('ATQ1')).toEqual(['result-codes']);
    expect(assessAtCommand('ATZ')).toEqual(['reset']);
    expect(assessAtCommand('AT&F')).toEqual(['reset']);
    expect(assessAtCommand('AT+CMGF=1')).toEqual(['text-mode']);
    expect(assessAtCommand('at+cfun=0')).toEqual(['radio']);
    expect(assessAtCommand('AT+CFUN=1,1')).toEqual(['radio']);
    expect(assessAtCommand('AT+CNMI=2,1,0,0,0')).toEqual(['notices']);
    expect(assessAtCommand('AT+CPMS="ME","ME","ME"')).toEqual(['storage']);
    expect(assessAtCommand('AT+CSCS="UCS2"')).toEqual(['charset']);
    expect(assessAtCommand('AT+CMEE=0')).toEqual(['errors']);
    expect(assessAtCommand('AT+IPR=9600')).toEqual(['baud']);
    expect(assessAtCommand('AT+CMGD=1,4')).toEqual(['delete']);
    expect(assessAtCommand('AT+CMGS=23')).toEqual(['send']);
    expect(assessAtCommand('AT+CPIN="1234"')).toEqual(['sim-code']);
    expect(assessAtCommand('AT+COPS=2')).toEqual(['operator']);
    expect(assessAtCommand('ATD+4915112345678;')).toEqual(['call']);
  });

  it('finds a risky command hidden in a longer line', () => {
    expect(assessAtCommand('AT+CSQ;+CMGF=1')).toEqual(['text-mode']);
    expect(assessAtCommand('ATE0E1')).toEqual(['echo']);
    expect(assessAtCommand('ATZ;+CFUN=0').sort()).toEqual(['radio', 'reset']);
  });
});
