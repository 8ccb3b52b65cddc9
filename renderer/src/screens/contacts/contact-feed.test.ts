import { describe, expect, it } from 'vitest';
import type { ContactQuery, ContactView } from '../../../../main/contract';
import { fakeApi } from '../messages/test-support';
import { ContactFeed } from './contact-feed';

function contact(i: number): ContactView {
  return { id: `c${i}`, name: `Person ${i}`, organization: null, note: null, numbers: [], groups: [], reachable: null };
}

describe('ContactFeed', () => {
  it('loads pages for the search words and group, and drops an answer to an older search', async () => {
    const answers: ((v: { items: ContactView[]; next: string | null }) => void)[] = [];
    const api = fakeApi({ 'contacts.list': () => new Promise((resolve) => answers.push(resolve)) });
    const feed = new ContactFeed(api);
    const first = feed.setFilter({ text: 'an', groupId: null });
    const second = feed.setFilter({ text: ' ann ', groupId: 'g1' });
    answers[1]!({ items: [contact(2)], next: 'n1' });
    await second;
    answers[0]!({ items: [contact(1)], next: null });
    await first;
    expect(feed.getSnapshot()).toMatchObject({ status: 'ready', items: [contact(2)], next: 'n1' });
    expect(api.calls.map((c) => c.args as ContactQuery)).toEqual([
      { text: 'an', limit: 100 },
      { text: 'ann', groupId: 'g1', limit: 100 },
    ]);
    const more = feed.loadMore();
    answers[2]!({ items: [contact(2), contact(3)], next: null });
    await more;
    expect(feed.getSnapshot().items.map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(api.calls[2]?.args).toEqual({ text: 'ann', groupId: 'g1', after: 'n1', limit: 200 });
  });

  it('keeps the loaded rows on a refresh', async () => {
    const api = fakeApi({
      'contacts.list': ({ limit }) => ({ items: Array.from({ length: Math.min(limit ?? 0, 150) }, (_, i) => contact(i)), next: 'more' }),
    });
    const feed = new ContactFeed(api);
    await feed.setFilter({ text: '', groupId: null });
    await feed.loadMore();
    expect(feed.getSnapshot().items).toHaveLength(150);
    await feed.refresh();
    expect(api.calls.at(-1)?.args).toEqual({ limit: 150 });
  });

  it('says why the list could not be loaded', async () => {
    const feed = new ContactFeed(fakeApi({}));
    await feed.setFilter({ text: '', groupId: null });
    expect(feed.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'unknown-call' } });
  });
});
