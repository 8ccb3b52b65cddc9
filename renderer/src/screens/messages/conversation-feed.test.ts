import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, MessageView } from '../../../../main/contract';
import { ConversationFeed } from './conversation-feed';
import { fakeApi } from './test-support';

function conv(id: string, minute: number, unread = 0): ConversationSummary {
  return { id, peer: `+49${id}`, title: id, channel: 'sms', lastMessageAt: at(minute), snippet: `last of ${id}`, unread };
}

function at(minute: number): string {
  return new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
}

function msg(id: string, conversationId: string, minute: number, patch: Partial<MessageView> = {}): MessageView {
  return {
    id,
    conversationId,
    channel: 'sms',
    direction: 'in',
    peer: '+49',
    body: `body ${id}`,
    encoding: 'gsm7',
    partCount: 1,
    partsReceived: null,
    status: 'received',
    statusReason: null,
    flash: false,
    read: false,
    at: at(minute),
    sentAt: null,
    deliveredAt: null,
    canRetry: false,
    canCancel: false,
    ...patch,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the conversation feed', () => {
  it('pages by keyset cursor and never lists a conversation twice', async () => {
    const api = fakeApi({
      'conversations.list': ({ after }) =>
        after === undefined ? { items: [conv('a', 5), conv('b', 4)], next: 'c1' } : { items: [conv('b', 4), conv('c', 3)], next: null },
    });
    const feed = new ConversationFeed(api);
    await feed.start();
    expect(feed.getSnapshot()).toMatchObject({ status: 'ready', next: 'c1' });
    await feed.loadMore();
    expect(feed.getSnapshot().items.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(feed.getSnapshot().next).toBeNull();
    await feed.loadMore(); // nothing more: no call
    expect(api.calls.map((c) => c.args)).toEqual([{ limit: 100 }, { after: 'c1', limit: 200 }]);
  });

  it('moves a conversation with a new message to the top and counts it unread once', async () => {
    vi.useFakeTimers();
    const api = fakeApi({ 'conversations.list': () => ({ items: [conv('a', 5), conv('b', 4), conv('c', 3)], next: null }) });
    const feed = new ConversationFeed(api, { refreshDelayMs: 1_000_000 });
    await feed.start();
    const m = msg('m1', 'c', 10);
    feed.onMessage(m);
    feed.onMessage(m); // the same event again (a replay): no second count
    feed.onMessage({ ...m, status: 'received', read: false });
    const items = feed.getSnapshot().items;
    expect(items.map((c) => c.id)).toEqual(['c', 'a', 'b']);
    expect(items[0]).toMatchObject({ unread: 1, snippet: 'body m1', lastMessageAt: at(10) });
  });

  it('leaves the order alone for a status change and for an old message', async () => {
    const api = fakeApi({ 'conversations.list': () => ({ items: [conv('a', 5), conv('b', 4)], next: null }) });
    const feed = new ConversationFeed(api, { refreshDelayMs: 1_000_000 });
    await feed.start();
    const sent = msg('m1', 'b', 6, { direction: 'out', status: 'queued', read: true });
    feed.onMessage(sent);
    expect(feed.getSnapshot().items.map((c) => c.id)).toEqual(['b', 'a']);
    feed.onMessage(msg('m2', 'a', 7));
    feed.onMessage({ ...sent, status: 'delivered' });
    expect(feed.getSnapshot().items.map((c) => c.id)).toEqual(['a', 'b']);
    feed.onMessage(msg('old', 'b', 1)); // older than b's last message
    expect(feed.getSnapshot().items.map((c) => [c.id, c.unread])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    feed.stop();
  });

  it('does not count messages of the open conversation as unread, and clears its count', async () => {
    const api = fakeApi({ 'conversations.list': () => ({ items: [conv('a', 5, 2), conv('b', 4, 3)], next: null }) });
    const feed = new ConversationFeed(api, { refreshDelayMs: 1_000_000 });
    await feed.start();
    feed.setOpen('b');
    feed.onMessage(msg('m1', 'b', 9));
    expect(feed.getSnapshot().items.map((c) => [c.id, c.unread])).toEqual([
      ['b', 0],
      ['a', 2],
    ]);
    feed.stop();
  });

  it('reads the newest page for a conversation it has not loaded, and puts it on top', async () => {
    let top = [conv('a', 5), conv('b', 4)];
    const api = fakeApi({ 'conversations.list': ({ limit }) => ({ items: top.slice(0, limit), next: null }) });
    const feed = new ConversationFeed(api, { refreshDelayMs: 0 });
    await feed.start();
    top = [conv('new', 9, 1), ...top];
    feed.onMessage(msg('m1', 'new', 9));
    await vi.waitFor(() => expect(feed.getSnapshot().items.map((c) => c.id)).toEqual(['new', 'a', 'b']));
    expect(feed.getSnapshot().items[0]).toMatchObject({ title: 'new', unread: 1 });
  });

  it('takes the core summary of a conversation whose message was deleted, or drops it when there is none', async () => {
    vi.useFakeTimers();
    const api = fakeApi({ 'conversations.list': () => ({ items: [conv('a', 5, 2), conv('b', 4)], next: null }) });
    const feed = new ConversationFeed(api, { refreshDelayMs: 1_000_000 });
    await feed.start();
    feed.onDeleted({ messageId: 'm9', conversationId: 'a', conversation: { ...conv('a', 1, 1), snippet: 'the one before' } });
    expect(feed.getSnapshot().items[0]).toMatchObject({ id: 'a', snippet: 'the one before', unread: 1, lastMessageAt: at(1) });
    feed.onDeleted({ messageId: 'm8', conversationId: 'b', conversation: null });
    expect(feed.getSnapshot().items.map((c) => c.id)).toEqual(['a']);
    feed.onDeleted({ messageId: 'm7', conversationId: 'not-loaded', conversation: null });
    expect(feed.getSnapshot().items.map((c) => c.id)).toEqual(['a']);
  });

  it('says why the list could not be loaded', async () => {
    const feed = new ConversationFeed(fakeApi({}));
    await feed.start();
    expect(feed.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'unknown-call' } });
  });
});
