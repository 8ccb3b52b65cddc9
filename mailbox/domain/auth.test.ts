import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, useBackends } from '../test/backends';
import { testContext, type TestContext } from '../test/context';
import { codeIn } from '../test/station-client';
import { loginWithCode, loginWithPassword, requestLoginCode, setPassword } from './auth';
import { HOUR, MINUTE } from './clock';
import { MailboxError, type MailboxErrorCode } from './errors';
import { authenticateSession } from './sessions';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const NUMBER = '+447700900123';
const ADDRESS = '198.51.100.7';

async function errorCode(p: Promise<unknown>): Promise<MailboxErrorCode | 'none'> {
  try {
    await p;
    return 'none';
  } catch (err) {
    if (err instanceof MailboxError) return err.code;
    throw err;
  }
}

async function lastCode(ctx: TestContext, to: string): Promise<string> {
  const job = (await ctx.jobs()).filter((j) => j.to_number === to).at(-1);
  if (job === undefined) throw new Error('no SMS job');
  return codeIn(job.body);
}

describe.each(DIALECTS)('login on %s', (dialect) => {
  it('queues a code SMS, stores only its hash, and opens a session with it once', async () => {
    const ctx = await testContext(backends, dialect);
    await requestLoginCode(ctx, '+44 7700 900123', ADDRESS);
    const jobs = await ctx.jobs();
    expect(jobs).toEqual([expect.objectContaining({ kind: 'login-code', to_number: NUMBER, state: 'queued' })]);
    expect(ctx.events).toContainEqual({ type: 'jobs' });
    const code = await lastCode(ctx, NUMBER);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await ctx.db.all<{ code_hash: string }>('SELECT code_hash FROM login_codes');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.code_hash).not.toContain(code);

    const session = await loginWithCode(ctx, NUMBER, code, 'laptop', ADDRESS);
    expect(session.token).toMatch(/^smsd_s_[A-Za-z0-9_-]{43}$/);
    expect(await authenticateSession(ctx.db, session.token, ctx.clock.now())).toMatchObject({ number: NUMBER });
    const tokens = await ctx.db.all<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(tokens[0]?.token_hash).not.toBe(session.token);
    // Replayed: the code is spent.
    expect(await errorCode(loginWithCode(ctx, NUMBER, code, 'laptop', ADDRESS))).toBe('bad-credentials');
  });

  it('answers the same for a registered and an unknown number', async () => {
    const ctx = await testContext(backends, dialect);
    await requestLoginCode(ctx, NUMBER, ADDRESS);
    await loginWithCode(ctx, NUMBER, await lastCode(ctx, NUMBER), 'x', ADDRESS);
    const known = await requestLoginCode(ctx, NUMBER, ADDRESS);
    const unknown = await requestLoginCode(ctx, '+447700900999', ADDRESS);
    expect(known).toEqual(unknown);
    expect((await ctx.jobs()).map((j) => j.kind)).toEqual(['login-code', 'login-code', 'login-code']);
  });

  it('expires a code after its lifetime', async () => {
    const ctx = await testContext(backends, dialect);
    await requestLoginCode(ctx, NUMBER, ADDRESS);
    const code = await lastCode(ctx, NUMBER);
    ctx.clock.advance(10 * MINUTE + 1);
    expect(await errorCode(loginWithCode(ctx, NUMBER, code, 'x', ADDRESS))).toBe('bad-credentials');
  });

  it('caps code SMS per number and per address, and the caps lift after the hour', async () => {
    const ctx = await testContext(backends, dialect);
    for (let i = 0; i < 3; i++) await requestLoginCode(ctx, NUMBER, `10.0.0.${i}`);
    expect(await errorCode(requestLoginCode(ctx, NUMBER, '10.0.0.99'))).toBe('rate-limited');
    for (let i = 0; i < 10; i++) {
      await requestLoginCode(ctx, `+4477009001${String(i).padStart(2, '0')}`, ADDRESS);
    }
    expect(await errorCode(requestLoginCode(ctx, '+447700900200', ADDRESS))).toBe('rate-limited');
    expect((await ctx.jobs()).length).toBe(13);
    ctx.clock.advance(HOUR);
    expect(await errorCode(requestLoginCode(ctx, NUMBER, ADDRESS))).toBe('none');
  });

  it('locks a number out long before 10,000 guesses, and the right code does not open it then', async () => {
    const ctx = await testContext(backends, dialect);
    await requestLoginCode(ctx, NUMBER, ADDRESS);
    const code = await lastCode(ctx, NUMBER);
    const outcomes = new Map<string, number>();
    let guess = 0;
    for (let i = 0; i < 10_000; i++, guess++) {
      const candidate = String(guess).padStart(6, '0');
      if (candidate === code) guess++;
      // Each guess from a new address, as a botnet would: the per-number lock must hold alone.
      const outcome = await errorCode(loginWithCode(ctx, NUMBER, String(guess).padStart(6, '0'), 'x', `10.1.${i >> 8}.${i & 255}`));
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(outcomes.get('none')).toBeUndefined();
    expect(outcomes.get('bad-credentials')).toBe(10);
    expect(outcomes.get('rate-limited')).toBe(9_990);
    expect(await errorCode(loginWithCode(ctx, NUMBER, code, 'x', ADDRESS))).toBe('rate-limited');
    // After the hour the lock lifts, but five wrong guesses burned the code for good.
    ctx.clock.advance(HOUR);
    expect(await errorCode(loginWithCode(ctx, NUMBER, code, 'x', ADDRESS))).toBe('bad-credentials');
  }, 60_000);

  it('locks an address that guesses across many numbers', async () => {
    const ctx = await testContext(backends, dialect);
    const outcomes: string[] = [];
    for (let i = 0; i < 60; i++) {
      outcomes.push(await errorCode(loginWithCode(ctx, `+4477009002${String(i).padStart(2, '0')}`, '123456', 'x', ADDRESS)));
    }
    expect(outcomes.slice(0, 50).every((o) => o === 'bad-credentials')).toBe(true);
    expect(outcomes.slice(50).every((o) => o === 'rate-limited')).toBe(true);
  });

  it('sets an argon2id password and logs in with it; a wrong or absent password fails alike', async () => {
    const ctx = await testContext(backends, dialect);
    await requestLoginCode(ctx, NUMBER, ADDRESS);
    const first = await loginWithCode(ctx, NUMBER, await lastCode(ctx, NUMBER), 'phone', ADDRESS);
    const me = await authenticateSession(ctx.db, first.token, ctx.clock.now());
    if (me === undefined) throw new Error('no session');
    expect(await errorCode(setPassword(ctx, me.accountId, 'short'))).toBe('bad-request');
    await setPassword(ctx, me.accountId, 'correct horse battery');
    const row = await ctx.db.one<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE id = $1', [me.accountId]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    const second = await loginWithPassword(ctx, NUMBER, 'correct horse battery', 'desktop', ADDRESS);
    expect(second.number).toBe(NUMBER);
    expect(await errorCode(loginWithPassword(ctx, NUMBER, 'wrong horse battery', 'x', ADDRESS))).toBe('bad-credentials');
    expect(await errorCode(loginWithPassword(ctx, '+447700900555', 'correct horse battery', 'x', ADDRESS))).toBe('bad-credentials');
  });

  it('refuses what is not a phone number', async () => {
    const ctx = await testContext(backends, dialect);
    expect(await errorCode(requestLoginCode(ctx, "1'; DROP TABLE accounts; --", ADDRESS))).toBe('bad-request');
    expect(await errorCode(requestLoginCode(ctx, '+1 555', ADDRESS))).toBe('bad-request');
    expect(await ctx.jobs()).toEqual([]);
  });

  it('caps the SMS one number can receive per day, whoever asks', async () => {
    const ctx = await testContext(backends, dialect, { codesPerNumberPerHour: 100, codesPerAddressPerHour: 100 });
    for (let i = 0; i < 10; i++) await requestLoginCode(ctx, NUMBER, `10.2.0.${i}`);
    expect(await errorCode(requestLoginCode(ctx, NUMBER, '10.2.1.1'))).toBe('rate-limited');
    expect((await ctx.jobs()).length).toBe(10);
  });
});
