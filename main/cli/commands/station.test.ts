import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_HANDSET_NUMBER } from '../../../modem/emulator';
import { openArchive } from '../../archive/index';
import { until } from '../../station/testing';
import { runCli } from '../main';
import { fakeIo } from '../testing';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function tempDb(): string {
  dir = mkdtempSync(join(tmpdir(), 'cli-station-'));
  return join(dir, 'archive.sqlite');
}

async function outboxJson(db: string): Promise<{ messages: Array<Record<string, unknown> & { job: Record<string, unknown> | null }> }> {
  const io = fakeIo();
  expect(await runCli(['outbox', '--db', db, '--json'], io)).toBe(0);
  return JSON.parse(io.out.join('')) as { messages: Array<Record<string, unknown> & { job: Record<string, unknown> | null }> };
}

describe('smsdesk send (no --port), outbox, inbox, thread, search', () => {
  it('queues into the archive and the outbox shows it', async () => {
    const db = tempDb();
    const io = fakeIo();
    expect(await runCli(['send', '--db', db, '--to', '+491701234567', '--text', 'Meeting moved to 3 pm', '--json'], io)).toBe(0);
    const queued = JSON.parse(io.out.join('')) as { queued: boolean; to: string; parts: number };
    expect(queued).toMatchObject({ queued: true, to: '+491701234567', parts: 1 });
    const { messages } = await outboxJson(db);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ direction: 'out', peer: '+491701234567', body: 'Meeting moved to 3 pm', status: 'queued' });
    expect(messages[0]!.job).toMatchObject({ state: 'queued', attempts: 0 });

    const thread = fakeIo();
    expect(await runCli(['thread', '+491701234567', '--db', db], thread)).toBe(0);
    expect(thread.out.join('')).toContain('->');
    expect(thread.out.join('')).toContain('queued');
    const search = fakeIo();
    expect(await runCli(['search', 'moved', '--db', db], search)).toBe(0);
    expect(search.out.join('')).toContain('Meeting [moved] to 3 pm');
    const inbox = fakeIo();
    expect(await runCli(['inbox', '--db', db], inbox)).toBe(0);
    expect(inbox.out.join('')).toBe('No messages received yet.\n');
  });

  it('queues from a chosen SIM, with or without a status report, and lists the outbox by state', async () => {
    const db = tempDb();
    const seed = openArchive(db, { defaultCountry: 'DE' });
    const modem = seed.modems.seen({ imei: '356938035643809', ownNumber: '+491555000002' });
    seed.close();
    const queue = async (...extra: string[]) => {
      const io = fakeIo();
      const code = await runCli(['send', '--db', db, '--to', '+491701234567', '--text', 'hi', '--json', ...extra], io);
      return { code, io };
    };
    const pinned = await queue('--from', '01555 000002', '--no-report');
    expect(pinned.code).toBe(0);
    expect(JSON.parse(pinned.io.out.join(''))).toMatchObject({ queued: true, modemId: modem.id, statusReport: false });
    expect(JSON.parse((await queue('--report')).io.out.join(''))).toMatchObject({ modemId: null, statusReport: true });
    expect(JSON.parse((await queue()).io.out.join(''))).toMatchObject({ modemId: null, statusReport: null });

    const unknown = await queue('--from', '+491559999999');
    expect(unknown.code).toBe(2);
    expect(unknown.io.err.join('')).toMatch(/^smsdesk send: No modem with the number or IMEI \+491559999999 has been connected yet/);

    const { messages } = await outboxJson(db);
    expect(messages.map((m) => m.job)).toEqual([
      expect.objectContaining({ state: 'queued', modemId: null, statusReport: null }),
      expect.objectContaining({ state: 'queued', modemId: null, statusReport: true }),
      expect.objectContaining({ state: 'queued', modemId: modem.id, statusReport: false }),
    ]);
    const cancelledIo = fakeIo();
    expect(await runCli(['outbox', '--db', db, '--state', 'cancelled'], cancelledIo)).toBe(0);
    expect(cancelledIo.out.join('')).toBe('Nothing cancelled in the outbox.\n');
    const badState = fakeIo();
    expect(await runCli(['outbox', '--db', db, '--state', 'lost'], badState)).toBe(2);
    expect(badState.err.join('')).toContain('--state is one of queued, claimed, done, failed, unconfirmed, cancelled.');
  });

  it('keeps the one-shot --port usage and refuses to mix it with queue options', async () => {
    const io = fakeIo();
    expect(await runCli(['send', '--port', '/dev/null', '--db', 'x.sqlite', '--to', '+491701234567', '--text', 'x'], io)).toBe(2);
    expect(io.err.join('')).toBe('smsdesk send: --at, --db and --from queue a message; leave out --port.\n');
    const help = fakeIo();
    expect(await runCli(['send', '--help'], help)).toBe(0);
    expect(help.out.join('')).toContain('smsdesk send --port PATH --to NUMBER --text TEXT');
  });
});

describe('smsdesk station --demo', () => {
  it('sends what "smsdesk send" queued and stores the demo phone’s answer', async () => {
    const db = tempDb();
    expect(await runCli(['send', '--db', db, '--to', DEMO_HANDSET_NUMBER, '--text', 'hello station'], fakeIo())).toBe(0);
    let stop!: () => void;
    const io = fakeIo(new Promise<void>((resolve) => (stop = resolve)));
    const running = runCli(['station', '--demo', '--db', db], io);
    const archive = openArchive(db);
    try {
      // The demo phone answers "Hi! …" to a greeting; its answer lands in the inbox.
      await until(
        () => {
          const inbox = archive.search.messages({ text: 'demo phone' }).items;
          return inbox.some((hit) => hit.direction === 'in');
        },
        'the demo phone’s answer',
        15_000,
      );
    } finally {
      archive.close();
      stop();
    }
    expect(await running).toBe(0);
    const { messages } = await outboxJson(db);
    expect(messages.map((m) => m['status'])).toContainEqual(expect.stringMatching(/^(sent|delivered)$/));
    expect(io.out.join('')).toContain('received from +491555012345');
    expect(io.out.join('')).toMatch(/Stopped\.\n$/);
  });
});
