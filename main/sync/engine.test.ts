/** SyncEngine and MailboxClient against a real mailbox server (SQLite) and the emulator's gateway. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MailboxClient } from './client';
import { SYNC_KEYS } from './keys';
import { B_NUMBER, D_NUMBER, sqliteBackends, startWorld, thread, until, waitForMessage, type World } from './testing';
import { memoryTokenStore } from './token-store';

const backends = sqliteBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

/** A port nobody listens on: connections are refused at once. */
const NOWHERE = 'http://127.0.0.1:9';

let world: World | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('SyncEngine', () => {
  it('keeps messages written offline across a restart and sends each exactly once when the server is back', async () => {
    world = await startWorld(backends, 'sqlite');
    const b = world.core('b');
    await world.loginByHandset(b, B_NUMBER);
    const d = world.core('d');
    await world.loginByHandset(d, D_NUMBER);
    await d.stop();

    const offline = world.core('d', { tokens: d.tokens, url: NOWHERE });
    const one = offline.engine.send({ to: B_NUMBER, text: 'one' });
    offline.engine.send({ to: B_NUMBER, text: 'two' });
    await until(() => offline.engine.status === 'offline', 'offline');
    expect(offline.engine.pendingSends).toBe(2);
    await offline.stop();

    const back = world.core('d', { tokens: d.tokens });
    await waitForMessage(b.archive, D_NUMBER, (m) => m.body === 'two', 'the second message at B');
    expect(thread(b.archive, D_NUMBER).map((m) => m.body)).toEqual(['one', 'two']);
    await until(() => thread(back.archive, B_NUMBER).every((m) => m.status === 'delivered'), 'both delivered');
    expect(back.engine.pendingSends).toBe(0);

    // A crash after the server took a message but before the archive heard: it goes again
    // under the same uid, and the server answers with the message it already has.
    const serverId = back.archive.messages.get(one.id)?.serverId;
    back.archive.db.prepare(`UPDATE messages SET server_id = NULL, status = 'queued' WHERE id = ?`).run(one.id);
    back.archive.settings.set(SYNC_KEYS.sendPrefix + one.uid, '{}');
    await back.engine.syncNow();
    expect(back.archive.messages.get(one.id)).toMatchObject({ serverId, status: 'delivered' });
    expect(thread(b.archive, D_NUMBER).map((m) => m.body)).toEqual(['one', 'two']);
  });

  it('fails a message the server will never take, in the server’s words, and goes on with the rest', async () => {
    world = await startWorld(backends, 'sqlite');
    const b = world.core('b');
    await world.loginByHandset(b, B_NUMBER);
    const d = world.core('d');
    await world.loginByHandset(d, D_NUMBER);
    const own = d.engine.send({ to: D_NUMBER, text: 'to myself' });
    const viaStation = d.engine.send({ to: B_NUMBER, text: 'from my SIM', via: 'own-station' });
    const fine = d.engine.send({ to: B_NUMBER, text: 'fine' });
    await waitForMessage(b.archive, D_NUMBER, (m) => m.body === 'fine', 'the good one at B');
    expect(d.archive.messages.get(own.id)).toMatchObject({
      status: 'failed',
      statusReason: 'A message cannot be sent to your own number.',
    });
    expect(d.archive.messages.get(viaStation.id)?.status).toBe('failed');
    expect(d.archive.messages.get(viaStation.id)?.statusReason).toMatch(/Link your own station/);
    await until(() => d.archive.messages.get(fine.id)?.status === 'delivered', 'the good one delivered');
    expect(d.engine.pendingSends).toBe(0);
  });

  it('sends a queue kept offline as one batch: the good ones arrive in order, a refused one fails in the server’s words', async () => {
    world = await startWorld(backends, 'sqlite');
    const b = world.core('b');
    await world.loginByHandset(b, B_NUMBER);
    const d = world.core('d');
    await world.loginByHandset(d, D_NUMBER);
    await d.stop();

    const offline = world.core('d', { tokens: d.tokens, url: NOWHERE });
    const first = offline.engine.send({ to: B_NUMBER, text: 'first' });
    const own = offline.engine.send({ to: D_NUMBER, text: 'to myself' });
    const last = offline.engine.send({ to: B_NUMBER, text: 'last' });
    await until(() => offline.engine.status === 'offline', 'offline');
    await offline.stop();

    // Back online, with the client's two ways of sending counted.
    const back = world.core('d', { tokens: d.tokens, start: false });
    const calls = { single: 0, batches: [] as number[] };
    const single = back.client.send.bind(back.client);
    back.client.send = (input) => {
      calls.single++;
      return single(input);
    };
    const batch = back.client.sendBatch.bind(back.client);
    back.client.sendBatch = (inputs) => {
      calls.batches.push(inputs.length);
      return batch(inputs);
    };
    back.engine.start();
    await waitForMessage(b.archive, D_NUMBER, (m) => m.body === 'last', 'the last message at B');
    expect(thread(b.archive, D_NUMBER).map((m) => m.body)).toEqual(['first', 'last']);
    expect(calls).toEqual({ single: 0, batches: [3] });
    expect(back.archive.messages.get(own.id)).toMatchObject({
      status: 'failed',
      statusReason: 'A message cannot be sent to your own number.',
    });
    await until(() => [first, last].every((m) => back.archive.messages.get(m.id)?.status === 'delivered'), 'both delivered');
    expect(back.engine.pendingSends).toBe(0);
  });

  it('catches up after the server restarts: what was written meanwhile goes out, the push comes back', async () => {
    world = await startWorld(backends, 'sqlite');
    const b = world.core('b');
    await world.loginByHandset(b, B_NUMBER);
    const d = world.core('d');
    await world.loginByHandset(d, D_NUMBER);
    await d.engine.syncNow();
    await world.restartServer(async () => {
      d.engine.send({ to: B_NUMBER, text: 'written while the server was down' });
      await until(() => d.engine.status === 'offline', 'offline');
    });
    await waitForMessage(b.archive, D_NUMBER, (m) => m.body === 'written while the server was down', 'the message at B');
    await until(() => d.engine.status === 'online', 'online again');
    // The gateway's link came back too.
    await until(
      () => world?.gateway.events.filter((e) => e.kind === 'connected').length === 2 && world.gateway.link.connected,
      'the gateway back',
    );
  });

  it('stops when its session is revoked from another device, and forgets the token', async () => {
    world = await startWorld(backends, 'sqlite');
    const laptop = world.core('b-laptop');
    await world.loginByHandset(laptop, B_NUMBER);
    const desktop = world.core('b-desktop');
    await world.loginByHandset(desktop, B_NUMBER);
    const devices = await desktop.client.devices();
    expect(devices.map((x) => [x.name, x.current])).toEqual([
      ["b-laptop's desktop", false],
      ["b-desktop's desktop", true],
    ]);
    await desktop.client.revokeDevice(devices[0]!.id);
    await until(() => laptop.engine.status === 'signed-out', 'the laptop signed out');
    expect(await laptop.tokens.load()).toBeUndefined();
    await expect(laptop.client.devices()).rejects.toMatchObject({ code: 'signed-out' });
    expect(await desktop.client.devices()).toHaveLength(1);
  });
});

