/**
 * Bulk sends against the emulator: 50 CSV rows to 48 handsets and 2 numbers nobody has. The
 * modem's own rate (10 a minute) holds the send after about 10 messages, so every pause,
 * cancel and restart happens while nothing moves; raising the rate afterwards shows that
 * nothing else leaves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MODEM_NUMBER } from '../../modem/emulator';
import type { Archive, BulkProgress } from '../archive/index';
import { startBulk } from './bulk';
import type { Station } from './station';
import { makeStationRig, until, type StationRig } from './testing';

const ROWS = 50;
const number = (i: number) => `+49155510000${String(i).padStart(2, '0')}`;
/** Rows 20 and 40 go to numbers nobody has: the network reports them "not obtainable". */
const NOBODY = new Set([20, 40]);
const HANDSETS = Array.from({ length: ROWS }, (_, k) => k + 1)
  .filter((i) => !NOBODY.has(i))
  .map(number);
const CSV = ['name,phone,code', ...Array.from({ length: ROWS }, (_, k) => `Person ${k + 1},${number(k + 1)},C${k + 1}`)].join('\n');
const textFor = (i: number) => `Hello Person ${i}, your code is C${i}`;

let rig: StationRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

interface World {
  rig: StationRig;
  station: Station;
  /** Every text each handset received, by number. */
  received: Map<string, string[]>;
  modemId: number;
}

async function world(name = 'office', options: { submitTimeoutMs?: number } = {}): Promise<World> {
  // A burst of sends fills the modem's 20 status-report slots faster than the station reads them;
  // the network then offers the held reports again after retryMs (a minute by default).
  rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: HANDSETS, network: { retryMs: 100 } });
  const received = new Map<string, string[]>();
  for (const h of rig.emulator.handsets) h.onMessage((m) => received.set(h.msisdn, [...(received.get(h.msisdn) ?? []), m.text]));
  const station = await rig.station(name, 0, options);
  const modemId = station.archive.modems.list()[0]!.id;
  station.archive.modems.setRatePerMinute(modemId, 10);
  return { rig, station, received, modemId };
}

const total = (received: Map<string, string[]>) => [...received.values()].reduce((n, list) => n + list.length, 0);

function start(archive: Archive): number {
  const { job, preview } = startBulk(archive, {
    template: 'Hello {name}, your code is {code}',
    source: { kind: 'csv', text: CSV, name: 'codes.csv' },
    window: 3,
  });
  expect(preview.errors).toEqual([]);
  expect(job.total).toBe(ROWS);
  return job.id;
}

/**
 * The rate holds the send: at least 10 delivered (the station may start one more while it
 * counts), nothing in flight, the window full again. Nothing moves from here until the rate is raised.
 */
async function held(archive: Archive, id: number): Promise<BulkProgress> {
  const p = await until(() => {
    const p = archive.bulkJobs.progress(id);
    return p.delivered >= 10 && p.sending === 0 && p.sent === 0 && p.queued === 3 && p;
  }, 'the rate to hold the send');
  expect(p).toMatchObject({ total: 50, failed: 0, pending: 50 - 3 - p.delivered });
  return p;
}

/** Gives the station's poll (20 ms) several chances to do what it should not. */
async function severalPolls(station: Station): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  await station.flush();
}

