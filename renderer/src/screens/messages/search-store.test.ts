import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../../main/contract';
import { SearchStore } from './search-store';
import { fakeApi } from './test-support';

function hit(messageId: string): SearchHit {
  return {
    messageId,
    conversationId: 'c1',
    peer: '+491701234567',
    title: '+491701234567',
    direction: 'in',
    at: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    snippet: `\u0001lunch\u0002 ${messageId}`,
  };
}

describe('SearchStore', () => {
  it('drops a deleted message from the results and keeps the rest and the page cursor', async () => {
    const api = fakeApi({ 'search.messages': () => ({ items: [hit('m1'), hit('m2'), hit('m3')], next: 'cursor-2' }) });
    const store = new SearchStore(api, { delayMs: 0 });
    store.setText('lunch', true);
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getSnapshot().items.map((h) => h.messageId)).toEqual(['m1', 'm2', 'm3']);

    let told = 0;
    store.subscribe(() => told++);
    store.removed('m2');
    expect(store.getSnapshot().items.map((h) => h.messageId)).toEqual(['m1', 'm3']);
    expect(store.getSnapshot().next).toBe('cursor-2');
    expect(told).toBe(1);
    // A message that is not among the hits changes nothing and wakes nobody.
    store.removed('elsewhere');
    expect(told).toBe(1);
  });
});
