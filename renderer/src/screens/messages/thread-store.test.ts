import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../../main/contract';
import { fakeApi } from './test-support';
import { ThreadStore, upsert } from './thread-store';

function msg(n: number, patch: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${n}`,
    conversationId: 'c',
    channel: 'sms',
    direction: 'in',
    peer: '+49',
    body: `Message ${n}`,
    encoding: 'gsm7',
    partCount: 1,
    partsReceived: null,
    status: 'received',
    statusReason: null,
    flash: false,
    read: true,
    at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    sentAt: null,
    deliveredAt: null,
    canRetry: false,
    canCancel: false,
    ...patch,
  };
}

/** A thread of `count` messages m1…m<count>, served newest first in keyset pages. */
function threadApi(count: number) {
  return fakeApi({
    'messages.thread': ({ after, limit = 100 }) => {
      const end = after === undefined ? count : Number(after);
      const start = Math.max(0, end - limit);
      const items: MessageView[] = [];
      for (let n = end; n > start; n--) items.push(msg(n));
      return { items, next: start > 0 ? String(start) : null };
    },
  });
}

describe('a thread', () => {
  it('shows the newest page oldest first and prepends older pages', async () => {
    const api = threadApi(250);
    const store = new ThreadStore(api, 'c');
    await store.start();
    expect(
      store
        .getSnapshot()
        .messages.map((m) => m.id)
        .slice(0, 2),
    ).toEqual(['m151', 'm152']);
    expect(store.getSnapshot().messages.at(-1)?.id).toBe('m250');
    expect(await store.loadOlder(100)).toBe(true);
    expect(await store.loadOlder(100)).toBe(true);
    expect(store.getSnapshot().messages).toHaveLength(250);
    expect(store.getSnapshot().messages[0]?.id).toBe('m1');
    expect(store.getSnapshot().next).toBeNull();
    expect(await store.loadOlder()).toBe(false);
  });

  it('loads older pages until a searched message is there, or says it is not', async () => {
    const api = threadApi(2_000);
    const store = new ThreadStore(api, 'c');
    void store.start();
    expect(await store.find('m7')).toBe(true);
    expect(store.getSnapshot().target).toMatchObject({ id: 'm7', state: 'found' });
    expect(api.calls.filter((c) => c.name === 'messages.thread')).toHaveLength(5); // 100, then 500 × 4
    expect(await store.find('gone')).toBe(false);
    expect(store.getSnapshot().target).toMatchObject({ id: 'gone', state: 'missing' });
  });

  it('takes live changes: a status moves in place, a new message goes at the end, events before the first page wait for it', async () => {
    const store = new ThreadStore(threadApi(3), 'c');
    const started = store.start();
    store.onMessage(msg(4));
    store.onMessage(msg(9, { conversationId: 'other' }));
    await started;
    expect(store.getSnapshot().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    store.onMessage(msg(2, { status: 'delivered' }));
    expect(store.getSnapshot().messages.map((m) => [m.id, m.status])[1]).toEqual(['m2', 'delivered']);
    store.removed('m3');
    expect(store.getSnapshot().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm4']);
  });

  it('keeps time order on upsert, and leaves a message older than the loaded pages to them', () => {
    const list = [msg(2), msg(4)];
    expect(upsert(list, msg(3), false).map((m) => m.id)).toEqual(['m2', 'm3', 'm4']);
    expect(upsert(list, msg(5), false).map((m) => m.id)).toEqual(['m2', 'm4', 'm5']);
    expect(upsert(list, msg(1), true)).toBe(list);
    expect(upsert(list, msg(1), false).map((m) => m.id)).toEqual(['m1', 'm2', 'm4']);
  });
});
