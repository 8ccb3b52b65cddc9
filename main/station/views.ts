/**
 * Read-only views for the CLI and scripts: recent messages in or out, a thread by number.
 * The archive pages conversations and threads (keyset); it has no "all incoming" or
 * "all jobs" list, so these walk conversations page by page, bounded by `maxConversations`.
 */
import type { Archive, Direction, Message, OutboxJob } from '../archive/index';

export interface RecentQuery {
  direction: Direction;
  limit?: number;
  /** Stop walking after this many conversations (a bound for very large archives). */
  maxConversations?: number;
}

function* conversationIds(archive: Archive, max: number): Generator<number> {
  let after: string | undefined;
  let seen = 0;
  do {
    const page = archive.conversations.list({ limit: 200, ...(after !== undefined ? { after } : {}) });
    for (const c of page.items) {
      const id = archive.conversations.getByUid(c.id)?.id;
      if (id !== undefined) yield id;
      if (++seen >= max) return;
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
}

/** The newest messages in one direction, newest first. */
export function recentMessages(archive: Archive, query: RecentQuery): Message[] {
  const limit = query.limit ?? 50;
  const found: Message[] = [];
  for (const id of conversationIds(archive, query.maxConversations ?? 10_000)) {
    // Each thread's newest `limit` of this direction is all the merge can need from it.
    let after: string | undefined;
    let taken = 0;
    do {
      const page = archive.messages.thread(id, { limit: 200, ...(after !== undefined ? { after } : {}) });
      for (const m of page.items) {
        if (m.direction !== query.direction) continue;
        found.push(m);
        if (++taken >= limit) break;
      }
      after = taken >= limit ? undefined : (page.next ?? undefined);
    } while (after !== undefined);
  }
  return found.sort((a, b) => b.sortAt - a.sortAt || b.id - a.id).slice(0, limit);
}

export interface OutboxEntry {
  message: Message;
  job: OutboxJob | undefined;
}

export function outboxEntries(archive: Archive, limit = 50): OutboxEntry[] {
  return recentMessages(archive, { direction: 'out', limit }).map((message) => ({
    message,
    job: archive.outbox.jobForMessage(message.id),
  }));
}

/** The thread with `number` (as typed; normalised like the archive does), oldest first. */
export function threadWith(archive: Archive, number: string, limit = 200): Message[] {
  const peer = archive.addresses.normalise(number);
  let after: string | undefined;
  do {
    const page = archive.conversations.list({ limit: 200, ...(after !== undefined ? { after } : {}) });
    const hit = page.items.find((c) => c.peer === peer);
    if (hit) {
      const id = archive.conversations.getByUid(hit.id)?.id;
      return id === undefined ? [] : archive.messages.thread(id, { limit }).items.reverse();
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  return [];
}
