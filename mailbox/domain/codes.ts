import type { Queryable } from '../store/db';
import { placeholders } from '../store/placeholders';
import type { Policy } from './policy';
import { hashCode, newCode, sameDigest } from './secrets';

/** login and invite codes open sessions; a link code proves a station holds the number's SIM. */
export type CodePurpose = 'login' | 'invite' | 'link';

/** Stores a new one-time code (hashed) and returns the plain code for the SMS. */
export async function issueCode(
  q: Queryable,
  policy: Policy,
  key: string,
  number: string,
  purpose: CodePurpose,
  now: number,
): Promise<string> {
  const code = newCode(policy.codeDigits);
  const ttl = purpose === 'invite' ? policy.inviteCodeTtlMs : policy.loginCodeTtlMs;
  await q.run(`INSERT INTO login_codes (number, purpose, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    number,
    purpose,
    hashCode(key, number, code),
    now,
    now + ttl,
  ]);
  return code;
}

/** How many live codes are compared per try; older ones than this are ignored. */
const LIVE_CODES_COMPARED = 5;

/**
 * Spends a code if it matches one of the number's live codes (unused, unexpired, not burned by
 * wrong guesses). Every live code is compared, in constant time, whatever matches first. On a
 * miss, every live code of the number takes one attempt, so guessing burns them all.
 */
export async function spendCode(
  q: Queryable,
  policy: Policy,
  key: string,
  number: string,
  code: string,
  purposes: readonly CodePurpose[],
  now: number,
): Promise<boolean> {
  const live = await q.all<{ id: number; code_hash: string }>(
    `SELECT id, code_hash FROM login_codes
     WHERE number = $1 AND used_at IS NULL AND expires_at > $2 AND attempts < $3 AND purpose IN (${placeholders(purposes.length, 5)})
     ORDER BY id DESC LIMIT $4`,
    [number, now, policy.attemptsPerCode, LIVE_CODES_COMPARED, ...purposes],
  );
  const offered = hashCode(key, number, code);
  let match: number | undefined;
  for (const row of live) if (sameDigest(row.code_hash, offered) && match === undefined) match = row.id;
  if (match === undefined) {
    await q.run(
      `UPDATE login_codes SET attempts = attempts + 1
       WHERE number = $1 AND used_at IS NULL AND expires_at > $2 AND purpose IN (${placeholders(purposes.length, 3)})`,
      [number, now, ...purposes],
    );
    return false;
  }
  // Single use even under a race: only one transaction sees used_at still NULL.
  const res = await q.run('UPDATE login_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL', [now, match]);
  return res.changes === 1;
}
