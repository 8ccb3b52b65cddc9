import { describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n';
import { canReply, statusWords } from './words';

const base = { statusReason: null, partCount: 1, partsReceived: null } as const;

describe('message status in words', () => {
  it('says every status plainly, with the reason when there is one', () => {
    setLocale('en');
    expect(statusWords({ ...base, status: 'queued' })).toBe('Queued');
    expect(statusWords({ ...base, status: 'sending' })).toBe('Sending…');
    expect(statusWords({ ...base, status: 'sent' })).toBe('Sent');
    expect(statusWords({ ...base, status: 'delivered' })).toBe('Delivered');
    expect(statusWords({ ...base, status: 'cancelled' })).toBe('Cancelled');
    expect(statusWords({ ...base, status: 'failed' })).toBe('Failed');
    expect(statusWords({ ...base, status: 'failed', statusReason: 'The number does not exist.' })).toBe(
      'Failed: The number does not exist.',
    );
    expect(statusWords({ ...base, status: 'unconfirmed', statusReason: 'The modem did not answer.' })).toBe(
      'Unconfirmed: The modem did not answer.',
    );
    expect(statusWords({ ...base, status: 'incomplete', partCount: 3, partsReceived: 2 })).toBe('Incomplete: 2 of 3 parts');
  });
  it('in Chinese too', () => {
    setLocale('zh');
    try {
      expect(statusWords({ ...base, status: 'delivered' })).toBe('已送达');
      expect(statusWords({ ...base, status: 'incomplete', partCount: 3, partsReceived: 2 })).toBe('不完整：已收到 3 段中的 2 段');
    } finally {
      setLocale('en');
    }
  });
});

describe('canReply', () => {
  it('answers numbers and short codes, not sender names', () => {
    expect(canReply('+491701234567')).toBe(true);
    expect(canReply('22833')).toBe(true);
    expect(canReply('DHL Paket')).toBe(false);
    expect(canReply('SMSDesk')).toBe(false);
    expect(canReply('+49 170')).toBe(false);
    expect(canReply('')).toBe(false);
  });
});
