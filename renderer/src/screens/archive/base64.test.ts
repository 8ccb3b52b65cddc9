import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

describe('bytesToBase64', () => {
  it('encodes as RFC 4648 with padding (its test vectors, §10)', () => {
    const enc = (s: string): string => bytesToBase64(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual([
      '',
      'Zg==',
      'Zm8=',
      'Zm9v',
      'Zm9vYg==',
      'Zm9vYmE=',
      'Zm9vYmFy',
    ]);
  });

  it('encodes every byte value, in a chunk larger than one slice, so that atob gives the bytes back', () => {
    const bytes = new Uint8Array(512 * 1024 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    const text = bytesToBase64(bytes);
    expect(text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(text.length).toBe(4 * Math.ceil(bytes.length / 3));
    const back = atob(text);
    expect(back.length).toBe(bytes.length);
    // Compared by hand: a deep equality of half a million elements is slow to report.
    let differing = 0;
    for (let i = 0; i < bytes.length; i++) if (back.charCodeAt(i) !== bytes[i]) differing++;
    expect(differing).toBe(0);
  });
});
