import { ensureAccount, findAccount } from './accounts';
import { issueCode, spendCode } from './codes';
import type { MailboxContext } from './context';
import { hit } from './counters';
import { MailboxError } from './errors';
import { enqueueJob } from './jobs';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { normaliseNumber, type E164 } from './phone';
import { WINDOW } from './policy';
import { createSession } from './sessions';
import { serverKey } from './settings';

export interface LoginResult {
  readonly token: string;
  readonly sessionId: number;
  readonly number: string;
}

/**
 * Asks for a login code by SMS. The answer is the same whether or not the number has an
 * account (it never looks): either the code is queued for a station, or a cap said no.
 */
export async function requestLoginCode(ctx: MailboxContext, rawNumber: string, address: string): Promise<void> {
  const number = normaliseNumber(rawNumber);
  const { policy } = ctx;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // Over a cap the transaction rolls back, so a refused request does not count against
    // later ones; the count stays at the cap until the window ends.
    if (
      (await hit(tx, 'code-addr', address, WINDOW.hour, now)) > policy.codesPerAddressPerHour ||
      (await hit(tx, 'code-num', number, WINDOW.hour, now)) > policy.codesPerNumberPerHour
    ) {
      throw new MailboxError('rate-limited', 'Too many codes asked for. Wait an hour and try again.');
    }
    const code = await issueCode(tx, policy, await serverKey(tx), number, 'login', now);
    const minutes = Math.round(policy.loginCodeTtlMs / 60_000);
    await enqueueJob(
      tx,
      policy,
      {
        kind: 'login-code',
        to: number,
        body: `Your SMSDesk code is ${code}. It works once, for ${minutes} minutes. Do not share it.`,
      },
      now,
    );
  });
  await ctx.notifier.publish([{ type: 'jobs' }]);
}

/**
 * Checks the locks, then runs `tryOpen`; a failure is counted against the number and the
 * address in its own committed transaction, so the count survives the error reply.
 */
async function attempt(
  ctx: MailboxContext,
  number: E164,
  address: string,
  tryOpen: () => Promise<LoginResult | undefined>,
): Promise<LoginResult> {
  const { policy } = ctx;
  const now = ctx.clock.now();
  const windowStart = now - (now % WINDOW.hour);
  const windowEnd = windowStart + WINDOW.hour;
  const known = lockMemo(ctx);
  if ((known.get(`n:${number}`) ?? 0) > now || (known.get(`a:${address}`) ?? 0) > now) throw lockedError();
  // Checked before any code or password work, in one round trip.
  const counts = await ctx.db.one<{ num: number | null; addr: number | null }>(
    `SELECT
       (SELECT count FROM rate_counters WHERE scope = 'fail-num' AND subject = $1 AND window_start = $3) AS num,
       (SELECT count FROM rate_counters WHERE scope = 'fail-addr' AND subject = $2 AND window_start = $3) AS addr`,
    [number, address, windowStart],
  );
  const numLocked = (counts?.num ?? 0) >= policy.failuresPerNumberPerHour;
  const addrLocked = (counts?.addr ?? 0) >= policy.failuresPerAddressPerHour;
  if (numLocked || addrLocked) {
    remember(known, numLocked ? `n:${number}` : `a:${address}`, windowEnd, now);
    throw lockedError();
  }
  const opened = await tryOpen();
  if (opened !== undefined) return opened;
  await ctx.db.transaction(async (tx) => {
    await hit(tx, 'fail-num', number, WINDOW.hour, now);
    await hit(tx, 'fail-addr', address, WINDOW.hour, now);
  });
  throw new MailboxError('bad-credentials', 'That number and code (or password) do not match.');
}

function lockedError(): MailboxError {
  return new MailboxError('rate-limited', 'Too many wrong tries. This login is locked for up to an hour.');
}

/**
 * Locks this process has already seen, until their window ends: a guessing attack against a
 * locked number then costs no database work at all. The database stays the truth (other
 * processes learn a lock from it); this only saves asking again.
 */
const lockMemos = new WeakMap<MailboxContext, Map<string, number>>();
const MAX_REMEMBERED_LOCKS = 10_000;

function lockMemo(ctx: MailboxContext): Map<string, number> {
  let memo = lockMemos.get(ctx);
  if (memo === undefined) lockMemos.set(ctx, (memo = new Map()));
  return memo;
}

function remember(memo: Map<string, number>, key: string, until: number, now: number): void {
  if (memo.size >= MAX_REMEMBERED_LOCKS) {
    for (const [k, end] of memo) if (end <= now) memo.delete(k);
    // Still full of live locks: forget the oldest; the database still answers for it.
    if (memo.size >= MAX_REMEMBERED_LOCKS) {
      const oldest = memo.keys().next();
      if (oldest.done !== true) memo.delete(oldest.value);
    }
  }
  memo.set(key, until);
}

/** The codes that open a session; link codes only ever verify a station. */
const LOGIN_PURPOSES = ['login', 'invite'] as const;

/** Number + one-time code → a new device session (and the account, on first login). */
export async function loginWithCode(
  ctx: MailboxContext,
  rawNumber: string,
  code: string,
  deviceName: string,
  address: string,
): Promise<LoginResult> {
  const number = normaliseNumber(rawNumber);
  const now = ctx.clock.now();
  // Spending the code and opening the session are one transaction: a code is never spent
  // without a session to show for it.
  return attempt(ctx, number, address, () =>
    ctx.db.transaction(async (tx) => {
      if (!(await spendCode(tx, ctx.policy, await serverKey(tx), number, code, LOGIN_PURPOSES, now))) return undefined;
      const accountId = await ensureAccount(tx, number, now);
      await tx.run('UPDATE accounts SET registered_at = $1 WHERE id = $2 AND registered_at IS NULL', [now, accountId]);
      const session = await createSession(tx, accountId, deviceName, now);
      return { token: session.token, sessionId: session.id, number };
    }),
  );
}

/** Number + password (for accounts that set one) → a new device session. */
export async function loginWithPassword(
  ctx: MailboxContext,
  rawNumber: string,
  password: string,
  deviceName: string,
  address: string,
): Promise<LoginResult> {
  const number = normaliseNumber(rawNumber);
  return attempt(ctx, number, address, async () => {
    const account = await findAccount(ctx.db, number);
    const stored = account?.registered_at != null ? account.password_hash : null;
    // Verified even for unknown numbers (against a decoy): the same time either way.
    const good = await verifyPassword(stored, password.slice(0, MAX_PASSWORD_LENGTH));
    if (!good || account === undefined) return undefined;
    const session = await ctx.db.transaction((tx) => createSession(tx, account.id, deviceName, ctx.clock.now()));
    return { token: session.token, sessionId: session.id, number };
  });
}

/** Sets (or replaces) the account's password; a session is proof enough of the number. */
export async function setPassword(ctx: MailboxContext, accountId: number, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new MailboxError('bad-request', `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`);
  }
  const hashed = await hashPassword(password);
  await ctx.db.run('UPDATE accounts SET password_hash = $1 WHERE id = $2', [hashed, accountId]);
}
