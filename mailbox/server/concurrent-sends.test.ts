import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const CAROL = '+14155550103';

/**
 * Many sends at once: on SQLite they may share commits (group commit; whether they do depends
 * on how the requests arrive, so batching itself is proven in store/sqlite-db.test.ts), on
 * PostgreSQL they race on the pool. Either way each is answered on its own, and states,
 * idempotency and pushes hold.
 */
describe.each(DIALECTS)('concurrent sends on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('answers every send, keeps one message per client id, and fails only the conflicting send', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.login(BOB);
    const send = (clientId: string, text: string) => h.call('POST', '/v1/messages', { clientId, to: [BOB], text }, alice);
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => send(`m-${i}`, `message ${i}`)),
      // The same id three times with the same content: one message, the same serverId.
      send('twice', 'same text'),
      send('twice', 'same text'),
      send('twice', 'same text'),
      // The same id with other content: a conflict, for this send alone.
      send('m-0', 'not message 0'),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, 33)).toEqual(new Array(33).fill(200));
    // Whichever of m-0's two sends ran first made the message; the other is the conflict.
    const m0 = [answers[0], answers[33]].map((a) => a?.status).sort();
    expect(m0).toEqual([200, 409]);
    const twice = new Set(answers.slice(30, 33).map((a) => a.body.serverId));
    expect(twice.size).toBe(1);

    const changes = await h.call('GET', '/v1/changes?since=0&limit=100', undefined, alice);
    expect(changes.body.items).toHaveLength(31);
    const ids = changes.body.items.map((i: { serverId: number }) => i.serverId);
    expect(new Set(ids).size).toBe(31);
  });

  it('pushes states that only grow and end at the state that lists every message', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const carol = await h.login(CAROL);
    const bob = await h.login(BOB);
    const bobPush = await h.push(bob);
    await bobPush.waitFor(0);
    const sends = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.call('POST', '/v1/messages', { clientId: `p-${i}`, to: [BOB], text: `hello ${i}` }, i % 2 === 0 ? alice : carol),
      ),
    );
    expect(sends.every((s) => s.status === 200)).toBe(true);
    const all = await h.call('GET', '/v1/changes?since=0&limit=100', undefined, bob);
    expect(all.body.items).toHaveLength(40);
    const final = Number(all.body.state);
    await bobPush.waitFor(final);
    const pushed = bobPush.states.slice(1).map(Number);
    expect(Math.max(...pushed)).toBe(final);
    if (dialect === 'sqlite') {
      // One process, one commit order: each batch's states are announced in the order taken.
      for (let i = 1; i < pushed.length; i++) expect(pushed[i]).toBeGreaterThan(pushed[i - 1] ?? 0);
    }
    // Paging by the pushed states never skips a message.
    let since = 0;
    const paged: number[] = [];
    for (;;) {
      const page = await h.call('GET', `/v1/changes?since=${since}&limit=7`, undefined, bob);
      paged.push(...page.body.items.map((i: { serverId: number }) => i.serverId));
      since = Number(page.body.state);
      if (!page.body.more) break;
    }
    expect(paged.sort((a, b) => a - b)).toEqual(
      all.body.items.map((i: { serverId: number }) => i.serverId).sort((a: number, b: number) => a - b),
    );
  });

  it('refuses a session token at once when it is revoked, though it was just used', async () => {
    h = await startHarness(backends, dialect);
    const laptop = await h.login(ALICE, 'laptop');
    const phone = await h.login(ALICE, 'phone');
    const devices = await h.call('GET', '/v1/devices', undefined, laptop);
    expect(devices.status).toBe(200);
    const laptopId = devices.body.devices.find((d: { name: string }) => d.name === 'laptop').id as number;
    // Used twice: the second check is answered from the session cache.
    expect((await h.call('GET', '/v1/devices', undefined, laptop)).status).toBe(200);
    expect((await h.call('DELETE', `/v1/devices/${laptopId}`, undefined, phone)).status).toBe(204);
    expect((await h.call('GET', '/v1/devices', undefined, laptop)).status).toBe(401);
    expect((await h.call('POST', '/v1/messages', { clientId: 'after', to: [BOB], text: 'x' }, laptop)).status).toBe(401);
    expect((await h.call('GET', '/v1/devices', undefined, phone)).status).toBe(200);
  });
});
