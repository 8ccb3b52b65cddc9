import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io';
import { runCli } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'smsdesk-mbcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdin: async function* () {},
    interrupted: () => Promise.resolve(),
  };
  const status = await runCli(argv, io);
  return { status, out, err };
}

describe('smsdesk mailbox station', () => {
  it('adds a station with a one-time token, lists it, and revokes it', async () => {
    const db = join(dir, 'mb.sqlite');
    const added = await cli('mailbox', 'station', 'add', 'office-modem', '--db', db, '--json');
    expect(added.status).toBe(0);
    const { station, token } = JSON.parse(added.out) as { station: { id: number; name: string }; token: string };
    expect(station.name).toBe('office-modem');
    expect(token).toMatch(/^smsd_st_[\w-]{30,}$/);

    const listed = await cli('mailbox', 'station', 'list', '--db', db);
    expect(listed.out).toMatch(new RegExp(`^ +${station.id}  office-modem  never connected\\n$`));
    // The token is never shown again, and the database keeps only its hash.
    expect(listed.out).not.toContain(token);

    expect((await cli('mailbox', 'station', 'revoke', String(station.id), '--db', db)).out).toBe(`Station ${station.id} revoked.\n`);
    expect((await cli('mailbox', 'station', 'revoke', String(station.id), '--db', db)).status).toBe(1);
    expect((await cli('mailbox', 'station', 'list', '--db', db)).out).toContain('revoked');
  });

  it('explains what is wrong with the arguments', async () => {
    expect((await cli('mailbox', 'station', 'add', '--db', join(dir, 'x.sqlite'))).err).toContain('Give the new station a name');
    expect((await cli('mailbox', 'station', 'frob')).err).toContain('Say what to do: add NAME, list, or revoke ID.');
    const both = await cli('mailbox', 'station', 'list', '--db', 'a', '--pg', 'postgres://x/y');
    expect(both).toMatchObject({ status: 2, err: 'smsdesk mailbox station: Give either --db FILE or --pg URL, not both.\n' });
    expect((await cli('mailbox', 'serve', '--pg', 'mysql://nope')).err).toContain('--pg must be a PostgreSQL URL');
  });
});

describe('smsdesk mailbox serve', () => {
  it('starts with the invitation answer words it is given, and stops when interrupted', async () => {
    const db = join(dir, 'serve.sqlite');
    const served = await cli('mailbox', 'serve', '--port', '0', '--db', db, '--accept-words', 'Ja, jö', '--decline-words', 'NEIN');
    expect(served.status).toBe(0);
    expect(served.out).toMatch(/^SMSDesk mailbox server on http:\/\/127\.0\.0\.1:\d+ \(SQLite: /);
    expect(served.out).toContain('Invitations are accepted by ja, jo and declined by nein.\n');
    expect(served.out).toMatch(/Stopped\.\n$/);
  });

  it('refuses answer words that are empty or both accept and decline, before listening', async () => {
    const db = join(dir, 'refused.sqlite');
    const overlap = await cli('mailbox', 'serve', '--port', '0', '--db', db, '--accept-words', 'yes,ok', '--decline-words', 'no,OK!');
    expect(overlap).toMatchObject({ status: 2, err: 'smsdesk mailbox serve: "ok" cannot both accept and decline.\n', out: '' });
    const empty = await cli('mailbox', 'serve', '--port', '0', '--db', db, '--accept-words', 'yes,,');
    expect(empty.err).toContain('is no use as a keyword to accept');
  });
});
