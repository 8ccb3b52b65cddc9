import { describe, expect, it } from 'vitest';
import type { MessageStatus } from './model';
import { T0, testArchive, type TestArchive } from './test-support';

/** Messages in three conversations, both directions, several statuses, two with the same time. */
function seeded(): { archive: TestArchive; ids: Record<string, number> } {
  const archive = testArchive();
  const ids: Record<string, number> = {};
  const add = (name: string, peer: string, direction: 'in' | 'out', status: MessageStatus, at: number) => {
    ids[name] = archive.messages.insert({ direction, peer, body: name, status, sortAt: T0 + at, createdAt: T0 + at })!.id;
  };
  add('in1', '+491701111111', 'in', 'received', 1);
  add('out1', '+491702222222', 'out', 'delivered', 2);
  add('in2', '+491703333333', 'in', 'incomplete', 3);
  add('out2', '+491701111111', 'out', 'failed', 4);
  add('in3', '+491702222222', 'in', 'received', 5);
  add('out3', '+491703333333', 'out', 'delivered', 5);
  add('out4', '+491701111111', 'out', 'queued', 6);
  return { archive, ids };
}

function allPages(archive: TestArchive, query: Parameters<TestArchive['messages']['list']>[0]): string[][] {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const page = archive.messages.list({ ...query, ...(after !== undefined ? { after } : {}) });
    pages.push(page.items.map((m) => m.body));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return pages;
}

describe('message lists across conversations', () => {
  it('pages through every message newest first, equal times by id', () => {
    const { archive } = seeded();
    expect(allPages(archive, { limit: 3 })).toEqual([['out4', 'out3', 'in3'], ['out2', 'in2', 'out1'], ['in1']]);
  });

  it('filters by direction and by status', () => {
    const { archive } = seeded();
    expect(allPages(archive, { direction: 'in', limit: 2 })).toEqual([['in3', 'in2'], ['in1']]);
    expect(allPages(archive, { direction: 'out' })).toEqual([['out4', 'out3', 'out2', 'out1']]);
    expect(allPages(archive, { status: 'delivered', limit: 1 })).toEqual([['out3'], ['out1']]);
    expect(allPages(archive, { direction: 'out', status: 'failed' })).toEqual([['out2']]);
    // A status of the other direction: nothing, not an error.
    expect(archive.messages.list({ direction: 'in', status: 'queued' })).toEqual({ items: [], next: null });
  });

  it('sees a message whose status changed in its new list', () => {
    const { archive, ids } = seeded();
    archive.messages.setStatus(ids['out4']!, 'sending');
    expect(archive.messages.list({ status: 'queued' }).items).toEqual([]);
    expect(archive.messages.list({ status: 'sending' }).items.map((m) => m.body)).toEqual(['out4']);
  });

  it('refuses a cursor it did not make and a page of no rows', () => {
    const { archive } = seeded();
    expect(() => archive.messages.list({ after: 'bm9wZQ' })).toThrow(expect.objectContaining({ code: 'ARCHIVE_QUERY' }));
    expect(() => archive.messages.list({ limit: 0 })).toThrow(expect.objectContaining({ code: 'ARCHIVE_QUERY' }));
  });
});
