import { describe, expect, it } from 'vitest';
import { checkServerUrl } from './account-server-url';

describe('checkServerUrl', () => {
  it('keeps http and https addresses, with a path prefix, ending in a slash', () => {
    expect(checkServerUrl(' https://mailbox.example.org ')).toEqual({ ok: true, url: 'https://mailbox.example.org/' });
    expect(checkServerUrl('http://127.0.0.1:8787')).toEqual({ ok: true, url: 'http://127.0.0.1:8787/' });
    expect(checkServerUrl('https://example.org/smsdesk')).toEqual({ ok: true, url: 'https://example.org/smsdesk/' });
  });

  it('puts https:// before a bare host', () => {
    expect(checkServerUrl('mailbox.example.org')).toEqual({ ok: true, url: 'https://mailbox.example.org/' });
  });

  it('refuses other schemes, credentials, queries and nonsense, in words', () => {
    for (const bad of ['ftp://example.org', 'javascript:alert(1)', 'file:///etc/passwd', 'ws://example.org']) {
      expect(checkServerUrl(bad)).toMatchObject({ ok: false, reason: expect.stringContaining('https://') });
    }
    expect(checkServerUrl('https://me:secret@example.org')).toMatchObject({ ok: false, reason: expect.stringContaining('password') });
    expect(checkServerUrl('https://example.org/?token=1')).toMatchObject({ ok: false });
    expect(checkServerUrl('https://exa mple.org')).toMatchObject({ ok: false, reason: 'That is not a web address.' });
    expect(checkServerUrl('   ')).toMatchObject({ ok: false });
  });
});
