import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ConversationPage } from '../contract/schemas';
import { T0, testArchive } from './test-support';

function seed(archive: ReturnType<typeof testArchive>, peer: string, at: number, body = `hi from ${peer}`) {
  return archive.messages.insert({ direction: 'in', peer, body, status: 'received', scAt: at, receivedAt: at })!;
}

describe('conversation list', () => {
  it('pages newest first by keyset, in the shape the UI checks', () => {
    const archive = testArchive();
    for (let i = 0; i < 7; i++) seed(archive, `+4917000000${i}`, T0 + i * 1000);
    const first = archive.conversations.list({ limit: 3 });
    expect(Value.Check(ConversationPage, first)).toBe(true);
    expect(first.items.map((c) => c.peer)).toEqual(['+49170000006', '+49170000005', '+49170000004']);
    const second = archive.conversations.list({ limit: 3, after: first.next! });
    expect(second.items.map((c) => c.peer)).toEqual(['+49170000003', '+49170000002', '+49170000001']);
    const third = archive.conversations.list({ limit: 3, after: second.next! });
    expect(third.items.map((c) => c.peer)).toEqual(['+49170000000']);
    expect(third.next).toBeNull();
  });

  it('breaks ties of equal times by id so no conversation is skipped or repeated', () => {
    const archive = testArchive();
    for (let i = 0; i < 5; i++) seed(archive, `+4917100000${i}`, T0);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = archive.conversations.list({ limit: 2, after });
      seen.push(...page.items.map((c) => c.peer));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(['+49171000004', '+49171000003', '+49171000002', '+49171000001', '+49171000000']);
  });

  it('titles a conversation by its contact, counts unread and shows the last message', () => {
    const archive = testArchive();
    seed(archive, '0170 1234567', T0, 'first');
    seed(archive, '+49 170 1234567', T0 + 1000, 'second');
    archive.contacts.upsert({ displayName: 'Anna Schmidt', addresses: [{ value: '+491701234567' }] });
    const [summary] = archive.conversations.list().items;
    expect(summary).toEqual({
      id: expect.any(String),
      peer: '+491701234567',
      title: 'Anna Schmidt',
      channel: 'sms',
      lastMessageAt: new Date(T0 + 1000).toISOString(),
      snippet: 'second',
      unread: 2,
    });
    const conversation = archive.conversations.getByUid(summary!.id)!;
    expect(archive.conversations.markRead(conversation.id)).toBe(2);
    expect(archive.conversations.list().items[0]?.unread).toBe(0);
  });

  it('rejects a tampered cursor with a typed error', () => {
    const archive = testArchive();
    expect(() => archive.conversations.list({ after: 'not-a-cursor' })).toThrow(expect.objectContaining({ code: 'ARCHIVE_QUERY' }));
    expect(() => archive.conversations.list({ after: Buffer.from('[1,"x"]').toString('base64url') })).toThrow(/cursor is not valid/);
  });
});

describe('threads', () => {
  it('pages a thread newest first and returns every message exactly once', () => {
    const archive = testArchive();
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push(seed(archive, '+491701234567', T0 + Math.floor(i / 3) * 1000, `m${i}`).id);
    const conversationId = archive.conversations.ensure('sms', '+491701234567').id;
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const page = archive.messages.thread(conversationId, { limit: 4, after });
      seen.push(...page.items.map((m) => m.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual([...ids].reverse());
  });

  it('keeps snippet markers out of stored text', () => {
    const archive = testArchive();
    const m = seed(archive, 'ACME', T0, 'a\u0001b\u0002c');
    expect(archive.messages.get(m.id)?.body).toBe('a\uFFFDb\uFFFDc');
  });
});

describe('message status', () => {
  it('moves only forward and logs each move', () => {
    const archive = testArchive();
    const { message } = archive.outbox.queue({ to: '+491701234567', body: 'hello', partCount: 1 });
    expect(archive.messages.setStatus(message.id, 'sending')).toBe(true);
    expect(archive.messages.setStatus(message.id, 'sent')).toBe(true);
    expect(archive.messages.setStatus(message.id, 'delivered')).toBe(true);
    // A late "sent" or a repeated "delivered" changes nothing.
    expect(archive.messages.setStatus(message.id, 'sent')).toBe(false);
    expect(archive.messages.setStatus(message.id, 'delivered')).toBe(false);
    const stored = archive.messages.get(message.id)!;
    expect(stored.status).toBe('delivered');
    expect(stored.deliveredAt).toBe(T0);
    const moves = archive.events
      .forMessage(message.id)
      .filter((e) => e.kind === 'message-status')
      .map((e) => `${e.from}>${e.to}`);
    expect(moves).toEqual(['null>queued', 'queued>sending', 'sending>sent', 'sent>delivered']);
  });

  it('says which message is missing', () => {
    const archive = testArchive();
    expect(() => archive.messages.setStatus(42, 'sent')).toThrow(expect.objectContaining({ code: 'ARCHIVE_NOT_FOUND' }));
  });
});

describe('one conversation and the unread total', () => {
  it('finds a conversation by uid with its contact title, and counts unread over all of them', () => {
    const archive = testArchive();
    seed(archive, '+491701234567', T0);
    seed(archive, '+491701234567', T0 + 1);
    const other = seed(archive, '+491709876543', T0 + 2);
    archive.contacts.upsert({ displayName: 'Anna Schmidt', addresses: [{ value: '+491701234567' }] });
    const anna = archive.conversations.list().items.find((c) => c.peer === '+491701234567')!;
    expect(archive.conversations.summary(anna.id)).toMatchObject({ title: 'Anna Schmidt', unread: 2 });
    expect(archive.conversations.summary('no-such-uid')).toBeUndefined();
    expect(archive.conversations.unreadTotal()).toBe(3);
    archive.conversations.markRead(other.conversationId);
    expect(archive.conversations.unreadTotal()).toBe(2);
  });
});