describe('bulk send on the emulator', () => {
  it('sends 50 CSV rows; a pause stops them all, a resume finishes them, each recipient gets one message', async () => {
    const { station, received, modemId } = await world();
    const archive = station.archive;
    const id = start(archive);
    const { delivered } = await held(archive, id);

    const paused = archive.bulkJobs.pause(id);
    expect(paused.takenBack).toBe(3);
    const atPause = archive.bulkJobs.progress(id);
    expect(atPause).toMatchObject({ total: 50, pending: 50 - delivered, queued: 0, sending: 0, delivered });
    // Nothing holds it back but the pause now.
    archive.modems.setRatePerMinute(modemId, null);
    await severalPolls(station);
    expect(total(received)).toBe(delivered);
    expect(archive.bulkJobs.progress(id)).toEqual(atPause);

    archive.bulkJobs.resume(id);
    const done = await until(
      () => {
        const p = archive.bulkJobs.progress(id);
        return p.delivered === 48 && p.failed === 2 && p;
      },
      'every message settled',
      30_000,
    );
    expect(done).toEqual({ total: 50, pending: 0, queued: 0, sending: 0, sent: 0, unconfirmed: 0, delivered: 48, failed: 2, cancelled: 0 });
    await until(() => archive.bulkJobs.get(id)?.state === 'done', 'the job done');
    for (let i = 1; i <= ROWS; i++) {
      if (NOBODY.has(i)) expect(received.get(number(i))).toBeUndefined();
      else expect(received.get(number(i))).toEqual([textFor(i)]);
    }
    const failed = archive.bulkJobs.recipients(id).filter((r) => NOBODY.has(Number(r.body.match(/C(\d+)$/)![1])));
    expect(failed.map((r) => archive.messages.get(r.messageId!)?.statusReason)).toEqual(['Not obtainable', 'Not obtainable']);
  });

  it('cancels the rest of a send but lets the message in flight finish', async () => {
    // The 11th message's answer is swallowed: it stays in flight until the send times out.
    const { station, received, modemId, rig } = await world('office', { submitTimeoutMs: 3_000 });
    const archive = station.archive;
    const id = start(archive);
    const { delivered } = await held(archive, id);
    const next = delivered + 1;
    rig.emulator.network.injectSubmitFault({ kind: 'swallow-answer' });
    archive.modems.setRatePerMinute(modemId, null);
    const statusOf = (i: number) => {
      const r = archive.bulkJobs.recipients(id).find((r) => r.body === textFor(i));
      return r?.messageId == null ? undefined : archive.messages.get(r.messageId)?.status;
    };
    await until(() => statusOf(next) === 'sending', 'the next one in flight');

    // Read and cancelled in one go: nothing can move in between.
    const before = archive.bulkJobs.progress(id);
    const { job, cancelled } = archive.bulkJobs.cancel(id);
    expect(job.state).toBe('cancelled');
    expect(cancelled).toHaveLength(before.queued);
    expect(cancelled.every((m) => m.status === 'cancelled')).toBe(true);
    expect(archive.bulkJobs.progress(id)).toEqual({
      ...before,
      pending: 0,
      queued: 0,
      cancelled: before.pending + before.queued,
    });

    // What was in flight went out; the one whose answer was lost is unconfirmed, never resent.
    await until(() => {
      const p = archive.bulkJobs.progress(id);
      return p.sending === 0 && p.sent === 0 && p.unconfirmed === 1 && p;
    }, 'the one in flight settled');
    await severalPolls(station);
    const end = archive.bulkJobs.progress(id);
    expect(end).toMatchObject({ total: 50, pending: 0, queued: 0, unconfirmed: 1, cancelled: before.pending + before.queued });
    expect(end.delivered + end.unconfirmed + end.cancelled).toBe(50);
    expect(total(received)).toBe(end.delivered + 1);
    expect(received.get(number(next))).toEqual([textFor(next)]);
  });

  it('a restart mid-send (archive closed and opened again, a new station) goes on without duplicates', async () => {
    const { station: first, received, rig } = await world('shared');
    const id = start(first.archive);
    await held(first.archive, id);
    await first.stop();
    first.archive.close();

    const second = await rig.station('shared', 0);
    const archive = second.archive;
    expect(archive.bulkJobs.get(id)).toMatchObject({ state: 'running', total: 50 });
    archive.modems.setRatePerMinute(archive.modems.list()[0]!.id, null);
    await until(() => archive.bulkJobs.get(id)?.state === 'done', 'the job done', 30_000);
    await until(() => archive.bulkJobs.progress(id).delivered === 48, 'every report in');
    expect(archive.bulkJobs.progress(id)).toMatchObject({ total: 50, delivered: 48, failed: 2 });
    expect(total(received)).toBe(48);
    for (const list of received.values()) expect(list).toHaveLength(1);
    expect(archive.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'out'`).pluck().get()).toBe(50);
  });
});
