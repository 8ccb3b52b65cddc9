/**
 * The per-minute limit on a fake clock: one worker and its dispatcher over an in-memory
 * archive, a fake modem that answers at once and notes when each part was written. No
 * sliding minute may hold more parts than the limit, counting the parts that left without
 * an answer (unconfirmed) as well as those that came back with a TP-MR.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Modem, SendResult } from '../../modem/driver/index';
import { openArchive, type Archive } from '../archive/index';
import { Dispatcher } from './dispatch';
import { queueText } from './queue';
import { OutboxWorker } from './worker';

const LIMIT = 3;
const TO = '+491701234567';
const TWO_PARTS = 'Two parts at the rate limit: the second waits for its turn like any other part. '.repeat(3);

/** Answers each part at once: with a TP-MR, or as `answers` says for the n-th part written. */
function fakeModem(answers: Record<number, SendResult>): { modem: Modem; writtenAt: number[] } {
  const writtenAt: number[] = [];
  const modem = {
    state: 'ready',
    send(request: { parts: readonly { part: number; total: number }[] }): Promise<SendResult> {
      writtenAt.push(Date.now());
      const part = request.parts[0]!;
      return Promise.resolve(
        answers[writtenAt.length] ?? { ok: true, parts: [{ part: part.part, total: part.total, mr: writtenAt.length }] },
      );
    },
  };
  return { modem: modem as unknown as Modem, writtenAt };
}

/** The most parts written in any window of 60 s (a window starts at a part, so that is enough). */
function busiestMinute(times: readonly number[]): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
}

let archive: Archive | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 12, 0, 0) });
});
afterEach(() => {
  archive?.close();
  archive = undefined;
  vi.useRealTimers();
});

describe('the per-minute limit', () => {
  it('is never exceeded in any sliding minute, counting parts that left without an answer', async () => {
    archive = openArchive(':memory:', { defaultCountry: 'DE', now: () => Date.now() });
    const modemId = archive.modems.seen({ imei: '356938035643809' }).id;
    // The 2nd part written comes back OK without a TP-MR, the 4th times out after it was
    // written: both may have reached the network, so both count.
    const { modem, writtenAt } = fakeModem({
      2: { ok: true, parts: [{ part: 1, total: 1, mr: null }] },
      4: { ok: false, sent: [], failure: { kind: 'ambiguous', part: 1, code: 'TIMEOUT', reason: 'The modem did not answer.' } },
    });
    const holder = 'station-test';
    const dispatcher = new Dispatcher(archive, { holder, claimMs: 600_000, ratePerMinute: LIMIT, strategy: 'round-robin' });
    const worker = new OutboxWorker(
      archive,
      modem,
      modemId,
      '356938035643809',
      { holder, ratePerMinute: LIMIT, claimMs: 600_000, leaseMs: 60_000, pollMs: 1_000, statusReports: false, retryDelayMs: () => 0 },
      {
        next: (id) => dispatcher.next(id),
        availabilityChanged: () => dispatcher.replan(),
        jobEnded: () => dispatcher.touch(),
        statusChanged: () => undefined,
        log: () => undefined,
      },
    );
    dispatcher.attach(worker);
    const texts = ['one', 'two', TWO_PARTS, 'four', 'five', 'six', 'seven', 'eight'];
    const ids = texts.map((text) => queueText(archive!, { to: TO, text }).message.id);
    // The station's poll: a kick a second, for five minutes.
    for (let second = 0; second < 300; second++) {
      dispatcher.touch();
      void worker.kick();
      await vi.advanceTimersByTimeAsync(1_000);
    }
    await worker.stop();

    expect(writtenAt).toHaveLength(9);
    expect(busiestMinute(writtenAt)).toBe(LIMIT);
    expect(ids.map((id) => archive!.messages.get(id)?.status)).toEqual([
      'sent',
      'unconfirmed',
      'unconfirmed', // its 2nd part (the 4th written) timed out
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
    // The part that may have left is kept as such, with the time it may have left.
    expect(archive.outbox.parts(ids[1]!).map((p) => [p.status, p.submittedAt === null])).toEqual([['unconfirmed', false]]);
  });
});
