import { describe, expect, it } from 'vitest';
import { AtCommandError, CmeError, CmsError } from './errors';
import { classifyFinal, finalResultError } from './results';

describe('classifyFinal', () => {
  // Cases after ModemManager src/tests/test-at-serial-port.c (parse_ok_tests / parse_error_tests).
  it.each([
    ['OK', { kind: 'ok' }],
    ['ERROR', { kind: 'failure', result: 'ERROR', text: 'ERROR' }],
    ['COMMAND NOT SUPPORT', { kind: 'failure', result: 'COMMAND NOT SUPPORT', text: 'COMMAND NOT SUPPORT' }],
    ['NO CARRIER', { kind: 'failure', result: 'NO CARRIER', text: 'NO CARRIER' }],
    ['BUSY', { kind: 'failure', result: 'BUSY', text: 'BUSY' }],
    ['NO ANSWER', { kind: 'failure', result: 'NO ANSWER', text: 'NO ANSWER' }],
    ['NO DIALTONE', { kind: 'failure', result: 'NO DIALTONE', text: 'NO DIALTONE' }],
    ['+CMS ERROR: 500', { kind: 'cms', code: 500, text: '+CMS ERROR: 500' }],
    ['+CME ERROR: 11', { kind: 'cme', code: 11, text: '+CME ERROR: 11' }],
    ['+CME ERROR: raspberry', { kind: 'cme', code: undefined, text: '+CME ERROR: raspberry' }],
    ['+CME ERROR: ', { kind: 'cme', code: undefined, text: '+CME ERROR:' }],
    // Verbose errors (AT+CMEE=2), as SIM800 and Quectel print them
    ['+CME ERROR: SIM PIN required', { kind: 'cme', code: 11, text: '+CME ERROR: SIM PIN required' }],
    ['+CMS ERROR: invalid memory index', { kind: 'cms', code: 321, text: '+CMS ERROR: invalid memory index' }],
  ])('%j is final', (line, expected) => {
    expect(classifyFinal(line)).toEqual(expected);
  });

  it.each(['+CME ERROR:', '+CSQ: 15,99', 'OKAY', '0791448720003023', 'UNKNOWN COMMAND', 'RING'])('%j is not final', (line) => {
    expect(classifyFinal(line)).toBeUndefined();
  });
});

describe('finalResultError', () => {
  it('maps +CMS ERROR to CmsError with the code, words for people, and a retry hint', () => {
    // Cinterion MC75i answering AT+CNMI=2,1,0,2,0 (gammu issue #1206)
    const err = finalResultError(classifyFinal('+CMS ERROR:538')!, 'AT+CNMI=2,1,0,2,0');
    expect(err).toBeInstanceOf(CmsError);
    expect(err).toMatchObject({ code: 'AT_CMS', cms: 538, command: 'AT+CNMI=2,1,0,2,0', detail: '+CMS ERROR:538' });
    expect(err?.message).toBe('The modem reported its own error 538.');
    const busy = finalResultError(classifyFinal('+CMS ERROR: 42')!) as CmsError;
    expect(busy.retry).toBe('transient');
    expect(busy.message).toMatch(/busy/);
    const unknownNumber = finalResultError(classifyFinal('+CMS ERROR: 1')!) as CmsError;
    expect(unknownNumber.retry).toBe('permanent');
  });

  it('maps +CME ERROR: 11 to "The SIM needs its PIN"', () => {
    // python-gsmmodem test/fakemodems.py: pinRequiredErrorResponse = '+CME ERROR: 11'
    const err = finalResultError(classifyFinal('+CME ERROR: 11')!, 'AT+CMGL=4') as CmeError;
    expect(err).toBeInstanceOf(CmeError);
    expect(err.cme).toBe(11);
    expect(err.message).toBe('The SIM needs its PIN.');
  });

  it('maps COMMAND NOT SUPPORT (Huawei E1752) to AtCommandError', () => {
    const err = finalResultError(classifyFinal('COMMAND NOT SUPPORT')!, 'AT+WIND?');
    expect(err).toBeInstanceOf(AtCommandError);
    expect(err).toMatchObject({ code: 'AT_COMMAND', result: 'COMMAND NOT SUPPORT' });
    expect(err?.message).toBe('The modem does not support this command.');
  });

  it('gives no error for OK', () => {
    expect(finalResultError({ kind: 'ok' })).toBeUndefined();
  });
});
