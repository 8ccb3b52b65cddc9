import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * argon2id, written as its numeric value: the package declares `Algorithm` as an ambient const
 * enum, which isolated-module builds cannot read. A test checks the hashes say `$argon2id$`.
 */
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id minimum (19 MiB, 2 passes): costly for a cracker, ~tens of ms for us. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * A hash of a password nobody knows, verified when the number has no password, so a login
 * attempt takes as long whether or not the number has one (no timing oracle).
 */
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash('smsdesk-decoy-password', OPTIONS);
    await verify(await decoy, password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
