import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand as run } from '../testing';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function tempDb(): string {
  dir = mkdtempSync(join(tmpdir(), 'cli-rules-'));
  return join(dir, 'archive.sqlite');
}

describe('smsdesk rules', () => {
  it('adds each kind of rule, lists them and removes one', async () => {
    const db = tempDb();
    expect(await run(['rules', 'list', '--db', db])).toMatchObject({ code: 0, out: 'No rules yet.\n' });
    expect(await run(['rules', 'add', 'auto-reply', '--keyword', 'INFO', '--text', 'Open 9 to 5', '--db', db])).toMatchObject({
      code: 0,
      out: 'Rule 1 added: a message starting with "INFO" from anyone → reply "Open 9 to 5".\n',
    });
    expect(
      (
        await run([
          'rules',
          'add',
          'forward',
          '--to',
          '+491709999999',
          '--from',
          '+491701234567',
          '--from',
          '+491701234568',
          '--per-hour',
          '20',
          '--db',
          db,
        ])
      ).out,
    ).toBe('Rule 2 added: a message from +491701234567, +491701234568 → forward to +491709999999.\n');
    const call = JSON.parse(
      (await run(['rules', 'add', 'missed-call', '--text', 'Closed today', '--flash', '--reject', '--db', db, '--json'])).out,
    ) as Record<string, unknown>;
    expect(call).toMatchObject({ id: 3, kind: 'missed-call', flash: true, rejectCall: true, perHour: 3, text: 'Closed today' });

    expect((await run(['rules', 'list', '--db', db])).out).toBe(
      [
        '   1  auto-reply   a message starting with "INFO" from anyone → reply "Open 9 to 5"; at most 3 per number per hour',
        '   2  forward      a message from +491701234567, +491701234568 → forward to +491709999999; at most 20 per number per hour',
        '   3  missed-call  a call (refused) from anyone → flash SMS "Closed today"; at most 3 per number per hour',
        '',
      ].join('\n'),
    );
    expect(await run(['rules', 'remove', '2', '--db', db])).toMatchObject({ code: 0, out: 'Rule 2 removed.\n' });
    expect(await run(['rules', 'remove', '2', '--db', db])).toMatchObject({ code: 1, err: 'There is no rule 2.\n' });
    const { rules } = JSON.parse((await run(['rules', 'list', '--db', db, '--json'])).out) as { rules: { id: number }[] };
    expect(rules.map((r) => r.id)).toEqual([1, 3]);
  });

  it('explains what a rule of each kind needs', async () => {
    const db = tempDb();
    const usage = async (argv: string[]) => (await run([...argv, '--db', db])).err;
    expect(await usage(['rules', 'add'])).toBe('smsdesk rules add: Say which kind of rule: auto-reply, forward, missed-call.\n');
    expect(await usage(['rules', 'add', 'forward', '--text', 'x'])).toBe('smsdesk rules add: Give the number to forward to with --to.\n');
    expect(await usage(['rules', 'add', 'auto-reply'])).toBe('smsdesk rules add: Give the text to send with --text.\n');
    expect(await usage(['rules', 'add', 'missed-call', '--text', 'x', '--keyword', 'A'])).toBe(
      'smsdesk rules add: A call has no text: leave out --keyword.\n',
    );
    expect(await usage(['rules', 'add', 'auto-reply', '--text', 'x', '--per-hour', '0'])).toBe(
      'smsdesk rules add: --per-hour must be a number from 1 to 1000.\n',
    );
    expect(await run(['rules', 'add', 'auto-reply', '--keyword', 'two words', '--text', 'x', '--db', db])).toMatchObject({
      code: 1,
      err: 'A keyword is one word, not "two words".\n',
    });
  });

  it('turns a rule off and on again; the list says which are off', async () => {
    const db = tempDb();
    await run(['rules', 'add', 'auto-reply', '--keyword', 'INFO', '--text', 'Open 9 to 5', '--db', db]);
    expect(await run(['rules', 'disable', '1', '--db', db])).toMatchObject({
      code: 0,
      out: 'Rule 1 is off: a message starting with "INFO" from anyone → reply "Open 9 to 5".\n',
    });
    expect((await run(['rules', 'list', '--db', db])).out).toMatch(/per number per hour \(off\)\n$/);
    expect(await run(['rules', 'disable', '1', '--db', db])).toMatchObject({ code: 0, out: 'Rule 1 is already off.\n' });
    expect(await run(['rules', 'enable', '1', '--db', db])).toMatchObject({ code: 0, out: expect.stringMatching(/^Rule 1 is on: /) });
    expect((await run(['rules', 'list', '--db', db])).out).not.toContain('(off)');
    expect(await run(['rules', 'enable', '7', '--db', db])).toMatchObject({ code: 1, err: 'There is no rule 7.\n' });
    expect((await run(['rules', 'enable', 'x', '--db', db])).err).toBe(
      'smsdesk rules enable: Give the number of the rule, e.g. smsdesk rules enable 3.\n',
    );
  });
});