describe('MailboxClient', () => {
  it('answers every failure with a stable code', async () => {
    world = await startWorld(backends, 'sqlite');
    const tokens = memoryTokenStore();
    const client = new MailboxClient({ url: world.url, tokens });
    await expect(client.login({ number: B_NUMBER, code: '000000' }, 'x')).rejects.toMatchObject({ code: 'bad-credentials', status: 401 });
    await expect(client.requestCode('not a number')).rejects.toMatchObject({ code: 'bad-request', status: 400 });
    await expect(client.devices()).rejects.toMatchObject({ code: 'signed-out' });
    await tokens.save({ token: 'smsd_s_forged', sessionId: 1, number: B_NUMBER });
    await expect(client.changes('0')).rejects.toMatchObject({ code: 'unauthorized', signedOut: true });
    expect(await tokens.load()).toBeUndefined();
    const down = new MailboxClient({ url: NOWHERE, tokens });
    await expect(down.requestCode(B_NUMBER)).rejects.toMatchObject({ code: 'offline', transient: true });
    const html = new MailboxClient({
      url: world.url,
      tokens,
      fetch: async () => new Response('<html>proxy error</html>', { status: 502 }),
    });
    await expect(html.requestCode(B_NUMBER)).rejects.toMatchObject({ code: 'bad-response', status: 502 });
  });

  it('logs out: the session ends on the server and the token is forgotten', async () => {
    world = await startWorld(backends, 'sqlite');
    const b = world.core('b', { start: false });
    await world.loginByHandset(b, B_NUMBER);
    const session = await b.tokens.load();
    await b.client.logout();
    expect(await b.tokens.load()).toBeUndefined();
    const stale = new MailboxClient({ url: world.url, tokens: memoryTokenStore(session) });
    await expect(stale.devices()).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
