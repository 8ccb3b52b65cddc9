/**
 * What the signed-in core does with the mailbox beyond sync itself, against a real mailbox
 * server (SQLite), the emulator's gateway and handsets: the phone book matched (the Contacts
 * badge), read receipts from conversations.markRead, internet first when sending,
 * invitations by SMS, and nothing lost while the server is down.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncStore, type Archive } from '../archive/index';
import type { ContactView } from '../contract';
import {
  A_NUMBER,
  B_NUMBER,
  C_NUMBER,
  D_NUMBER,
  GATEWAY_NUMBER,
  sqliteBackends,
  startWorld,
  thread,
  until,
  waitForMessage,
  type World,
} from '../sync/testing';
import { MailboxClient } from '../sync/index';
import { call, desk, loginByHandset, openDesks } from './account-testing';
import { memoryAccountTokens, type AccountTokenStore } from './account-tokens';
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

async function reachableByName(core: StationCore): Promise<Record<string, ContactView['reachable']>> {
  const page = await call(core, 'contacts.list', {});
  return Object.fromEntries(page.items.map((c) => [c.name, c.reachable]));
}

/**
 * Waits until the desk's archive has caught up with its mailbox and owes no receipt: from
 * then on, only what the test does next makes traffic.
 */
async function settled(w: World, archive: Archive, tokens: AccountTokenStore): Promise<void> {
  const client = new MailboxClient({ url: w.url, tokens });
  const store = new SyncStore(archive);
  await until(async () => {
    if (store.entries('sync.receipt.').length > 0) return false;
    const since = archive.settings.get('sync.state') ?? '0';
    return (await client.changes(since)).items.length === 0;
  }, 'the desk in step with the mailbox');
}

async function saveContact(core: StationCore, name: string, number: string): Promise<void> {
  await call(core, 'contacts.save', { name, numbers: [{ number }] });
}

describe('the phone book matched with the mailbox', () => {
  it('shows B (registered) as reachable and C (not) as not, refreshes on a contacts change, and forgets it at logout', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const { core } = desk(w, 'd-desk');
    await call(core, 'account.setServer', { url: w.url });
    await saveContact(core, 'Bea', B_NUMBER);
    await saveContact(core, 'Cem', C_NUMBER);
    // Never asked: not known.
    expect(await reachableByName(core)).toEqual({ Bea: null, Cem: null });

    const b = w.core('b');
    await w.loginByHandset(b, B_NUMBER);
    const matched = nextEvent(core, 'contacts.changed', () => true);
    await loginByHandset(w, core, D_NUMBER);
    await matched;
    await until(async () => (await reachableByName(core))['Bea'] === true, 'Bea reachable');
    expect(await reachableByName(core)).toEqual({ Bea: true, Cem: false });

    // C registers; the next change of the phone book matches it again.
    const c = w.core('c');
    await w.loginByHandset(c, C_NUMBER);
    await saveContact(core, 'Ari', A_NUMBER);
    await until(async () => (await reachableByName(core))['Cem'] === true, 'Cem reachable after the change');
    expect(await reachableByName(core)).toEqual({ Ari: false, Bea: true, Cem: true });

    await call(core, 'account.logout', null);
    expect(await reachableByName(core)).toEqual({ Ari: null, Bea: null, Cem: null });
  }, 60_000);
});

describe('read receipts from the conversation', () => {
  it('B reads C’s mailbox message here: C’s copy shows read, and reading again owes nothing', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const tokens = memoryAccountTokens();
    const { core, archive } = desk(w, 'b-desk', tokens);
    await call(core, 'account.setServer', { url: w.url });
    await loginByHandset(w, core, B_NUMBER);
    const c = w.core('c');
    await w.loginByHandset(c, C_NUMBER);

    const text = 'Did you read this, B?';
    const sent = c.engine.send({ to: B_NUMBER, text });
    const arrived = await nextEvent(core, 'message.changed', (e) => e.message.body === text && e.message.direction === 'in');
    // Delivered and quiet: only the markRead below can make it read.
    await until(() => c.archive.messages.get(sent.id)?.status === 'delivered', 'C’s copy delivered');
    await settled(w, archive, tokens);
    expect(new SyncStore(c.archive).hasStatusEvent(sent.id, 'read')).toBe(false);
    await call(core, 'conversations.markRead', { conversationId: arrived.message.conversationId });

    const store = new SyncStore(c.archive);
    await until(() => store.hasStatusEvent(sent.id, 'read'), 'C’s copy read');
    expect(c.archive.messages.get(sent.id)).toMatchObject({ status: 'delivered' });
    // The receipt went and its queue row with it; a second markRead owes nothing.
    await until(
      () => archive.settings.get(`sync.receipt.${String(c.archive.messages.get(sent.id)?.serverId)}`) === undefined,
      'no receipt owed',
    );
    await call(core, 'conversations.markRead', { conversationId: arrived.message.conversationId });
    expect(new SyncStore(archive).entries('sync.receipt.')).toEqual([]);
  }, 60_000);
});

