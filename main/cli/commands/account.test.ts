/**
 * `smsdesk account …` against a real mailbox server (SQLite) whose login codes reach the
 * emulator's handsets through a gateway station (main/sync/testing.ts).
 */
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../archive/index';
import { B_NUMBER, C_NUMBER, codeIn, GATEWAY_NUMBER, sqliteBackends, startWorld, thread, until, type World } from '../../sync/testing';
import { MailboxClient, memoryTokenStore } from '../../sync/index';
import { runCli } from '../main';
import { fakeIo } from '../testing';
import { parseSession } from './account';

const backends = sqliteBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

let world: World | undefined;
afterEach(async () => {
  delete process.env['SMSDESK_ACCOUNT_SESSION'];
  await world?.cleanup();
  world = undefined;
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo();
  const code = await runCli(argv, io);
  return { code, out: io.text(), err: io.err.join('') };
}

describe('smsdesk account', () => {
  it('logs in by the code typed from the SMS, syncs a message and the contacts, says its status, and logs out', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const db = join(dirname(backends.freshSqliteFile()), 'cli-archive.sqlite');

    // Without a session every command but login says what to do.
    const early = await run(['account', 'sync', '--db', db]);
    expect(early.code).toBe(2);
    expect(early.err).toContain('SMSDESK_ACCOUNT_SESSION');

    // The code arrives on B's handset; the "person" types it when the prompt asks.
    const handset = w.handset(B_NUMBER);
    const before = handset.inbox.length;
    const io = fakeIo();
    io.stdin = async function* () {
      const sms = await until(() => handset.inbox.slice(before).find((m) => m.from === GATEWAY_NUMBER), 'the code SMS');
      yield codeIn(sms.text);
    };
    expect(await runCli(['account', 'login', B_NUMBER, '--server', w.url, '--db', db], io)).toBe(0);
    expect(io.err.join('')).toContain(`A code is on its way to ${B_NUMBER}`);
    const line = /^SMSDESK_ACCOUNT_SESSION=(.+)$/m.exec(io.text())?.[1] ?? '';
    const session = parseSession(line);
    expect(session).toMatchObject({ number: B_NUMBER });
    process.env['SMSDESK_ACCOUNT_SESSION'] = line;

    // C writes to B; C is in B's contacts (and registered), another number is not.
    const c = w.core('c');
    await w.loginByHandset(c, C_NUMBER);
    c.engine.send({ to: B_NUMBER, text: 'For the headless archive.' });
    const archive = openArchive(db);
    archive.contacts.upsert({ displayName: 'Cem', addresses: [{ value: C_NUMBER }] });
    archive.contacts.upsert({ displayName: 'Nobody', addresses: [{ value: '+491555000099' }] });
    archive.close();
    await until(async () => {
      const synced = await run(['account', 'sync', '--db', db]);
      expect(synced.code).toBe(0);
      return synced.out.includes('1 new message(s)') ? synced : undefined;
    }, 'the message synced');
    const after = openArchive(db);
    expect(thread(after, C_NUMBER).map((m) => [m.channel, m.body])).toEqual([['mailbox', 'For the headless archive.']]);
    after.close();
    const again = await run(['account', 'sync', '--db', db]);
    expect(again.out).toContain('0 new message(s)');
    expect(again.out).toContain('1 of 2 contact number(s) are on the mailbox.');

    const status = await run(['account', 'status', '--db', db, '--json']);
    expect(JSON.parse(status.out)).toMatchObject({
      state: 'signed-in',
      number: B_NUMBER,
      pendingSends: 0,
      devices: [{ name: 'SMSDesk CLI', current: true }],
    });

    const out = await run(['account', 'logout', '--db', db]);
    expect(out).toMatchObject({ code: 0, out: expect.stringContaining(`Logged out ${B_NUMBER}`) });
    const stale = new MailboxClient({ url: w.url, tokens: memoryTokenStore(session) });
    await expect(stale.devices()).rejects.toMatchObject({ code: 'unauthorized' });
    const refused = await run(['account', 'status', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('log in again');
  }, 60_000);

  it('refuses a login without a number, and a session line it did not print', async () => {
    expect((await run(['account', 'login'])).err).toContain('Give the phone number');
    process.env['SMSDESK_ACCOUNT_SESSION'] = 'not a session';
    const bad = await run(['account', 'logout', '--db', ':memory:']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not a session');
  });
});
