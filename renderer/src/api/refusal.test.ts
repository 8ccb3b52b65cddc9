import { afterEach, describe, expect, it } from 'vitest';
import { isResult, type ErrorCode } from '../../../main/contract';
import { setLocale, t } from '../i18n';
import { refusalKeys, refusalText } from './refusal';

afterEach(() => setLocale('en'));

const codes = Object.keys(refusalKeys) as ErrorCode[];

describe('refusals in the reader’s language', () => {
  it('has an English and a Chinese text for every contract error code', () => {
    // Each is a code the contract accepts on the wire (the Record type makes the list complete).
    for (const code of codes) expect(isResult({ ok: false, error: { code, message: '' } }), code).toBe(true);
    expect(codes).toHaveLength(6);
    for (const code of codes) {
      setLocale('en');
      const english = t(refusalKeys[code]);
      setLocale('zh');
      const chinese = t(refusalKeys[code]);
      expect(english, code).toMatch(/[a-z]/);
      expect(chinese, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says the kind of refusal in Chinese with the core’s words after it, and leaves English as the core said it', () => {
    const error = { code: 'bad-request' as const, message: 'Cancel this message before deleting it: it is waiting to be sent.' };
    expect(refusalText(error)).toBe(error.message);
    setLocale('zh');
    expect(refusalText(error)).toBe(`SMSDesk 无法完成此操作。（${error.message}）`);
    expect(refusalText({ code: 'not-found', message: '' })).toBe('该项已不在存档中。');
  });

  it('falls back to the core’s words for a code it does not know', () => {
    setLocale('zh');
    expect(refusalText({ code: 'rate-limited' as ErrorCode, message: 'Too many at once.' })).toBe('Too many at once.');
    expect(refusalText({ code: 'toString' as ErrorCode, message: 'Odd.' })).toBe('Odd.');
  });
});
