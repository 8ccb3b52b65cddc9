import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export type TokenKind = 'session' | 'station';

const PREFIX: Readonly<Record<TokenKind, string>> = { session: 'smsd_s_', station: 'smsd_st_' };

/** A bearer token: a kind prefix (so a leaked token is recognisable) and 256 random bits. */
export function newToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function tokenKind(token: string): TokenKind | undefined {
  // Station first: its prefix extends the session prefix.
  if (token.startsWith(PREFIX.station)) return 'station';
  if (token.startsWith(PREFIX.session)) return 'session';
  return undefined;
}

/** Tokens carry 256 bits, so a plain SHA-256 is enough to make a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A one-time code of `digits` decimal digits, uniformly drawn. */
export function newCode(digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}

/**
 * Codes have few bits, so they are hashed with the server's secret key and bound to the number:
 * a copied table alone does not reveal them, and a code for one number is worthless for another.
 */
export function hashCode(serverKey: string, number: string, code: string): string {
  return createHmac('sha256', serverKey).update(`${number}\n${code}`).digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
