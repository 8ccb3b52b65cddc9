/** The bulk progress watch on its own: what it says, when, and that it stops when disposed. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testArchive } from '../../archive/test-support';
import type { BulkJobView } from '../../contract';
import { BulkProgressWatch } from './office-progress';

afterEach(() => {
  vi.useRealTimers();
});

function setUp() {
  const archive = testArchive();
  const job = archive.bulkJobs.create({
    name: 'Guests',
    source: 'file guests.csv',
    template: 'Hi {name}',
    recipients: [2, 3].map((row) => ({ row, to: `+49151123450${row}`, body: `Hi ${row}`, encoding: 'gsm7' as const, partCount: 1 })),
  });
  const said: BulkJobView[] = [];
  return { archive, job, said };
}

describe('BulkProgressWatch', () => {
  it('says a running job once at start, coalesces message changes, and notices "done", which has no message event', () => {
    vi.useFakeTimers();
    const { archive, job, said } = setUp();
    const watch = new BulkProgressWatch(archive, (v) => said.push(v), { soonMs: 100, tickMs: 1_000 });
    vi.advanceTimersByTime(1_000);
    expect(said.map((v) => [v.state, v.progress.pending])).toEqual([['running', 2]]);

    const messages = archive.bulkJobs.feed();
    for (const m of messages) watch.messageChanged(m.uid);
    watch.messageChanged('not-a-bulk-message');
    expect(said).toHaveLength(1); // not yet: changes are gathered for soonMs
    vi.advanceTimersByTime(100);
    expect(said.map((v) => [v.state, v.progress.pending, v.progress.queued])).toEqual([
      ['running', 2, 0],
      ['running', 0, 2],
    ]);
    // Nothing changed: nothing said.
    vi.advanceTimersByTime(3_000);
    expect(said).toHaveLength(2);

    for (const m of messages) archive.outbox.cancel(m.id);
    archive.bulkJobs.feed(); // the station's poll: nothing left, so the job is done
    vi.advanceTimersByTime(1_000);
    expect(said.at(-1)).toMatchObject({ id: job.uid, state: 'done', progress: { cancelled: 2 } });
    watch.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says a change made by a call at once, and stops ticking once nothing of the job can move', () => {
    vi.useFakeTimers();
    const { archive, job, said } = setUp();
    archive.bulkJobs.pause(job.id);
    const watch = new BulkProgressWatch(archive, (v) => said.push(v));
    expect(vi.getTimerCount()).toBe(0); // a paused job is not watched at start
    archive.bulkJobs.cancel(job.id);
    expect(watch.changed(job.id)?.state).toBe('cancelled');
    expect(said.map((v) => v.state)).toEqual(['cancelled']);
    vi.advanceTimersByTime(1_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(watch.changed(999)).toBeUndefined();
    watch.dispose();
    expect(watch.changed(job.id)).toBeUndefined();
  });
});
