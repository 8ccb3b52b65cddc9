import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_HANDSET_NUMBER } from '../../../modem/emulator';
import { openArchive } from '../../archive/index';
import { until } from '../../station/testing';
import { runCli } from '../main';
import { fakeIo, runCommand as run } from '../testing';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function files(csv: string): { db: string; csv: string } {
  dir = mkdtempSync(join(tmpdir(), 'cli-bulk-'));
  writeFileSync(join(dir, 'codes.csv'), csv);
  return { db: join(dir, 'archive.sqlite'), csv: join(dir, 'codes.csv') };
}

const CSV = 'name,phone,code\nAnna,+491701234567,A1\nBert,12,B2\nCleo,+491701234569,C3\n';
const TEXT = 'Hello {name}, your code is {code}';

describe('smsdesk bulk', () => {
  it('previews every message and the rows with errors, and exits 1 while there are errors', async () => {
    const { db, csv } = files(CSV);
    const text = await run(['bulk', 'preview', '--csv', csv, '--text', TEXT, '--db', db]);
    expect(text.code).toBe(1);
    expect(text.out).toBe(
      [
        'row    2  +491701234567   1 part(s) gsm7  Hello Anna, your code is A1',
        'row    4  +491701234569   1 part(s) gsm7  Hello Cleo, your code is C3',
        'row    3  error: "12" is not a phone number.',
        '2 recipient(s), 2 SMS in all; 1 row(s) with errors.',
        '',
      ].join('\n'),
    );
    const json = await run(['bulk', 'preview', '--csv', csv, '--text', TEXT, '--db', db, '--json']);
    const preview = JSON.parse(json.out) as {
      recipients: { row: number; parts: number; encoding: string }[];
      errors: { row: number; code: string }[];
    };
    expect(preview.recipients.map((r) => [r.row, r.parts, r.encoding])).toEqual([
      [2, 1, 'gsm7'],
      [4, 1, 'gsm7'],
    ]);
    expect(preview.errors).toEqual([expect.objectContaining({ row: 3, code: 'bad-number' })]);
    const unknown = await run(['bulk', 'preview', '--csv', csv, '--text', 'Hi {nick}', '--db', db]);
    expect(unknown).toMatchObject({ code: 1, out: 'Cannot send: The template uses {nick}, but the file codes.csv has no field "nick".\n' });
  });

  it('starts, shows, pauses, resumes and cancels a bulk send', async () => {
    const { db, csv } = files(CSV);
    const refused = await run(['bulk', 'start', '--csv', csv, '--text', TEXT, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^1 row\(s\) have errors: row 3: "12" is not a phone number\. Fix them, or leave them out\.\n$/);

    const started = await run(['bulk', 'start', '--csv', csv, '--text', TEXT, '--skip-invalid', '--name', 'Codes', '--db', db]);
    expect(started).toMatchObject({
      code: 0,
      out: 'Bulk send 1 started: 2 recipient(s) (1 row(s) with errors left out). A running station sends it.\n',
    });
    const status = await run(['bulk', 'status', '--db', db]);
    expect(status.out).toMatch(
      /^ {3}1 {2}running {4}\d{4}-\d\d-\d\d \d\d:\d\d {2}Codes \(1 row\(s\) left out\)\n {6}2 recipients, 2 not queued yet, 0 queued/,
    );

    expect((await run(['bulk', 'pause', '1', '--db', db])).out).toBe(
      'Bulk send 1 paused.\n2 recipients, 2 not queued yet, 0 queued, 0 sending, 0 sent, 0 delivered, 0 failed.\n',
    );
    expect((await run(['bulk', 'resume', '1', '--db', db])).out).toMatch(/^Bulk send 1 runs again\.\n/);
    const cancelled = JSON.parse((await run(['bulk', 'cancel', '1', '--db', db, '--json'])).out) as Record<string, unknown>;
    expect(cancelled).toMatchObject({ id: 1, state: 'cancelled', total: 2, progress: { cancelled: 2, pending: 0 } });
    expect(await run(['bulk', 'resume', '1', '--db', db])).toMatchObject({
      code: 1,
      err: 'Bulk send 1 is cancelled and cannot be resumed.\n',
    });
    expect(await run(['bulk', 'status', '7', '--db', db])).toMatchObject({ code: 1, err: 'There is no bulk send 7.\n' });
    const one = JSON.parse((await run(['bulk', 'status', '1', '--db', db, '--json'])).out) as Record<string, unknown>;
    expect(one).toMatchObject({ id: 1, name: 'Codes', source: 'file codes.csv', skipped: 1, finishedAt: expect.any(String) });
  });

  it('explains wrong usage with exit 2', async () => {
    const { db, csv } = files(CSV);
    expect(await run(['bulk', 'preview', '--text', TEXT, '--db', db])).toMatchObject({
      code: 2,
      err: 'smsdesk bulk preview: Give the recipients with --csv FILE or --group NAME.\n',
    });
    expect(await run(['bulk', 'start', '--csv', csv, '--db', db])).toMatchObject({
      code: 2,
      err: 'smsdesk bulk start: Give the message with --text.\n',
    });
    expect(await run(['bulk', 'pause', '--db', db])).toMatchObject({
      code: 2,
      err: 'smsdesk bulk pause: Give the number of the bulk send, e.g. smsdesk bulk pause 3.\n',
    });
    expect((await run(['bulk', 'preview', '--csv', join(dir!, 'missing.csv'), '--text', 'x', '--db', db])).err).toMatch(
      /^smsdesk bulk preview: Cannot read .*missing\.csv: ENOENT/,
    );
  });

  it('a running "smsdesk station --demo" sends what "smsdesk bulk start" stored', async () => {
    const { db, csv } = files(`name,to\nDemo,${DEMO_HANDSET_NUMBER}\n`);
    expect((await run(['bulk', 'start', '--csv', csv, '--text', 'Hello {name}', '--db', db])).code).toBe(0);
    let stop!: () => void;
    const running = runCli(['station', '--demo', '--db', db], fakeIo(new Promise<void>((resolve) => (stop = resolve))));
    const archive = openArchive(db);
    try {
      await until(() => archive.bulkJobs.get(1)?.state === 'done', 'the bulk send done', 15_000);
      expect(archive.bulkJobs.progress(1)).toMatchObject({ total: 1, pending: 0, queued: 0, sending: 0 });
    } finally {
      archive.close();
      stop();
    }
    expect(await running).toBe(0);
  });
});
