import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';
import { codeIn } from '../test/station-client';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const CAROL = '+14155550103';

describe.each(DIALECTS)('mailbox API on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('logs in with a code sent by SMS through the gateway station, lists and revokes devices', async () => {
    h = await startHarness(backends, dialect);
    const asked = await h.call('POST', '/v1/auth/code', { number: '+1 (415) 555-0101' });
    expect(asked.status).toBe(202);
    const sms = await h.station.nextSms(ALICE, 'login-code');
    expect(sms.text).toMatch(/^Your SMSDesk code is \d{6}\./);
    const login = await h.call('POST', '/v1/auth/login', { number: ALICE, code: codeIn(sms.text), device: 'laptop' });
    expect(login.status).toBe(200);
    expect(login.body.number).toBe(ALICE);
    expect(login.body.token).toMatch(/^smsd_s_/);
    const phone = await h.login(ALICE, 'phone');

    const devices = await h.call('GET', '/v1/devices', undefined, phone);
    expect(devices.status).toBe(200);
    expect(devices.body.devices.map((d: { name: string; current: boolean }) => [d.name, d.current])).toEqual([
      ['laptop', false],
      ['phone', true],
    ]);
    const revoked = await h.call('DELETE', `/v1/devices/${login.body.sessionId}`, undefined, phone);
    expect(revoked.status).toBe(204);
    expect((await h.call('GET', '/v1/devices', undefined, login.body.token)).status).toBe(401);
    expect((await h.call('GET', '/v1/devices', undefined, phone)).body.devices).toHaveLength(1);
  });

  it('delivers between registered users over the internet with push, receipts and one thread order', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    const bobPush = await h.push(bob);
    const alicePush = await h.push(alice);
    await bobPush.waitFor(0);

    const sent = await h.call('POST', '/v1/messages', { clientId: 'a-1', to: [BOB], text: 'Lunch at noon?' }, alice);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      clientId: 'a-1',
      direction: 'out',
      from: ALICE,
      to: [BOB],
      text: 'Lunch at noon?',
      deliveries: [{ number: BOB, channel: 'internet', status: 'sent' }],
    });
    await bobPush.waitFor(1);

    const inbox = await h.call('GET', '/v1/changes?since=0', undefined, bob);
    expect(inbox.body.items).toHaveLength(1);
    const item = inbox.body.items[0];
    expect(item).toMatchObject({ direction: 'in', from: ALICE, text: 'Lunch at noon?', clientId: null });
    expect(item.serverId).toBe(sent.body.serverId);

    const before = Number((await h.call('GET', '/v1/changes?since=0', undefined, alice)).body.state);
    expect((await h.call('POST', '/v1/receipts', { receipts: [{ serverId: item.serverId, status: 'delivered' }] }, bob)).body).toEqual({
      updated: 1,
    });
    expect((await h.call('POST', '/v1/receipts', { receipts: [{ serverId: item.serverId, status: 'read' }] }, bob)).body).toEqual({
      updated: 1,
    });
    // Status only moves forward: a late "delivered" after "read" changes nothing.
    expect((await h.call('POST', '/v1/receipts', { receipts: [{ serverId: item.serverId, status: 'delivered' }] }, bob)).body).toEqual({
      updated: 0,
    });
    await alicePush.waitFor(before + 2);
    const mine = await h.call('GET', `/v1/changes?since=${before}`, undefined, alice);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].deliveries).toEqual([expect.objectContaining({ number: BOB, status: 'read' })]);

    const reply = await h.call('POST', '/v1/messages', { clientId: 'b-1', to: [ALICE], text: 'Yes!' }, bob);
    expect(reply.body.serverId).toBeGreaterThan(sent.body.serverId);
  });

  it('makes creates idempotent by client id and refuses the same id for other content', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.login(BOB);
    const body = { clientId: 'same-id', to: [BOB], text: 'once' };
    const first = await h.call('POST', '/v1/messages', body, alice);
    const again = await h.call('POST', '/v1/messages', body, alice);
    expect(again.status).toBe(200);
    expect(again.body.serverId).toBe(first.body.serverId);
    const changes = await h.call('GET', '/v1/changes', undefined, alice);
    expect(changes.body.items).toHaveLength(1);
    const other = await h.call('POST', '/v1/messages', { ...body, text: 'twice' }, alice);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
  });

  it('pages changes since a state and answers an empty page with the current state', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.login(BOB);
    for (let i = 0; i < 5; i++) {
      await h.call('POST', '/v1/messages', { clientId: `m${i}`, to: [BOB], text: `n${i}` }, alice);
    }
    const seen: string[] = [];
    let state = '0';
    for (;;) {
      const page = await h.call('GET', `/v1/changes?since=${state}&limit=2`, undefined, alice);
      seen.push(...page.body.items.map((i: { text: string }) => i.text));
      expect(Number(page.body.state)).toBeGreaterThanOrEqual(Number(state));
      state = page.body.state;
      if (!page.body.more) break;
    }
    expect(seen).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    const empty = await h.call('GET', `/v1/changes?since=${state}`, undefined, alice);
    expect(empty.body).toEqual({ items: [], state, more: false });
  });

  it('invites an unregistered number by SMS with a code that is their first login, and routes their SMS reply back', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const text = 'Hi Carol, this is Alice. The keys are under the mat, see you at eight tonight. Bring the map.';
    const sent = await h.call('POST', '/v1/messages', { clientId: 'inv-1', to: [CAROL], text }, alice);
    expect(sent.body.deliveries).toEqual([expect.objectContaining({ number: CAROL, channel: 'sms', status: 'queued' })]);

    const sms = await h.station.nextSms(CAROL, 'invite');
    expect(sms.text).toContain(ALICE);
    expect(sms.text).toContain('Hi Carol, this is Alice.');
    expect(sms.text).not.toContain('Bring the map');
    const offer = h.station.frames.find((f) => f.type === 'offer' && f.job.to === CAROL);
    const jobId = offer?.type === 'offer' ? offer.job.id : 0;

    // The station's result and the network's status report move Alice's copy forward.
    await waitFor(async () => (await lastDelivery(h, alice)).status === 'sent');
    h.station.send({ v: 1, type: 'report', jobId, status: 'delivered' });
    await waitFor(async () => (await lastDelivery(h, alice)).status === 'delivered');

    // Carol's SMS reply comes back into Alice's thread.
    h.station.send({ v: 1, type: 'received', id: 'sim-7', from: CAROL, text: 'On my way', receivedAt: h.clock.now() });
    h.station.send({ v: 1, type: 'received', id: 'sim-7', from: CAROL, text: 'On my way', receivedAt: h.clock.now() });
    await waitFor(async () => {
      const all = await h.call('GET', '/v1/changes', undefined, alice);
      return all.body.items.some((i: { direction: string; text: string }) => i.direction === 'in' && i.text === 'On my way');
    });
    const all = await h.call('GET', '/v1/changes', undefined, alice);
    const replies = all.body.items.filter((i: { direction: string }) => i.direction === 'in');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ from: CAROL, deliveries: [{ channel: 'sms', status: 'delivered' }] });

    // The code in the invitation is Carol's first login; the whole message waits in her mailbox.
    const login = await h.call('POST', '/v1/auth/login', { number: CAROL, code: codeIn(sms.text), device: 'new phone' });
    expect(login.status).toBe(200);
    const carolBox = await h.call('GET', '/v1/changes', undefined, login.body.token);
    expect(carolBox.body.items).toEqual([expect.objectContaining({ direction: 'in', from: ALICE, text })]);
    // Used once, never again.
    const replay = await h.call('POST', '/v1/auth/login', { number: CAROL, code: codeIn(sms.text), device: 'x' });
    expect(replay.status).toBe(401);
  });

  it('matches an uploaded phone book against registered numbers and keeps only hashes', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.login(BOB);
    const book = ['(415) 555-0102', '+1 415 555 0103', '+14155550102', 'not a number', "'); DROP TABLE contacts; --"];
    const res = await h.call('PUT', '/v1/contacts', { numbers: book }, alice);
    expect(res.body).toEqual({ stored: 2, invalid: 2, registered: [BOB] });
    const rows = await h.server.internals.ctx.db.all<{ number_hash: string }>('SELECT number_hash FROM contacts');
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.number_hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await h.call('PUT', '/v1/contacts', { numbers: [CAROL] }, alice);
    expect(again.body).toEqual({ stored: 1, invalid: 0, registered: [] });
    expect(await h.server.internals.ctx.db.all('SELECT number_hash FROM contacts')).toHaveLength(1);
  });

  it('serves /healthz and an OpenAPI document that lists every HTTP route', async () => {
    h = await startHarness(backends, dialect);
    expect(await h.call('GET', '/healthz')).toEqual({ status: 200, body: { ok: true, schemaVersion: LATEST_SCHEMA_VERSION } });
    const doc = await h.call('GET', '/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths).sort()).toEqual(
      [
        '/healthz',
        '/v1/account/password',
        '/v1/auth/code',
        '/v1/auth/login',
        '/v1/changes',
        '/v1/devices',
        '/v1/devices/{id}',
        '/v1/messages',
        '/v1/messages/batch',
        '/v1/receipts',
        '/v1/stations',
        '/v1/stations/{id}',
        '/v1/contacts',
        '/v1/notifications',
        '/v1/invitations',
      ].sort(),
    );
    // @fastify/websocket hides WebSocket routes from OpenAPI; the description names them.
    expect(doc.body.info.description).toContain('/v1/push');
    expect(doc.body.paths['/v1/messages'].post.requestBody.content['application/json'].schema.required).toEqual(['clientId', 'to', 'text']);
  });
});

async function lastDelivery(h: Harness, token: string): Promise<{ status: string }> {
  const res = await h.call('GET', '/v1/changes', undefined, token);
  const out = res.body.items.filter((i: { direction: string }) => i.direction === 'out');
  return out.at(-1).deliveries[0];
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
