import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'smsdesk_session';

/**
 * Access to the web bridge: a secret login token (printed once in the URL) buys
 * a session cookie. Only hashes of sessions are kept, and comparisons take the
 * same time whatever the input.
 */
export class WebAuth {
  readonly token: string;
  readonly #tokenHash: Buffer;
  readonly #sessions = new Set<string>();

  constructor(token: string = randomBytes(24).toString('base64url')) {
    this.token = token;
    this.#tokenHash = sha256(token);
  }

  /** A new session id when `candidate` is the login token, else null. */
  login(candidate: string | null): string | null {
    if (candidate === null || !timingSafeEqual(sha256(candidate), this.#tokenHash)) return null;
    const session = randomBytes(32).toString('base64url');
    this.#sessions.add(sha256(session).toString('hex'));
    return session;
  }

  isSession(cookieHeader: string | undefined): boolean {
    const session = readCookie(cookieHeader, SESSION_COOKIE);
    return session !== null && this.#sessions.has(sha256(session).toString('hex'));
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