describe('internet first', () => {
  it('auto: to registered B over the internet, to D (not registered) by SMS from this PC’s modem, with the reason', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    // This desk drives A's SIM (emulator modem 1) and logs in as A with the code that SIM receives.
    const { core } = desk(w, 'a-desk', undefined, 1);
    await call(core, 'account.setServer', { url: w.url });
    const station = core.station;
    if (station === undefined) throw new Error('the core has no station');
    await until(() => station.modems.some((m) => m.state === 'ready'), 'A’s SIM ready');
    await saveContact(core, 'Bea', B_NUMBER);
    await saveContact(core, 'Dan', D_NUMBER);

    // Signed out, auto goes by SMS and says why.
    const early = await call(core, 'messages.send', { to: D_NUMBER, text: 'Before the login.', via: 'auto' });
    expect(early).toMatchObject({ channel: 'sms', routeNote: 'Not logged in to the mailbox: sent by SMS.' });
    expect(await core.call('messages.send', { to: B_NUMBER, text: 'x', via: 'mailbox' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'Log in to the mailbox to send over the internet.' },
    });

    const b = w.core('b');
    await w.loginByHandset(b, B_NUMBER);
    expect(await call(core, 'account.requestCode', { number: A_NUMBER })).toEqual({ outcome: 'sent' });
    const codeSms = await until(() => thread(station.archive, GATEWAY_NUMBER).find((m) => m.direction === 'in'), 'the login code');
    const code = /\b(\d{6,10})\b/.exec(codeSms.body)?.[1] ?? '';
    const matched = nextEvent(core, 'contacts.changed', () => true);
    expect((await call(core, 'account.login', { number: A_NUMBER, code })).outcome).toBe('signed-in');
    await matched;
    await until(async () => (await reachableByName(core))['Bea'] === true, 'Bea matched');

    const toB = await call(core, 'messages.send', { to: B_NUMBER, text: 'Over the internet, B.', via: 'auto' });
    expect(toB.channel).toBe('mailbox');
    expect(toB.routeNote).toBeUndefined();
    await waitForMessage(b.archive, A_NUMBER, (m) => m.body === 'Over the internet, B.' && m.channel === 'mailbox', 'B has it');

    const toD = await call(core, 'messages.send', { to: D_NUMBER, text: 'By SMS, D.', via: 'auto' });
    expect(toD).toMatchObject({ channel: 'sms', routeNote: `${D_NUMBER} is not on the mailbox: sent by SMS.` });
    const atD = await until(() => w.handset(D_NUMBER).inbox.find((m) => m.text === 'By SMS, D.'), 'the SMS at D');
    expect(atD.from).toBe(A_NUMBER);

    // A number outside the phone book is never shown to the server: SMS, and the note says why.
    const toC = await call(core, 'messages.send', { to: C_NUMBER, text: 'Who are you?', via: 'auto' });
    expect(toC.routeNote).toMatch(/not among the contacts matched with the mailbox/);
    // A flash SMS cannot travel by internet.
    expect(await call(core, 'messages.send', { to: B_NUMBER, text: 'Flash!', via: 'auto', flash: true })).toMatchObject({
      channel: 'sms',
      routeNote: 'A flash SMS goes by SMS.',
    });
  }, 90_000);

  it('a PC with no modem sends an SMS from the user’s number through their own station, and says so', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const { core } = desk(w, 'b-pc');
    await call(core, 'account.setServer', { url: w.url });
    await loginByHandset(w, core, B_NUMBER);
    const sent = await call(core, 'messages.send', { to: D_NUMBER, text: 'From my number, please.', via: 'sms' });
    expect(sent).toMatchObject({ channel: 'mailbox', routeNote: expect.stringMatching(/no modem: .*your own station/) });
    // B has linked no station: the server refuses, and the message fails in its words.
    const failed = await nextEvent(core, 'message.changed', (e) => e.message.id === sent.id && e.message.status === 'failed');
    expect(failed.message.statusReason).toMatch(/station/i);
  }, 60_000);
});

