import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from './archive';
import type { NewBulkRecipient } from './bulk-jobs';
import { tempDir, testArchive, type TestArchive } from './test-support';

function recipients(n: number, partCount = 1): NewBulkRecipient[] {
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    to: `+4917012340${String(i).padStart(2, '0')}`,
    body: `Hello ${i}`,
    encoding: 'gsm7' as const,
    partCount,
  }));
}

function job(archive: TestArchive, n: number, extra: { window?: number; partCount?: number } = {}) {
  return archive.bulkJobs.create({
    name: 'May newsletter',
    source: 'file may.csv',
    template: 'Hello {name}',
    recipients: recipients(n, extra.partCount),
    ...(extra.window !== undefined ? { window: extra.window } : {}),
  });
}

const claim = (archive: TestArchive) => archive.outbox.claimNext('station', { claimMs: 60_000 })!;

describe('bulk jobs', () => {
  it('stores a job with its recipients, all pending, and feeds the outbox a window at a time', () => {
    const archive = testArchive();
    const created = job(archive, 5);
    expect(created).toMatchObject({ name: 'May newsletter', state: 'running', total: 5, window: 2, skipped: 0 });
    expect(archive.bulkJobs.progress(created.id)).toMatchObject({ total: 5, pending: 5, queued: 0 });

    const first = archive.bulkJobs.feed();
    expect(first.map((m) => [m.peer, m.body, m.status])).toEqual([
      ['+491701234000', 'Hello 0', 'queued'],
      ['+491701234001', 'Hello 1', 'queued'],
    ]);
    // The window is full: nothing more until a station claims one.
    expect(archive.bulkJobs.feed()).toEqual([]);
    claim(archive);
    expect(archive.bulkJobs.feed().map((m) => m.body)).toEqual(['Hello 2']);
    expect(archive.bulkJobs.progress(created.id)).toEqual({
      total: 5,
      pending: 2,
      queued: 2,
      sending: 1,
      sent: 0,
      unconfirmed: 0,
      delivered: 0,
      failed: 0,
      cancelled: 0,
    });
    expect(archive.bulkJobs.recipients(created.id).map((r) => [r.row, r.state])).toEqual([
      [2, 'queued'],
      [3, 'queued'],
      [4, 'queued'],
      [5, 'pending'],
      [6, 'pending'],
    ]);
  });

  it('pauses: takes back what waits unclaimed, leaves what is in flight, and feeds nothing until resumed', () => {
    const archive = testArchive();
    const { id } = job(archive, 4);
    archive.bulkJobs.feed();
    const inFlight = claim(archive);
    archive.bulkJobs.feed();
    const waiting = archive.db
      .prepare(`SELECT message_id FROM bulk_recipients WHERE state = 'queued' AND message_id <> ?`)
      .pluck()
      .all(inFlight.message.id);
    expect(waiting).toHaveLength(2);
    const waitingUids = waiting.map((id) => archive.messages.get(id as number)!.uid);

    const paused = archive.bulkJobs.pause(id);
    expect(paused.takenBack).toBe(2);
    expect(paused.job.state).toBe('paused');
    for (const messageId of waiting) expect(archive.messages.get(messageId as number)).toBeUndefined();
    expect(archive.outbox.jobForMessage(inFlight.message.id)?.state).toBe('claimed');
    expect(archive.bulkJobs.progress(id)).toMatchObject({ total: 4, pending: 3, queued: 0, sending: 1 });
    expect(archive.bulkJobs.feed()).toEqual([]);
    expect(archive.outbox.claimNext('station', { claimMs: 60_000 })).toBeUndefined();
    // Pausing twice changes nothing.
    expect(archive.bulkJobs.pause(id).takenBack).toBe(0);

    expect(archive.bulkJobs.resume(id).state).toBe('running');
    const again = archive.bulkJobs.feed();
    expect(again.map((m) => m.body)).toEqual(['Hello 1', 'Hello 2']);
    // New messages with new uids: a uid names one message for ever.
    expect(again.filter((m) => waitingUids.includes(m.uid))).toEqual([]);
    expect(archive.bulkJobs.progress(id)).toMatchObject({ pending: 1, queued: 2, sending: 1 });
  });

  it('cancels what waits and what was never queued, never a message in flight or one with a part out', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    const { id } = job(archive, 6, { window: 3, partCount: 2 });
    archive.bulkJobs.feed();
    // One in flight; one whose first part went out before a transient error (waits for its retry).
    const inFlight = claim(archive);
    const halfSent = claim(archive);
    archive.outbox.beginPart(halfSent.message.id, 1, { modemId: modem.id });
    archive.outbox.partSubmitted(halfSent.message.id, 1, { tpMr: 5, modemId: modem.id });
    archive.outbox.retryLater(halfSent.job.id, 'network busy', 0);
    archive.bulkJobs.feed(); // tops the window up again: two more wait unclaimed

    const { job: cancelled, cancelled: messages } = archive.bulkJobs.cancel(id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.finishedAt).not.toBeNull();
    expect(messages.map((m) => [m.body, m.status])).toEqual([
      ['Hello 2', 'cancelled'],
      ['Hello 3', 'cancelled'],
    ]);
    expect(archive.outbox.jobForMessage(inFlight.message.id)?.state).toBe('claimed');
    expect(archive.outbox.jobForMessage(halfSent.message.id)?.state).toBe('queued');
    expect(archive.bulkJobs.progress(id)).toEqual({
      total: 6,
      pending: 0,
      queued: 1,
      sending: 1,
      sent: 0,
      unconfirmed: 0,
      delivered: 0,
      failed: 0,
      cancelled: 4,
    });
    expect(archive.bulkJobs.feed()).toEqual([]);
    expect(archive.bulkJobs.cancel(id).cancelled).toEqual([]);
    expect(() => archive.bulkJobs.resume(id)).toThrow(expect.objectContaining({ code: 'ARCHIVE_CONFLICT' }));
  });

  it('is done once every recipient left the outbox, and then cannot be paused or cancelled', () => {
    const archive = testArchive();
    const { id } = job(archive, 2);
    archive.bulkJobs.feed();
    for (let i = 0; i < 2; i++) {
      const c = claim(archive);
      archive.outbox.partSubmitted(c.message.id, 1, { tpMr: i });
      archive.outbox.done(c.job.id);
    }
    archive.bulkJobs.feed();
    expect(archive.bulkJobs.get(id)).toMatchObject({ state: 'done' });
    expect(archive.bulkJobs.progress(id)).toMatchObject({ total: 2, sent: 2 });
    expect(() => archive.bulkJobs.pause(id)).toThrow(/has finished and cannot be paused/);
    expect(() => archive.bulkJobs.cancel(id)).toThrow(expect.objectContaining({ code: 'ARCHIVE_CONFLICT' }));
    expect(() => archive.bulkJobs.progress(999)).toThrow(expect.objectContaining({ code: 'ARCHIVE_NOT_FOUND' }));
  });

  it('refuses an empty job, an empty text and a window out of range', () => {
    const archive = testArchive();
    const base = { name: 'x', source: 'list', template: 'x' };
    expect(() => archive.bulkJobs.create({ ...base, recipients: [] })).toThrow(/at least one recipient/);
    expect(() => archive.bulkJobs.create({ ...base, recipients: [{ ...recipients(1)[0]!, body: '' }] })).toThrow(/Row 2 has an empty/);
    expect(() => archive.bulkJobs.create({ ...base, window: 0, recipients: recipients(1) })).toThrow(/1 to 1000/);
    expect(archive.bulkJobs.list()).toEqual([]);
  });

  it('two connections on one file share the window and never queue a recipient twice', () => {
    const { dir, remove } = tempDir();
    const a = openArchive(join(dir, 'a.sqlite'), { defaultCountry: 'DE' });
    const b = openArchive(join(dir, 'a.sqlite'));
    try {
      const { id } = a.bulkJobs.create({ name: 'x', source: 'list', template: 'x', recipients: recipients(3) });
      expect(a.bulkJobs.feed()).toHaveLength(2);
      expect(b.bulkJobs.feed()).toHaveLength(0);
      b.outbox.claimNext('b', { claimMs: 60_000 });
      expect(b.bulkJobs.feed()).toHaveLength(1);
      expect(a.bulkJobs.feed()).toHaveLength(0);
      expect(a.bulkJobs.progress(id)).toMatchObject({ total: 3, pending: 0, queued: 2, sending: 1 });
      expect(a.db.prepare(`SELECT count(*) FROM messages`).pluck().get()).toBe(3);
    } finally {
      b.close();
      a.close();
      remove();
    }
  });

  it('tells which job a queued message belongs to, by the message uid, and nothing for other messages', () => {
    const archive = testArchive();
    const created = job(archive, 3);
    const [first] = archive.bulkJobs.feed();
    expect(archive.bulkJobs.jobIdOfMessage(first!.uid)).toBe(created.id);
    const own = archive.outbox.queue({ to: '+491701234567', body: 'Hi', partCount: 1 }).message;
    expect(archive.bulkJobs.jobIdOfMessage(own.uid)).toBeUndefined();
  });
});
