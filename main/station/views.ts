/**
 * Read-only views for the CLI and scripts: recent messages in or out, the outbox, a thread by
 * number. Each reads the archive's keyset-paged lists (`messages.list`, `outbox.list`), so a
 * view costs the rows it shows, however large the archive.
 */
import type { Archive, Direction, JobState, Message, MessageStatus, OutboxJob } from '../archive/index';

export interface RecentQuery {
  direction?: Direction;
  status?: MessageStatus;
  /** How many (default 50); more than one archive page is read page by page. */
  limit?: number;
}

/** The archive hands out at most this many rows a page (cursor.ts MAX_PAGE). */
const PAGE = 500;

/** The newest messages, newest first: one direction, one status, or all. */
export function recentMessages(archive: Archive, query: RecentQuery = {}): Message[] {
  const limit = query.limit ?? 50;
  const found: Message[] = [];
  let after: string | null = null;
  do {
    const page = archive.messages.list({
      ...(query.direction !== undefined ? { direction: query.direction } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      limit: Math.min(PAGE, limit - found.length),
      ...(after !== null ? { after } : {}),
    });
    found.push(...page.items);
    after = page.next;
  } while (after !== null && found.length < limit);
  return found;
}

export interface OutboxEntry {
  message: Message;
  job: OutboxJob;
}

/** The outbox, newest job first, with each job's message; `state` filters ("queued", "failed", …). */
export function outboxEntries(archive: Archive, limit = 50, state?: JobState): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  let after: string | null = null;
  do {
    const page = archive.outbox.list({
      ...(state !== undefined ? { state } : {}),
      limit: Math.min(PAGE, limit - entries.length),
      ...(after !== null ? { after } : {}),
    });
    for (const job of page.items) {
      const message = archive.messages.get(job.messageId);
      if (message) entries.push({ message, job });
    }
    after = page.next;
  } while (after !== null && entries.length < limit);
  return entries;
}

/** The thread with `number` (as typed; normalised like the archive does), oldest first. */
export function threadWith(archive: Archive, number: string, limit = 200): Message[] {
  const conversation = archive.conversations.find('sms', archive.addresses.normalise(number));
  if (!conversation) return [];
  return archive.messages.thread(conversation.id, { limit }).items.reverse();
}
