/**
 * The mailbox account inside the station core, against a real mailbox server (SQLite), the
 * emulator's gateway station and handsets (main/sync/testing.ts). The core is reached only
 * through its contract calls and events, as the renderer reaches it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../contract';
import { MailboxClient } from '../sync/index';
import {
  A_NUMBER,
  B_NUMBER,
  C_NUMBER,
  codeIn,
  D_NUMBER,
  GATEWAY_NUMBER,
  sqliteBackends,
  startWorld,
  thread,
  until,
  type World,
} from '../sync/testing';
import { memoryAccountTokens } from './account-tokens';
import { call, desk, loginByHandset, openDesks } from './account-testing';
import type { StationCore } from './core';
import { nextEvent } from './testing';

const backends = sqliteBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

let world: World | undefined;
afterEach(async () => {
  for (const core of openDesks.splice(0)) await core.close();
  await world?.cleanup();
  world = undefined;
});

function mailboxMessage(core: StationCore, text: string): Promise<MessageView> {
  return nextEvent(core, 'message.changed', (e) => e.message.body === text && e.message.direction === 'in').then((e) => e.message);
}

describe('the mailbox account in the core', () => {
  it('logs in with the code from the handset, syncs, and shows another account’s message as a mailbox message; logout stops sync', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const tokens = memoryAccountTokens();
    const { core, archive } = desk(w, 'desk', tokens);

    expect(await call(core, 'account.status', null)).toMatchObject({ server: null, state: 'signed-out', keepsSession: false });
    expect(await call(core, 'account.requestCode', { number: B_NUMBER })).toEqual({ outcome: 'no-server' });
    const refused = await core.call('account.setServer', { url: 'ftp://example.org' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call(core, 'account.setServer', { url: w.url })).toMatchObject({ server: w.url.endsWith('/') ? w.url : `${w.url}/` });

    // A wrong code is an outcome in words, not a failure.
    const wrong = await call(core, 'account.login', { number: B_NUMBER, code: '000000' });
    expect(wrong).toMatchObject({ outcome: 'wrong-code', status: { state: 'signed-out' } });

    const status = await loginByHandset(w, core, B_NUMBER);
    expect(status).toMatchObject({ state: 'signed-in', number: B_NUMBER });
    expect((await tokens.load())?.number).toBe(B_NUMBER);
    await nextEvent(core, 'account.changed', (s) => s.sync === 'online');
    const devices = await call(core, 'account.devices', null);
    expect(devices).toEqual([expect.objectContaining({ name: 'Office desk', current: true })]);

    // C, another account, writes to B over the internet: it arrives through sync.
    const c = w.core('c');
    await w.loginByHandset(c, C_NUMBER);
    const text = 'Hello B, from C’s mailbox.';
    const arriving = mailboxMessage(core, text);
    c.engine.send({ to: B_NUMBER, text });
    const shown = await arriving;
    expect(shown).toMatchObject({ channel: 'mailbox', direction: 'in', peer: C_NUMBER, status: 'received' });
    // In the same conversation as SMS with C: the conversation list has it.
    const conversations = await call(core, 'conversations.list', {});
    expect(conversations.items.map((i) => i.id)).toContain(shown.conversationId);
    expect(thread(archive, C_NUMBER).map((m) => m.channel)).toEqual(['mailbox']);

    // Logout: the session ends at the server, the token is forgotten, the push socket closes.
    const push = w.server.internals.app.push;
    expect(push.connectedCount).toBe(2);
    const session = await tokens.load();
    expect(await call(core, 'account.logout', null)).toMatchObject({ state: 'signed-out', number: null, sync: 'idle' });
    expect(await tokens.load()).toBeUndefined();
    await until(() => push.connectedCount === 1, 'B’s push socket closed');
    const stale = new MailboxClient({ url: w.url, tokens: memoryAccountTokens(session ? { session } : {}) });
    await expect(stale.devices()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await core.call('account.devices', null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }, 60_000);

  it('resumes a stored session on a new core: sync runs again without a new login', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const tokens = memoryAccountTokens();
    const first = desk(w, 'desk', tokens);
    await call(first.core, 'account.setServer', { url: w.url });
    await loginByHandset(w, first.core, B_NUMBER);
    await first.core.close();

    const { core } = desk(w, 'desk', tokens);
    expect(await call(core, 'account.status', null)).toMatchObject({ state: 'signed-in', number: B_NUMBER });
    const c = w.core('c');
    await w.loginByHandset(c, C_NUMBER);
    const text = 'Still there after a restart?';
    const arriving = mailboxMessage(core, text);
    c.engine.send({ to: B_NUMBER, text });
    expect(await arriving).toMatchObject({ channel: 'mailbox', peer: C_NUMBER });
  }, 60_000);

  it('logs another device out, and says so in words when this device is logged out from elsewhere', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const tokens = memoryAccountTokens();
    const { core } = desk(w, 'desk', tokens);
    await call(core, 'account.setServer', { url: w.url });
    await loginByHandset(w, core, B_NUMBER);
    const phone = w.core('b-phone');
    await w.loginByHandset(phone, B_NUMBER);

    const devices = await call(core, 'account.devices', null);
    expect(devices).toHaveLength(2);
    const here = devices.find((d) => d.current);
    const other = devices.find((d) => !d.current);
    if (here === undefined || other === undefined) throw new Error('expected this desk and the phone');
    expect((await call(core, 'account.revokeDevice', { id: other.id })).map((d) => d.id)).toEqual([here.id]);
    await until(() => phone.engine.status === 'signed-out', 'the phone logged out');

    // B logs in on another phone and logs this desk out from there.
    const second = w.core('b-phone-2');
    await w.loginByHandset(second, B_NUMBER);
    const ended = nextEvent(core, 'account.changed', (s) => s.state === 'signed-out');
    await second.client.revokeDevice(here.id);
    const status = await ended;
    expect(status).toMatchObject({ number: null, sync: 'idle', reason: expect.stringMatching(/session/) });
    expect(await tokens.load()).toBeUndefined();
    expect(await core.call('account.devices', null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }, 60_000);

  it('links this station as the account’s own: the SIM’s link code verifies it, and "from my number" goes out through it', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    // This desk drives A's SIM (emulator modem 1): its station is A's own station.
    const { core } = desk(w, 'a-desk', memoryAccountTokens(), 1);
    await call(core, 'account.setServer', { url: w.url });
    const station = core.station;
    if (station === undefined) throw new Error('the core has no station');
    await until(() => station.modems.some((m) => m.state === 'ready'), 'A’s SIM ready');

    // The login code arrives on A's SIM, in this station's archive.
    expect(await call(core, 'account.requestCode', { number: A_NUMBER })).toEqual({ outcome: 'sent' });
    const codeSms = await until(
      () => thread(station.archive, GATEWAY_NUMBER).find((m) => m.direction === 'in'),
      'the login code on A’s SIM',
    );
    expect((await call(core, 'account.login', { number: A_NUMBER, code: codeIn(codeSms.body) })).outcome).toBe('signed-in');

    const linking = await call(core, 'account.linkStation', { name: 'A’s desk' });
    expect(linking.link).toMatchObject({ name: 'A’s desk', verified: false, refused: false });
    const verified = await nextEvent(core, 'account.changed', (s) => s.link?.verified === true, 30_000);
    expect(verified.link).toMatchObject({ connected: true });

    // A's modemless PC sends "from my number": the SMS leaves through this station's SIM.
    const pc = w.core('a-pc');
    await w.loginBySim(pc, station, A_NUMBER);
    const phoneD = w.handset(D_NUMBER);
    const text = 'From my own number, through my desk.';
    pc.engine.send({ to: D_NUMBER, text, via: 'own-station' });
    const atD = await until(() => phoneD.inbox.find((m) => m.text === text), 'the SMS at D');
    expect(atD.from).toBe(A_NUMBER);

    // Unlink: the server forgets the station and the link stops.
    const unlinked = await call(core, 'account.unlinkStation', null);
    expect(unlinked.link).toBeNull();
    expect(await pc.client.stations()).toEqual([]);
  }, 90_000);
});
