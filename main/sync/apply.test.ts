/** The conflict rules (README.md) on an in-memory archive, with items as the server writes them. */
import { afterEach, describe, expect, it } from 'vitest';
import { SyncStore } from '../archive/index';
import { queryPlan, T0, testArchive, type TestArchive } from '../archive/test-support';
import { applyPage } from './apply';
import { SYNC_KEYS } from './keys';
import type { DeliveryT, MessageItemT } from './wire';

const ME = '+491701234567';
const BOB = '+491709876543';

let archive: TestArchive | undefined;
afterEach(() => {
  archive?.close();
  archive = undefined;
});

function setup(): { archive: TestArchive; store: SyncStore; apply: (...items: MessageItemT[]) => ReturnType<typeof applyPage> } {
  const a = testArchive();
  archive = a;
  const store = new SyncStore(a);
  return { archive: a, store, apply: (...items) => a.db.transaction(() => applyPage({ archive: a, store, now: a.clock.now }, items))() };
}

function out(serverId: number, clientId: string | null, status: DeliveryT['status'], at = T0 + serverId): MessageItemT {
  return {
    serverId,
    clientId,
    direction: 'out',
    from: ME,
    to: [BOB],
    text: `out ${serverId}`,
    createdAt: T0 + serverId,
    deliveries: [{ number: BOB, channel: 'internet', status, updatedAt: at }],
  };
}

function incoming(
  serverId: number,
  status: DeliveryT['status'],
  createdAt = T0 + serverId,
  channel: DeliveryT['channel'] = 'internet',
): MessageItemT {
  return {
    serverId,
    clientId: null,
    direction: 'in',
    from: BOB,
    to: [ME],
    text: `in ${serverId}`,
    createdAt,
    deliveries: [{ number: ME, channel, status, updatedAt: createdAt }],
  };
}

/** A message written on this desktop and waiting for the server, as SyncEngine.send leaves it. */
function localSend(a: TestArchive, text: string): { id: number; uid: string } {
  const conversation = a.conversations.ensure('sms', BOB);
  const id = a.messages.insertIntoConversation(conversation.id, {
    channel: 'mailbox',
    direction: 'out',
    peer: BOB,
    body: text,
    status: 'queued',
    read: true,
  })!;
  const uid = a.messages.get(id)!.uid;
  a.settings.set(SYNC_KEYS.sendPrefix + uid, '{}');
  return { id, uid };
}

