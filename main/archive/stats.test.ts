import { afterEach, describe, expect, it } from 'vitest';
import type { MessageStatus } from './model';
import { DAY_MS, TRAFFIC_SQL, TrafficStore, dayRange } from './stats';
import { queryPlan, testArchive, type TestArchive } from './test-support';

let archive: TestArchive | undefined;
afterEach(() => archive?.close());

/** 2026-03-10 12:00 in UTC+8 (04:00 UTC): "today" of these tests, for a viewer in China. */
const NOW = Date.UTC(2026, 2, 10, 4, 0);
const OFFSET = 480;
/** Local midnight (UTC+8) of 2026-03-10, as UTC ms. */
const TODAY = Date.UTC(2026, 2, 9, 16, 0);
const ALICE = '+4915112345678';
const BOB = '+4915187654321';

function seed(): TestArchive {
  const a = testArchive();
  const modemA = a.modems.seen({ imei: '350000000000001', ownNumber: '+4915100000001' }).id;
  const modemB = a.modems.seen({ imei: '350000000000002' }).id;
  const add = (direction: 'in' | 'out', status: MessageStatus, at: number, extra: { modemId?: number; sentAt?: number } = {}) =>
    a.messages.insert({
      direction,
      peer: direction === 'in' ? ALICE : BOB,
      body: `${status} at ${at}`,
      status,
      sortAt: at,
      createdAt: at,
      ...extra,
    });
  // Today: 2 in on modem A, 1 delivered + 1 failed-after-sending out on modem A.
  add('in', 'received', TODAY + 1_000, { modemId: modemA });
  add('in', 'received', TODAY + 2_000, { modemId: modemA });
  add('out', 'delivered', TODAY + 3_000, { modemId: modemA, sentAt: TODAY + 3_000 });
  add('out', 'failed', TODAY + 4_000, { modemId: modemA, sentAt: TODAY + 4_000 });
  // Failed before it went out: traffic, but no report was awaited.
  add('out', 'failed', TODAY + 5_000, { modemId: modemA });
  // Yesterday, just before local midnight: 1 in on modem B, 1 imported (no modem) in.
  add('in', 'received', TODAY - 1, { modemId: modemB });
  add('in', 'received', TODAY - DAY_MS);
  // Six days ago (still in a 7-day range): a sent message whose job asked for a report.
  const asked = a.outbox.queue({ to: BOB, body: 'asked for a report', partCount: 1, statusReport: true, modemId: modemB });
  const askedAt = TODAY - 6 * DAY_MS + 10;
  a.db.prepare(`UPDATE messages SET status = 'sent', sent_at = ?, sort_at = ? WHERE id = ?`).run(askedAt, askedAt, asked.message.id);
  // A sent message that asked for none, the same day: traffic, not in the rate.
  const notAsked = a.outbox.queue({ to: BOB, body: 'no report', partCount: 1, statusReport: false, modemId: modemB });
  a.db.prepare(`UPDATE messages SET status = 'sent', sent_at = ?, sort_at = ? WHERE id = ?`).run(askedAt, askedAt, notAsked.message.id);
  // Not traffic: a draft today, a message seven days ago (outside), one tomorrow (outside).
  add('out', 'draft', TODAY + 6_000);
  add('in', 'received', TODAY - 6 * DAY_MS - 1);
  add('in', 'received', TODAY + DAY_MS);
  return a;
}

describe('traffic statistics', () => {
  it('cuts the range at the viewer’s midnight, ending with today', () => {
    expect(dayRange({ days: 7, utcOffsetMinutes: OFFSET, now: NOW })).toEqual({ from: TODAY - 6 * DAY_MS, to: TODAY + DAY_MS });
    // The same instant is still March 9 in New York (UTC−5): its day starts at 05:00 UTC on the 9th.
    expect(dayRange({ days: 1, utcOffsetMinutes: -300, now: NOW })).toEqual({
      from: Date.UTC(2026, 2, 9, 5),
      to: Date.UTC(2026, 2, 10, 5),
    });
  });

  it('counts messages per day in and out, per modem, and the delivery rate on a seeded archive', () => {
    archive = seed();
    const stats = new TrafficStore(archive.db).traffic({ days: 7, utcOffsetMinutes: OFFSET, now: NOW });
    expect(stats.days.map((d) => [d.date, d.in, d.out])).toEqual([
      ['2026-03-04', 0, 2],
      ['2026-03-05', 0, 0],
      ['2026-03-06', 0, 0],
      ['2026-03-07', 0, 0],
      ['2026-03-08', 0, 0],
      ['2026-03-09', 2, 0],
      ['2026-03-10', 2, 3],
    ]);
    expect(
      stats.modems.map(({ channel, imei, name, in: i, out, delivered, withReport }) => ({
        channel,
        imei,
        name,
        i,
        out,
        delivered,
        withReport,
      })),
    ).toEqual([
      { channel: 'sms', imei: null, name: null, i: 1, out: 0, delivered: 0, withReport: 0 },
      { channel: 'sms', imei: '350000000000001', name: '+4915100000001', i: 2, out: 3, delivered: 1, withReport: 2 },
      { channel: 'sms', imei: '350000000000002', name: '350000000000002', i: 1, out: 2, delivered: 0, withReport: 1 },
    ]);
    expect(stats.totals).toEqual({ in: 4, out: 5, delivered: 1, withReport: 3 });
  });

  it('gives empty days, no modems and zero totals for an empty archive', () => {
    archive = testArchive();
    const stats = new TrafficStore(archive.db).traffic({ days: 30, utcOffsetMinutes: 0, now: NOW });
    expect(stats.days).toHaveLength(30);
    expect(stats.days.every((d) => d.in === 0 && d.out === 0)).toBe(true);
    expect(stats.days.at(-1)?.date).toBe('2026-03-10');
    expect(stats.modems).toEqual([]);
    expect(stats.totals).toEqual({ in: 0, out: 0, delivered: 0, withReport: 0 });
  });

  it('reads the status index for both queries (the per-day one without touching the table)', () => {
    archive = testArchive();
    const perDay = queryPlan(archive, TRAFFIC_SQL.perDay, { from: 0, to: DAY_MS });
    expect(perDay).toContain('USING COVERING INDEX messages_status_recent (status=? AND sort_at>? AND sort_at<?)');
    expect(perDay).not.toMatch(/SCAN messages\b/);
    const perModem = queryPlan(archive, TRAFFIC_SQL.perModem, { from: 0, to: DAY_MS });
    expect(perModem).toContain('SEARCH m USING INDEX messages_status_recent (status=? AND sort_at>? AND sort_at<?)');
    expect(perModem).toMatch(/SEARCH j USING (COVERING )?INDEX sqlite_autoindex_outbox_jobs_1 \(message_id=\?\)/);
    expect(perModem).not.toMatch(/SCAN (m|j|d)\b/);
  });
});
