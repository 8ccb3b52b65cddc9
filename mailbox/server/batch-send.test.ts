import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../protocol/http';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const CAROL = '+14155550103';
const DAVE = '+14155550104';

describe.each(DIALECTS)('batch send on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('sends queued messages in their order, each as a single send would, and pushes the recipient', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    const bobPush = await h.push(bob);
    await bobPush.waitFor(0);
    const batch = {
      messages: [
        { clientId: 'q-1', to: [BOB], text: 'first' },
        { clientId: 'q-2', to: [BOB, CAROL], text: 'second, to Carol by SMS too' },
        { clientId: 'q-3', to: [BOB], text: 'third' },
      ],
    };
    const res = await h.call('POST', '/v1/messages/batch', batch, alice);
    expect(res.status).toBe(200);
    const results = res.body.results as { clientId: string; ok: boolean; message: { serverId: number; deliveries: unknown[] } }[];
    expect(results.map((r) => [r.clientId, r.ok])).toEqual([
      ['q-1', true],
      ['q-2', true],
      ['q-3', true],
    ]);
    const ids = results.map((r) => r.message.serverId);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(results[1]?.message.deliveries).toEqual([
      { number: BOB, channel: 'internet', status: 'sent', updatedAt: expect.any(Number) },
      { number: CAROL, channel: 'sms', status: 'queued', updatedAt: expect.any(Number) },
    ]);
    expect((await h.station.nextSms(CAROL, 'invite')).text).toContain('second, to Carol by SMS too');
    await bobPush.waitFor(3);
    const changes = await h.call('GET', '/v1/changes?since=0', undefined, bob);
    // A thread is ordered by serverId (the SMS leg's status moves may refile a message later in the changes).
    const thread = [...(changes.body.items as { serverId: number; text: string }[])].sort((a, b) => a.serverId - b.serverId);
    expect(thread.map((i) => i.text)).toEqual(['first', 'second, to Carol by SMS too', 'third']);
  });

  it('answers each message on its own: a repeat returns the same message, a conflict or a bad number fails alone', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.login(BOB);
    const first = await h.call('POST', '/v1/messages/batch', { messages: [{ clientId: 'r-1', to: [BOB], text: 'hello' }] }, alice);
    const again = await h.call(
      'POST',
      '/v1/messages/batch',
      {
        messages: [
          { clientId: 'r-1', to: [BOB], text: 'hello' },
          { clientId: 'r-2', to: [ALICE], text: 'to myself' },
          { clientId: 'r-1', to: [BOB], text: 'other words, same id' },
          { clientId: 'r-3', to: [DAVE], text: 'after the failures' },
        ],
      },
      alice,
    );
    expect(again.status).toBe(200);
    const [repeat, self, conflict, after] = again.body.results;
    expect(repeat).toEqual({ clientId: 'r-1', ok: true, message: first.body.results[0].message });
    expect(self).toMatchObject({ clientId: 'r-2', ok: false, error: { code: 'bad-request' } });
    expect(conflict).toMatchObject({ clientId: 'r-1', ok: false, error: { code: 'conflict' } });
    expect(after).toMatchObject({ clientId: 'r-3', ok: true, message: { to: [DAVE] } });
    const mine = await h.call('GET', '/v1/changes?since=0', undefined, alice);
    expect(mine.body.items.map((i: { clientId: string }) => i.clientId)).toEqual(['r-1', 'r-3']);
  });

  it('needs a session, refuses an empty or oversize batch whole, and is in the API document', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const one = { clientId: 'x', to: [BOB], text: 'hi' };
    expect((await h.call('POST', '/v1/messages/batch', { messages: [one] })).status).toBe(401);
    expect((await h.call('POST', '/v1/messages/batch', { messages: [] }, alice)).status).toBe(400);
    const tooMany = Array.from({ length: LIMITS.batchMessages + 1 }, (_, i) => ({ ...one, clientId: `x-${i}` }));
    const refused = await h.call('POST', '/v1/messages/batch', { messages: tooMany }, alice);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('bad-request');
    expect((await h.call('GET', '/v1/changes?since=0', undefined, alice)).body.items).toEqual([]);
    const doc = await h.call('GET', '/v1/openapi.json');
    expect(Object.keys(doc.body.paths['/v1/messages/batch'])).toEqual(['post']);
  });

  it('spends the per-minute request budget by whole batches', async () => {
    h = await startHarness(backends, dialect, { http: { requestsPerMinute: 2 * LIMITS.batchMessages, authPerMinute: 100 } });
    const alice = await h.login(ALICE);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await h.call('POST', '/v1/messages/batch', { messages: [{ clientId: `l-${i}`, to: [BOB], text: 'hi' }] }, alice)).status,
      );
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
