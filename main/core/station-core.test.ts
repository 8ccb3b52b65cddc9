/**
 * The core with a real archive and the demo's virtual modem: the calls and events the
 * renderer uses, end to end through the station, the driver and the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../contract';
import { DEMO_HANDSET_NUMBER } from '../../modem/emulator/index';
import { StationCore } from './core';
import { closeCores, demoCore, nextEvent as next } from './testing';

afterEach(closeCores);

async function value<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('StationCore with an archive and the demo', () => {
  it('says it has no modem until the demo starts, then lists the virtual modem ready', async () => {
    const core = demoCore();
    expect(core.events.latest('station.status')).toMatchObject({ state: 'no-modem', modems: 0, demo: false, archive: true });
    const demo = await value(core.call('station.startDemo', null) as never);
    expect(demo).toEqual({ handset: DEMO_HANDSET_NUMBER, modemNumber: '+491555000001' });
    await next(core, 'station.status', (s) => s.state === 'ready');
    const modems = await next(core, 'modems.changed', (list) => list.some((m) => m.state === 'ready'));
    expect(modems).toHaveLength(1);
    expect(modems[0]).toMatchObject({ state: 'ready', virtual: true, ownNumber: '+491555000001', problem: null });
    expect(modems[0]!.imei).toMatch(/^\d{15}$/);
    expect(modems[0]!.id).toBe(modems[0]!.imei);
    // Starting twice is one demo.
    await value(core.call('station.startDemo', {}) as never);
    expect((await value(core.call('modems.list', null) as never)) as unknown[]).toHaveLength(1);
  }, 30_000);

  it('sends to the handset, shows sent then delivered, and stores its answer in the same conversation', async () => {
    const core = demoCore();
    await value(core.call('station.startDemo', null) as never);
    await next(core, 'station.status', (s) => s.state === 'ready');

    const queued = (await value(core.call('messages.send', { to: DEMO_HANDSET_NUMBER, text: 'Hello demo' }) as never)) as MessageView;
    expect(queued).toMatchObject({ direction: 'out', peer: DEMO_HANDSET_NUMBER, status: 'queued', canCancel: true, partCount: 1 });

    const delivered = await next(core, 'message.changed', (e) => e.message.id === queued.id && e.message.status === 'delivered');
    expect(delivered.message.sentAt).not.toBeNull();
    expect(delivered.message.deliveredAt).not.toBeNull();
    const answer = await next(core, 'message.changed', (e) => e.message.direction === 'in');
    expect(answer.message).toMatchObject({
      peer: DEMO_HANDSET_NUMBER,
      status: 'received',
      conversationId: queued.conversationId,
      read: false,
    });
    expect(answer.message.body).toContain('SMSDesk demo phone');

    const list = (await value(core.call('conversations.list', { limit: 10 }) as never)) as { items: { id: string; unread: number }[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: queued.conversationId, unread: 1 });
    await value(core.call('conversations.markRead', { conversationId: queued.conversationId }) as never);
    const after = (await value(core.call('conversations.list', {}) as never)) as { items: { unread: number }[] };
    expect(after.items[0]!.unread).toBe(0);

    const thread = (await value(core.call('messages.thread', { conversationId: queued.conversationId }) as never)) as {
      items: MessageView[];
    };
    expect(thread.items.map((m) => [m.direction, m.status])).toEqual([
      ['in', 'received'],
      ['out', 'delivered'],
    ]);

    const hits = (await value(core.call('search.messages', { text: 'demo' }) as never)) as {
      items: { messageId: string; snippet: string }[];
    };
    expect(hits.items.map((h) => h.messageId).sort()).toEqual([queued.id, answer.message.id].sort());
    expect(hits.items.every((h) => h.snippet.includes('\u0001'))).toBe(true);
  }, 40_000);

  it('cancels a scheduled message, refuses to cancel twice, and deletes it', async () => {
    const core = demoCore();
    const later = Date.now() + 3_600_000;
    const queued = (await value(
      core.call('messages.send', { to: '+4915112345678', text: 'Later', notBefore: later }) as never,
    )) as MessageView;
    const cancelled = (await value(core.call('messages.cancel', { messageId: queued.id }) as never)) as MessageView;
    expect(cancelled).toMatchObject({ status: 'cancelled', canCancel: false, canRetry: false });
    const again = await core.call('messages.cancel', { messageId: queued.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await core.call('messages.delete', { messageId: queued.id })).toEqual({ ok: true, value: null });
    expect(await core.call('messages.delete', { messageId: queued.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('turns a number that cannot be sent to and an unknown conversation into clear errors', async () => {
    const core = demoCore();
    const bad = await core.call('messages.send', { to: 'not a number!', text: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad-request');
      expect(bad.error.message.length).toBeGreaterThan(10);
    }
    expect(await core.call('messages.thread', { conversationId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await core.call('messages.thread', { conversationId: 'x', after: 'garbage' })).toMatchObject({ ok: false });
    expect(await core.call('ussd.send', { modemId: '123', text: '*100#' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // Search text is user text: FTS syntax in it is searched for, not executed.
    expect(await core.call('search.messages', { text: '"unbalanced OR NEAR(' })).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('runs a USSD menu session on the demo modem', async () => {
    const core = demoCore();
    await value(core.call('station.startDemo', null) as never);
    const [modem] = (await next(core, 'modems.changed', (l) => l.some((m) => m.state === 'ready'))).filter((m) => m.state === 'ready');
    const balance = (await value(core.call('ussd.send', { modemId: modem!.id, text: '*100#' }) as never)) as {
      text: string;
      open: boolean;
    };
    expect(balance.open).toBe(false);
    expect(balance.text).toMatch(/balance/i);
  }, 30_000);
});

describe('StationCore: opening a conversation, deleting a message', () => {
  /** Two scheduled messages to one number, so no modem is needed; the second is the newest. */
  async function twoScheduled(core: StationCore): Promise<[MessageView, MessageView]> {
    const send = async (text: string, inMs: number): Promise<MessageView> =>
      (await value(core.call('messages.send', { to: '+4915112345678', text, notBefore: Date.now() + inMs }) as never)) as MessageView;
    const first = await send('First', 3_600_000);
    const second = await send('Second', 7_200_000);
    await value(core.call('messages.cancel', { messageId: first.id }) as never);
    await value(core.call('messages.cancel', { messageId: second.id }) as never);
    return [first, second];
  }

  it('asks every window to show a conversation (a clicked notification), numbered, replayed to late windows', async () => {
    const core = demoCore();
    const [message] = await twoScheduled(core);
    const seen: unknown[] = [];
    core.events.subscribe('app.openConversation', (intent) => seen.push(intent));
    expect(core.openConversation(message.conversationId)).toBe(true);
    expect(core.openConversation(message.conversationId)).toBe(true);
    expect(seen).toEqual([
      { id: 1, conversation: expect.objectContaining({ id: message.conversationId, peer: '+4915112345678' }) },
      { id: 2, conversation: expect.objectContaining({ id: message.conversationId }) },
    ]);
    // A conversation deleted since the notice was shown asks nothing.
    expect(core.openConversation('no-such-conversation')).toBe(false);
    expect(seen).toHaveLength(2);
    expect(core.events.latest('app.openConversation')?.id).toBe(2);
  });

  it('tells every window a message was deleted, with the conversation as it is now', async () => {
    const core = demoCore();
    const [first, second] = await twoScheduled(core);
    const seen: unknown[] = [];
    core.events.subscribe('message.deleted', (deleted) => seen.push(deleted));
    await value(core.call('messages.delete', { messageId: second.id }) as never);
    expect(seen).toEqual([
      {
        messageId: second.id,
        conversationId: second.conversationId,
        conversation: expect.objectContaining({ id: second.conversationId, snippet: 'First' }),
      },
    ]);
    // The last message gone, the archive keeps the conversation, empty.
    await value(core.call('messages.delete', { messageId: first.id }) as never);
    expect(seen[1]).toEqual({
      messageId: first.id,
      conversationId: first.conversationId,
      conversation: expect.objectContaining({ snippet: '', unread: 0 }),
    });
    // A refused delete says nothing.
    await core.call('messages.delete', { messageId: first.id });
    expect(seen).toHaveLength(2);
  });
});

describe('StationCore without an archive', () => {
  it('refuses to send and says why', async () => {
    const core = new StationCore({ log: () => undefined });
    expect(core.events.latest('station.status')).toMatchObject({ archive: false });
    expect(await core.call('messages.send', { to: '+4915112345678', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    await core.close();
  });
});
