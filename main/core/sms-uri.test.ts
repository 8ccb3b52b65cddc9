import { describe, expect, it } from 'vitest';
import { MAX_RECIPIENTS, parseSmsUri } from './sms-uri';

describe('parseSmsUri', () => {
  // Examples from RFC 5724 §2.5.
  it('reads the RFC 5724 examples', () => {
    expect(parseSmsUri('sms:+15105550101')).toEqual({ ok: true, value: { to: ['+15105550101'], body: '' } });
    expect(parseSmsUri('sms:+15105550101,+15105550102')).toEqual({ ok: true, value: { to: ['+15105550101', '+15105550102'], body: '' } });
    expect(parseSmsUri('sms:+15105550101?body=hello%20there')).toEqual({
      ok: true,
      value: { to: ['+15105550101'], body: 'hello there' },
    });
  });

  it('accepts the forms senders use besides the RFC: sms://, &body=, visual separators, upper case', () => {
    expect(parseSmsUri('sms://+49 (170) 123-45.67')).toEqual({ ok: true, value: { to: ['+491701234567'], body: '' } });
    expect(parseSmsUri('sms:0170123456&body=Hi')).toEqual({ ok: true, value: { to: ['0170123456'], body: 'Hi' } });
    expect(parseSmsUri('SMS:+491701234567?BODY=Hi')).toEqual({ ok: true, value: { to: ['+491701234567'], body: 'Hi' } });
    expect(parseSmsUri('sms:+491701234567;phone-context=+49?body=x')).toEqual({ ok: true, value: { to: ['+491701234567'], body: 'x' } });
  });

  it('decodes UTF-8 text, keeps + as +, and ignores fields other than body', () => {
    expect(parseSmsUri('sms:123?foo=bar&body=1+1%3D2%20%F0%9F%98%80%20%E4%BD%A0%E5%A5%BD')).toEqual({
      ok: true,
      value: { to: ['123'], body: '1+1=2 😀 你好' },
    });
  });

  it('gives a draft with no recipient when the link names none', () => {
    expect(parseSmsUri('sms:?body=Call%20me')).toEqual({ ok: true, value: { to: [], body: 'Call me' } });
  });

  it('refuses what is not an sms: link, broken escapes, non-numbers, too many recipients', () => {
    expect(parseSmsUri('https://example.org')).toMatchObject({ ok: false, reason: 'This is not an sms: link.' });
    expect(parseSmsUri('sms:123?body=%E4%BD')).toMatchObject({ ok: false, reason: expect.stringContaining('%-escape in its text') });
    expect(parseSmsUri('sms:%ZZ')).toMatchObject({ ok: false, reason: expect.stringContaining('%-escape in its number') });
    expect(parseSmsUri('sms:<script>')).toMatchObject({ ok: false, reason: expect.stringContaining('is not a phone number') });
    const many = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `+4917000000${String(i).padStart(2, '0')}`).join(',');
    expect(parseSmsUri(`sms:${many}`)).toMatchObject({ ok: false, reason: expect.stringContaining(`${MAX_RECIPIENTS + 1} recipients`) });
    expect(parseSmsUri(`sms:1?body=${'a'.repeat(40_000)}`)).toMatchObject({ ok: false, reason: expect.stringContaining('too long') });
  });
});
