import { describe, expect, it } from 'vitest';
import { hashCode, hashToken, newCode, newToken, sameDigest, tokenKind } from './secrets';

describe('secrets', () => {
  it('makes tokens of each kind with 256 random bits and tells them apart', () => {
    const session = newToken('session');
    const station = newToken('station');
    expect(session).toMatch(/^smsd_s_[A-Za-z0-9_-]{43}$/);
    expect(station).toMatch(/^smsd_st_[A-Za-z0-9_-]{43}$/);
    expect(tokenKind(session)).toBe('session');
    expect(tokenKind(station)).toBe('station');
    expect(tokenKind('Bearer x')).toBeUndefined();
    expect(newToken('session')).not.toBe(session);
    expect(hashToken(session)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('draws codes of the asked length from all ten digits', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = newCode(6);
      expect(code).toMatch(/^\d{6}$/);
      for (const d of code) seen.add(d);
    }
    expect(seen.size).toBe(10);
  });

  it('binds a code hash to the server key and the number', () => {
    const h = hashCode('k1', '+14155550101', '123456');
    expect(sameDigest(h, hashCode('k1', '+14155550101', '123456'))).toBe(true);
    expect(sameDigest(h, hashCode('k2', '+14155550101', '123456'))).toBe(false);
    expect(sameDigest(h, hashCode('k1', '+14155550102', '123456'))).toBe(false);
    expect(sameDigest(h, hashCode('k1', '+14155550101', '123457'))).toBe(false);
    expect(sameDigest(h, '')).toBe(false);
    expect(sameDigest(h, h.slice(0, 32))).toBe(false);
  });
});
