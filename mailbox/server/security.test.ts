import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addStation } from '../domain/stations';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const CAROL = '+14155550103';
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>'); DROP TABLE messages; -- " OR 1=1 --`;

describe.each(DIALECTS)('security on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('needs a session on every endpoint but health, code request, login and the API document', async () => {
    h = await startHarness(backends, dialect);
    const { token: stationToken } = await addStation(h.server.internals.ctx.db, 'gw2');
    const doc = await h.call('GET', '/v1/openapi.json');
    const open = new Set(['GET /healthz', 'POST /v1/auth/code', 'POST /v1/auth/login']);
    const checked: string[] = [];
    for (const [path, methods] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (open.has(route)) continue;
        const concrete = path.replace('{id}', '1');
        for (const token of [undefined, stationToken, 'smsd_s_forged', 'garbage token']) {
          const res = await h.call(method.toUpperCase(), concrete, method === 'get' || method === 'delete' ? undefined : {}, token);
          expect([route, token, res.status]).toEqual([route, token, 401]);
          expect(res.body.error.code).toBe('unauthorized');
        }
        checked.push(route);
      }
    }
    expect(checked.sort()).toEqual([
      'DELETE /v1/devices/{id}',
      'DELETE /v1/stations/{id}',
      'GET /v1/changes',
      'GET /v1/devices',
      'GET /v1/invitations',
      'GET /v1/notifications',
      'GET /v1/stations',
      'POST /v1/invitations',
      'POST /v1/messages',
      'POST /v1/messages/batch',
      'POST /v1/receipts',
      'POST /v1/stations',
      'PUT /v1/account/password',
      'PUT /v1/contacts',
      'PUT /v1/notifications',
    ]);
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${h.url.replace('http', 'ws')}/v1/push`, { headers: { authorization: `Bearer ${stationToken}` } });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
  });

  it('keeps each account to its own mailbox', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    const carol = await h.login(CAROL);
    const sent = await h.call('POST', '/v1/messages', { clientId: 'secret', to: [CAROL], text: 'for Carol only' }, alice);
    const bobView = await h.call('GET', '/v1/changes?since=0', undefined, bob);
    expect(bobView.body.items).toEqual([]);
    // Bob cannot mark Carol's message read, nor log out Alice's devices.
    const receipt = await h.call('POST', '/v1/receipts', { receipts: [{ serverId: sent.body.serverId, status: 'read' }] }, bob);
    expect(receipt.body).toEqual({ updated: 0 });
    const aliceDevices = await h.call('GET', '/v1/devices', undefined, alice);
    const revoke = await h.call('DELETE', `/v1/devices/${aliceDevices.body.devices[0].id}`, undefined, bob);
    expect(revoke.status).toBe(404);
    expect((await h.call('GET', '/v1/devices', undefined, alice)).status).toBe(200);
    const carolView = await h.call('GET', '/v1/changes', undefined, carol);
    expect(carolView.body.items[0].deliveries).toEqual([expect.objectContaining({ number: CAROL, status: 'sent' })]);
  });

  it('closes the push socket of a device logged out from another', async () => {
    h = await startHarness(backends, dialect);
    const laptop = await h.login(ALICE, 'laptop');
    const phone = await h.login(ALICE, 'phone');
    const devices = await h.call('GET', '/v1/devices', undefined, phone);
    const laptopId = devices.body.devices.find((d: { name: string }) => d.name === 'laptop').id;
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}/v1/push`, { headers: { authorization: `Bearer ${laptop}` } });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('message', resolve));
    expect((await h.call('DELETE', `/v1/devices/${laptopId}`, undefined, phone)).status).toBe(204);
    expect(await closed).toBe(4001);
  });

  it('answers a code request identically for registered and unknown numbers', async () => {
    h = await startHarness(backends, dialect);
    await h.login(ALICE);
    const known = await h.call('POST', '/v1/auth/code', { number: ALICE });
    const unknown = await h.call('POST', '/v1/auth/code', { number: '+14155550177' });
    expect(known).toEqual(unknown);
    expect(known.status).toBe(202);
  });

  it('limits requests per address to the login routes', async () => {
    h = await startHarness(backends, dialect, { http: { requestsPerMinute: 1000, authPerMinute: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await h.call('POST', '/v1/auth/login', { number: ALICE, code: '000000', device: 'x' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await h.call('POST', '/v1/auth/login', { number: ALICE, code: '000000', device: 'x' });
    expect(limited.body.error.code).toBe('rate-limited');
  });

  it('refuses oversize, malformed and out-of-schema bodies with typed errors', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const huge = await h.call('POST', '/v1/messages', { clientId: 'big', to: [BOB], text: 'x'.repeat(200_000) }, alice);
    expect([huge.status, huge.body.error.code]).toEqual([413, 'too-large']);
    const long = await h.call('POST', '/v1/messages', { clientId: 'long', to: [BOB], text: 'x'.repeat(10_001) }, alice);
    expect([long.status, long.body.error.code]).toEqual([400, 'bad-request']);
    const broken = await h.call('POST', '/v1/messages', '{"clientId": "a", "to": [', alice);
    expect([broken.status, broken.body.error.code]).toEqual([400, 'bad-request']);
    const extra = await h.call('POST', '/v1/messages', { clientId: 'e', to: [BOB], text: 'x', admin: true }, alice);
    expect(extra.status).toBe(400);
    const many = await h.call(
      'POST',
      '/v1/messages',
      { clientId: 'm', to: Array.from({ length: 51 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`), text: 'x' },
      alice,
    );
    expect(many.status).toBe(400);
    const badId = await h.call('POST', '/v1/messages', { clientId: HOSTILE, to: [BOB], text: 'x' }, alice);
    expect(badId.status).toBe(400);
    const badNumber = await h.call('POST', '/v1/messages', { clientId: 'n', to: [HOSTILE.slice(0, 40)], text: 'x' }, alice);
    expect([badNumber.status, badNumber.body.error.code]).toEqual([400, 'bad-request']);
    const badState = await h.call('GET', `/v1/changes?since=${encodeURIComponent('0 OR 1=1')}`, undefined, alice);
    expect(badState.status).toBe(400);
    const res = await fetch(`${h.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/html', authorization: `Bearer ${alice}` },
      body: '<b>hi</b>',
    });
    expect(res.status).toBe(415);
    // None of it reached the database.
    expect((await h.call('GET', '/v1/changes', undefined, alice)).body.items).toEqual([]);
  });

  it('keeps SQL and HTML in every text field as inert text, returned verbatim as JSON', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE, HOSTILE.slice(0, 100));
    const bob = await h.login(BOB);
    const devices = await fetch(`${h.url}/v1/devices`, { headers: { authorization: `Bearer ${alice}` } });
    expect(devices.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await devices.json()) as { devices: { name: string }[] }).devices[0]?.name).toBe(HOSTILE.slice(0, 100));
    const sent = await h.call('POST', '/v1/messages', { clientId: 'h-1', to: [BOB], text: HOSTILE }, alice);
    expect(sent.body.text).toBe(HOSTILE);
    const inbox = await h.call('GET', '/v1/changes', undefined, bob);
    expect(inbox.body.items[0].text).toBe(HOSTILE);
    expect((await h.call('PUT', '/v1/account/password', { password: HOSTILE }, alice)).status).toBe(204);
    expect((await h.call('POST', '/v1/auth/login', { number: ALICE, password: HOSTILE, device: HOSTILE.slice(0, 100) })).status).toBe(200);
    // The tables the payload names are intact.
    const count = await h.server.internals.ctx.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM messages');
    expect(Number(count?.n)).toBe(1);
    // A station's upload of hostile text is stored as text too.
    h.station.send({ v: 1, type: 'received', id: HOSTILE.slice(0, 100), from: HOSTILE.slice(0, 40), text: HOSTILE, receivedAt: 1 });
    expect(await h.station.next((f) => f.type === 'ack' && f.of === 'received')).toMatchObject({ ok: true });
    const kept = await h.server.internals.ctx.db.one<{ body: string }>('SELECT body FROM received_sms');
    expect(kept?.body).toBe(HOSTILE);
  });

  it('caps the SMS invitations one sender can cause per day', async () => {
    h = await startHarness(backends, dialect, { policy: { smsPerSenderPerDay: 3 } });
    const alice = await h.login(ALICE);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await h.call('POST', '/v1/messages', { clientId: `inv-${i}`, to: [`+1415555020${i}`], text: 'join me' }, alice);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const invites = await h.server.internals.ctx.db.all("SELECT id FROM jobs WHERE kind = 'invite'");
    expect(invites).toHaveLength(3);
    // The refused sends left nothing behind, so the same ids can be retried tomorrow.
    expect((await h.call('GET', '/v1/changes', undefined, alice)).body.items).toHaveLength(3);
  });
});
