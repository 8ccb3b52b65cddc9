import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insideWindow } from '../domain/notifications';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const CAROL = '+14155550103';
const ALL_DAY = { windowStartMin: 0, windowEndMin: 0, utcOffsetMin: 0 };

describe('insideWindow', () => {
  const at = (h: number, m = 0): number => Date.UTC(2026, 0, 15, h, m);
  it('reads the local time of day and wraps windows past midnight', () => {
    expect(insideWindow(at(9), 8 * 60, 18 * 60, 0)).toBe(true);
    expect(insideWindow(at(18), 8 * 60, 18 * 60, 0)).toBe(false);
    // 07:30 UTC is 09:30 at UTC+2.
    expect(insideWindow(at(7, 30), 9 * 60, 10 * 60, 120)).toBe(true);
    expect(insideWindow(at(23), 22 * 60, 6 * 60, 0)).toBe(true);
    expect(insideWindow(at(5), 22 * 60, 6 * 60, 0)).toBe(true);
    expect(insideWindow(at(12), 22 * 60, 6 * 60, 0)).toBe(false);
    // 04:00 UTC is 23:00 at UTC-5, 01:00 UTC is 20:00 there.
    expect(insideWindow(at(4), 22 * 60, 6 * 60, -300)).toBe(true);
    expect(insideWindow(at(1), 22 * 60, 6 * 60, -300)).toBe(false);
    expect(insideWindow(at(12), 0, 0, 0)).toBe(true);
  });
});

describe.each(DIALECTS)('notification rules on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function notices(to: string): Promise<string[]> {
    const rows = await h.server.internals.ctx.db.all<{ body: string }>(
      "SELECT body FROM jobs WHERE kind = 'notification' AND to_number = $1 ORDER BY id",
      [to],
    );
    return rows.map((r) => r.body);
  }

  let sent = 0;
  async function send(token: string, to: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const res = await h.call('POST', '/v1/messages', { clientId: `m${++sent}`, to: [to], text: 'private words' }, token);
      expect(res.status).toBe(200);
    }
  }

  it('sends nothing without rules, and stores and returns the rules it is given', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    await send(alice, BOB, 2);
    expect(await notices(BOB)).toEqual([]);
    const rules = [{ from: ['(415) 555-0101'], ...ALL_DAY, minUnread: 1, dailyCap: 5 }];
    expect((await h.call('PUT', '/v1/notifications', { rules }, bob)).status).toBe(204);
    expect((await h.call('GET', '/v1/notifications', undefined, bob)).body).toEqual({ rules: [{ ...rules[0], from: [ALICE] }] });
    const bad = await h.call('PUT', '/v1/notifications', { rules: [{ ...rules[0], dailyCap: 1000 }] }, bob);
    expect(bad.status).toBe(400);
  });

  it('notifies only for chosen senders, without the message text, and caps per day', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    const carol = await h.login(CAROL);
    await h.call('PUT', '/v1/notifications', { rules: [{ from: [ALICE], ...ALL_DAY, minUnread: 1, dailyCap: 2 }] }, bob);
    await send(carol, BOB, 1);
    expect(await notices(BOB)).toEqual([]);
    await send(alice, BOB, 3);
    const got = await notices(BOB);
    expect(got).toHaveLength(2);
    expect(got[0]).toContain(ALICE);
    for (const body of got) expect(body).not.toContain('private words');
    // The notice SMS goes out through the gateway like any job.
    expect((await h.station.nextSms(BOB, 'notification')).text).toMatch(/new messages? waiting/);
  });

  it('waits until N are unread, and keeps quiet outside the time window', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    const minute = Math.floor(h.clock.now() / 60_000) % 1440;
    const closed = { windowStartMin: (minute + 60) % 1440, windowEndMin: (minute + 120) % 1440, utcOffsetMin: 0 };
    await h.call('PUT', '/v1/notifications', { rules: [{ from: [], ...closed, minUnread: 1, dailyCap: 5 }] }, bob);
    await send(alice, BOB, 1);
    expect(await notices(BOB)).toEqual([]);
    await h.call('PUT', '/v1/notifications', { rules: [{ from: [], ...ALL_DAY, minUnread: 3, dailyCap: 5 }] }, bob);
    await send(alice, BOB, 1);
    expect(await notices(BOB)).toEqual([]);
    await send(alice, BOB, 1);
    expect(await notices(BOB)).toEqual([`SMSDesk: 3 new messages waiting in your mailbox (latest from ${ALICE}).`]);
    await send(alice, BOB, 1);
    expect(await notices(BOB)).toHaveLength(1);
  });
});
