/**
 * The whole path, end to end: a real mailbox server (SQLite, and PostgreSQL on a throwaway
 * cluster), a real gateway Station on the emulator's network reached through a StationLink,
 * and desktop cores (archive + MailboxClient + SyncEngine). A and B are registered; C and D
 * are not. A's SIM sits in A's own station (a desktop with a modem); A's core is a PC without one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, useBackends } from '../../mailbox/test/backends';
import type { Station } from '../station/index';
import {
  A_NUMBER,
  B_NUMBER,
  C_NUMBER,
  codeIn,
  D_NUMBER,
  GATEWAY_NUMBER,
  startWorld,
  thread,
  until,
  waitForMessage,
  type Core,
  type World,
} from './testing';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

describe.each(DIALECTS)('mailbox sync end to end on %s', (dialect) => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.cleanup();
    world = undefined;
  });

  /** A's own station (A's SIM) and A's modemless PC, logged in with the code that SIM received. */
  async function userA(w: World): Promise<{ a: Core; aStation: Station }> {
    const aStation = await w.rig.station('a-station', 1);
    const a = w.core('a');
    await w.loginBySim(a, aStation, A_NUMBER);
    return { a, aStation };
  }

  const readsOf = (core: Core, messageId: number) => core.archive.events.forMessage(messageId).filter((e) => e.to === 'read');

  it('A → B travels over the internet; A sees it delivered, then read; B’s answer follows in the same thread', async () => {
    world = await startWorld(backends, dialect);
    const { a } = await userA(world);
    const b = world.core('b');
    await world.loginByHandset(b, B_NUMBER);
    const smsBefore = world.rig.emulator.network.events.filter((e) => e.kind === 'submit').length;

    const text = 'Hello B, this goes over the internet.';
    const sent = a.engine.send({ to: B_NUMBER, text });
    expect(sent).toMatchObject({ direction: 'out', channel: 'mailbox', status: 'queued', peer: B_NUMBER, serverId: null });

    const atB = await waitForMessage(b.archive, A_NUMBER, (m) => m.body === text, 'the message at B');
    expect(atB).toMatchObject({ direction: 'in', channel: 'mailbox', status: 'received', read: false, origin: 'sync' });
    const delivered = await waitForMessage(a.archive, B_NUMBER, (m) => m.uid === sent.uid && m.status === 'delivered', 'delivered at A');
    expect(delivered.serverId).toBe(atB.serverId);
    expect(delivered.deliveredAt).not.toBeNull();

    expect(b.engine.markConversationRead(atB.conversationId)).toBe(1);
    await until(() => readsOf(a, sent.id).length > 0, 'read at A');
    expect(
      a.archive.events
        .forMessage(sent.id)
        .filter((e) => e.kind === 'message-status')
        .map((e) => e.to),
    ).toEqual(['queued', 'sending', 'sent', 'delivered', 'read']);

    const answer = b.engine.send({ to: A_NUMBER, text: 'Got it.' });
    await waitForMessage(a.archive, B_NUMBER, (m) => m.body === 'Got it.', 'the answer at A');
    // One thread per person, in the server's order, on both sides.
    expect(thread(a.archive, B_NUMBER).map((m) => [m.direction, m.body])).toEqual([
      ['out', text],
      ['in', 'Got it.'],
    ]);
    await waitForMessage(b.archive, A_NUMBER, (m) => m.uid === answer.uid && m.status === 'delivered', 'the answer delivered');
    expect(thread(b.archive, A_NUMBER).map((m) => [m.direction, m.body])).toEqual([
      ['in', text],
      ['out', 'Got it.'],
    ]);
    // Not a single SMS went out for any of it (the login codes went before).
    expect(world.rig.emulator.network.events.filter((e) => e.kind === 'submit')).toHaveLength(smsBefore);
    expect(a.engine.pendingSends).toBe(0);
  });

  it('A → C (not registered) reaches C’s phone as an SMS with a code; C logs in with it and reads; C’s SMS reply lands in A’s thread', async () => {
    world = await startWorld(backends, dialect);
    const { a } = await userA(world);
    const phoneC = world.handset(C_NUMBER);

    const text = 'Hi C, this is A. Lunch on Friday?';
    const sent = a.engine.send({ to: C_NUMBER, text });
    const invitation = await until(() => phoneC.inbox.find((m) => m.from === GATEWAY_NUMBER), 'the invitation on C’s phone');
    expect(invitation.text).toContain(A_NUMBER);
    expect(invitation.text).toContain(text);
    // The network's status report came back through the gateway station and the mailbox.
    await waitForMessage(a.archive, C_NUMBER, (m) => m.uid === sent.uid && m.status === 'delivered', 'delivered at A');

    const c = world.core('c');
    await c.client.login({ number: C_NUMBER, code: codeIn(invitation.text) }, 'C’s laptop');
    c.engine.start();
    const atC = await waitForMessage(c.archive, A_NUMBER, (m) => m.body === text, 'the message in C’s mailbox');
    expect(atC).toMatchObject({ direction: 'in', channel: 'mailbox', read: false });
    c.engine.markConversationRead(atC.conversationId);
    await until(() => readsOf(a, sent.id).length > 0, 'read at A');

    await phoneC.send(GATEWAY_NUMBER, 'Friday works. See you!');
    await waitForMessage(a.archive, C_NUMBER, (m) => m.direction === 'in', 'C’s reply at A');
    expect(thread(a.archive, C_NUMBER).map((m) => [m.direction, m.body, m.channel])).toEqual([
      ['out', text, 'mailbox'],
      ['in', 'Friday works. See you!', 'mailbox'],
    ]);
    // Exactly one SMS reached C, and the gateway's job is finished with the server.
    expect(phoneC.inbox.filter((m) => m.from === GATEWAY_NUMBER)).toHaveLength(1);
    await until(() => world?.gateway.link.openJobs === 0, 'the gateway done with every job');
  });

  it('A’s PC without a modem sends through A’s own station: the network shows A’s number; answers come back to the PC', async () => {
    world = await startWorld(backends, dialect);
    const { a, aStation } = await userA(world);
    const linked = await a.client.linkStation('A’s desk');
    const own = world.link(aStation, linked.token);
    await until(async () => (await a.client.stations()).find((s) => s.verified), 'A’s station verified by the link code it received');
    expect(own.events).toContainEqual(expect.objectContaining({ kind: 'uploaded' }));

    const phoneD = world.handset(D_NUMBER);
    const text = 'Sent from my own number, by my own SIM.';
    const sent = a.engine.send({ to: D_NUMBER, text, via: 'own-station' });
    const atD = await until(() => phoneD.inbox.find((m) => m.text === text), 'the SMS on D’s phone');
    expect(atD.from).toBe(A_NUMBER);
    const submits = world.rig.emulator.network.events.filter((e) => e.kind === 'submit' && e.to === D_NUMBER);
    expect(submits.map((e) => (e.kind === 'submit' ? e.from : ''))).toEqual([A_NUMBER]);
    await waitForMessage(a.archive, D_NUMBER, (m) => m.uid === sent.uid && m.status === 'delivered', 'delivered at A’s PC');
    // The own station's archive holds the SMS it sent for the PC.
    expect(thread(aStation.archive, D_NUMBER).map((m) => [m.direction, m.body, m.status])).toEqual([['out', text, 'delivered']]);

    await phoneD.send(A_NUMBER, 'Received, thanks.');
    await waitForMessage(a.archive, D_NUMBER, (m) => m.direction === 'in' && m.body === 'Received, thanks.', 'D’s answer on A’s PC');
    expect(thread(a.archive, D_NUMBER).map((m) => m.direction)).toEqual(['out', 'in']);
    await until(() => own.link.openJobs === 0, 'the own station done with its job');
  });
});