describe('invitations', () => {
  it('invites C by SMS through the gateway, lists it, and refuses a number already on the mailbox', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const { core } = desk(w, 'b-desk');
    await call(core, 'account.setServer', { url: w.url });
    expect(await core.call('contacts.invite', { number: C_NUMBER })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await loginByHandset(w, core, B_NUMBER);

    const handset = w.handset(C_NUMBER);
    const invitation = await call(core, 'contacts.invite', { number: C_NUMBER });
    expect(invitation).toMatchObject({ number: C_NUMBER, status: 'pending', answeredAt: null });
    const sms = await until(() => handset.inbox.find((m) => m.from === GATEWAY_NUMBER && m.text.includes(B_NUMBER)), 'the invitation at C');
    expect(sms.text).toMatch(/invites you to SMSDesk/);
    // Asking again while it waits sends nothing more.
    expect(await call(core, 'contacts.invite', { number: C_NUMBER })).toMatchObject({ number: C_NUMBER, status: 'pending' });
    expect(await call(core, 'contacts.invitations', null)).toEqual([expect.objectContaining({ number: C_NUMBER, status: 'pending' })]);

    const d = w.core('d');
    await w.loginByHandset(d, D_NUMBER);
    expect(await core.call('contacts.invite', { number: D_NUMBER })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/already on SMSDesk/) },
    });
    expect(handset.inbox.filter((m) => m.from === GATEWAY_NUMBER && m.text.includes('invites you'))).toHaveLength(1);
  }, 60_000);
});

describe('offline', () => {
  it('signed in with the server down: says offline, queues sends and receipts, and flushes them once when it is back', async () => {
    world = await startWorld(backends, 'sqlite');
    const w = world;
    const tokens = memoryAccountTokens();
    const { core, archive } = desk(w, 'b-desk', tokens);
    await call(core, 'account.setServer', { url: w.url });
    await loginByHandset(w, core, B_NUMBER);
    await nextEvent(core, 'account.changed', (s) => s.sync === 'online');
    const c = w.core('c');
    await w.loginByHandset(c, C_NUMBER);
    const fromC = c.engine.send({ to: B_NUMBER, text: 'Read me while the server is away.' });
    const arrived = await nextEvent(core, 'message.changed', (e) => e.message.body === fromC.body && e.message.direction === 'in');
    // Quiet before the server goes: the core must notice the loss by itself, not through a pass already under way.
    await until(() => c.archive.messages.get(fromC.id)?.status === 'delivered', 'C’s copy delivered');
    await settled(w, archive, tokens);

    const text = 'Written while the mailbox was away.';
    await w.restartServer(async () => {
      const offline = await nextEvent(core, 'account.changed', (s) => s.state === 'offline');
      expect(offline).toMatchObject({ number: B_NUMBER, sync: 'offline', reason: expect.any(String) });
      const queued = await call(core, 'messages.send', { to: C_NUMBER, text, via: 'mailbox' });
      expect(queued).toMatchObject({ channel: 'mailbox', status: 'queued' });
      await call(core, 'conversations.markRead', { conversationId: arrived.message.conversationId });
      expect(await call(core, 'account.status', null)).toMatchObject({ state: 'offline', pendingSends: 1 });
    });

    const back = await nextEvent(core, 'account.changed', (s) => s.state === 'signed-in' && s.pendingSends === 0, 30_000);
    expect(back.sync).toBe('online');
    await waitForMessage(c.archive, B_NUMBER, (m) => m.body === text, 'C has B’s message');
    await until(() => new SyncStore(c.archive).hasStatusEvent(fromC.id, 'read'), 'C’s message read');
    // Once: one copy at C, even after another pass.
    await c.engine.syncNow();
    expect(thread(c.archive, B_NUMBER).filter((m) => m.body === text)).toHaveLength(1);
  }, 60_000);
});