describe('applying changes', () => {
  it('moves an outgoing status only forward: a late "sent" or a "failed" after "delivered" changes nothing', () => {
    const { archive: a, store, apply } = setup();
    const { id, uid } = localSend(a, 'out 7');
    expect(apply(out(7, uid, 'delivered', T0 + 100))).toHaveLength(1);
    const delivered = a.messages.get(id)!;
    expect([delivered.status, delivered.serverId, delivered.deliveredAt]).toEqual(['delivered', '7', T0 + 100]);
    // The server has it: nothing left to send.
    expect(a.settings.get(SYNC_KEYS.sendPrefix + uid)).toBeUndefined();
    // The server's time is its place in the thread now.
    expect(delivered.sortAt).toBe(T0 + 7);

    expect(apply(out(7, uid, 'sent'))).toEqual([]);
    expect(apply(out(7, uid, 'failed'))).toEqual([]);
    expect(a.messages.get(id)!.status).toBe('delivered');

    expect(apply(out(7, uid, 'read', T0 + 200))).toHaveLength(1);
    expect(apply(out(7, uid, 'read', T0 + 300))).toEqual([]);
    const moves = a.events.forMessage(id).filter((e) => e.kind === 'message-status');
    expect(moves.map((e) => `${e.from}>${e.to}`)).toEqual(['queued>sending', 'sending>delivered', 'delivered>read']);
    expect(store.byServerId('7')?.id).toBe(id);
  });

  it('lets whichever of delivered and failed came first stand', () => {
    const { archive: a, apply } = setup();
    const { id, uid } = localSend(a, 'out 8');
    apply(out(8, uid, 'failed'));
    expect(a.messages.get(id)).toMatchObject({ status: 'failed', statusReason: 'The mailbox could not deliver the message.' });
    apply(out(8, uid, 'delivered'));
    expect(a.messages.get(id)!.status).toBe('failed');
  });

  it('files messages sent from the account’s other devices, keeping their uid', () => {
    const { apply } = setup();
    const uid = '0190a6a0-0000-7000-8000-000000000001';
    const [added] = apply(out(3, uid, 'sent'));
    expect(added?.kind).toBe('added');
    expect(added?.message).toMatchObject({ uid, direction: 'out', channel: 'mailbox', origin: 'sync', status: 'sent', serverId: '3' });
    // A client id that is not a UUID, or one already used here, gets a new uid.
    const [other] = apply({ ...out(4, 'not-a-uuid', 'queued'), text: 'x' });
    expect(other?.message.uid).not.toBe('not-a-uuid');
    expect(other?.message.status).toBe('sending');
  });

  it('puts incoming messages into the SMS thread with their sender, in the server’s order, and owes delivered receipts', () => {
    const { archive: a, apply } = setup();
    // An SMS from Bob already in the thread.
    a.messages.insert({ direction: 'in', peer: BOB, body: 'by SMS', status: 'received', scAt: T0 });
    // A page lists items by state, not by server id; the server's order decides.
    const added = apply(incoming(12, 'sent', T0 + 50), incoming(11, 'sent', T0 + 50));
    expect(added.map((x) => x.message.serverId)).toEqual(['11', '12']);
    const conversation = a.conversations.ensure('sms', BOB);
    const thread = a.messages.thread(conversation.id).items.reverse();
    expect(thread.map((m) => [m.channel, m.body])).toEqual([
      ['sms', 'by SMS'],
      ['mailbox', 'in 11'],
      ['mailbox', 'in 12'],
    ]);
    expect(a.conversations.get(conversation.id)!.unread).toBe(3);
    expect(a.settings.get(`${SYNC_KEYS.receiptPrefix}11`)).toBe('delivered');
    // The same item again adds nothing.
    expect(apply(incoming(11, 'delivered', T0 + 50))).toEqual([]);
  });

  it('takes "read" from another device, and never lowers an owed read receipt', () => {
    const { archive: a, apply } = setup();
    const [first] = apply(incoming(20, 'sent'));
    a.settings.set(`${SYNC_KEYS.receiptPrefix}20`, 'read');
    apply(incoming(20, 'sent'));
    expect(a.settings.get(`${SYNC_KEYS.receiptPrefix}20`)).toBe('read');
    const [updated] = apply(incoming(20, 'read'));
    expect(updated?.message.read).toBe(true);
    expect(first?.message.id).toBe(updated?.message.id);
  });

  it('recognises an SMS its own station uploaded instead of storing it twice', () => {
    const { archive: a, apply } = setup();
    const receivedAt = T0 + 5_000;
    const local = a.messages.insert({ direction: 'in', peer: BOB, body: 'in 30', status: 'received', scAt: T0, receivedAt })!;
    const [change] = apply(incoming(30, 'delivered', receivedAt, 'sms'));
    expect(change).toMatchObject({ kind: 'updated' });
    expect(change?.message.id).toBe(local.id);
    expect(a.messages.get(local.id)).toMatchObject({ serverId: '30', channel: 'sms', origin: 'station', sortAt: T0 });
  });

  it('finds synced messages by server id through its index', () => {
    const { archive: a } = setup();
    expect(queryPlan(a, `SELECT * FROM messages WHERE server_id = ?`, '1')).toMatch(/messages_server_id/);
    expect(queryPlan(a, `SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key`, 'a', 'b')).toMatch(
      /PRIMARY KEY|autoindex/,
    );
  });
});
