import { decodeCursor, encodeCursor, pageLimit } from './cursor';
import { toMatchExpression } from './fts-query';
import type { Direction, StoreContext } from './model';

/** Marks the start and end of a hit in snippets; the UI highlights between them. */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

export interface MessageHit {
  messageId: number;
  messageUid: string;
  conversationId: number;
  conversationUid: string;
  peer: string;
  title: string;
  direction: Direction;
  /** ISO 8601 time of the message. */
  at: string;
  /** Text around the hits, hits between HIT_START and HIT_END, never HTML. */
  snippet: string;
}

export interface ContactHit {
  contactId: number;
  contactUid: string;
  /** The name with hits marked by HIT_START / HIT_END. */
  name: string;
  organization: string | null;
}

export interface SearchQuery {
  text: string;
  /** Only this conversation. */
  conversationId?: number;
  after?: string;
  limit?: number;
  prefixLast?: boolean;
}

interface HitRow {
  id: number;
  uid: string;
  conversation_id: number;
  conversation_uid: string;
  peer: string;
  direction: Direction;
  sort_at: number;
  snippet: string;
  title: string | null;
  contact_name: string | null;
}

/**
 * Full-text search. Results come newest-stored first (rowid order, which FTS5 walks without
 * ranking every match), so a common word costs no more than a rare one.
 */
export class SearchStore {
  readonly #messages;
  readonly #contacts;

  constructor(ctx: StoreContext) {
    const db = ctx.db;
    this.#messages = db.prepare<[string, number, number | null, number | null, number], HitRow>(
      `SELECT m.id, m.uid, m.conversation_id, c.uid AS conversation_uid, m.peer, m.direction, m.sort_at, c.title,
         snippet(messages_fts, 0, char(1), char(2), '…', 12) AS snippet,
         (SELECT k.display_name FROM contact_addresses a JOIN contacts k ON k.id = a.contact_id
           WHERE a.address = m.peer ORDER BY k.id LIMIT 1) AS contact_name
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid JOIN conversations c ON c.id = m.conversation_id
       WHERE messages_fts MATCH ? AND messages_fts.rowid < ? AND (? IS NULL OR m.conversation_id = ?)
       ORDER BY messages_fts.rowid DESC LIMIT ?`,
    );
    this.#contacts = db.prepare<[string, number], { id: number; uid: string; name: string; organization: string | null }>(
      `SELECT k.id, k.uid, highlight(contacts_fts, 0, char(1), char(2)) AS name, k.organization
       FROM contacts_fts JOIN contacts k ON k.id = contacts_fts.rowid
       WHERE contacts_fts MATCH ? ORDER BY rank LIMIT ?`,
    );
  }

  messages(query: SearchQuery): { items: MessageHit[]; next: string | null } {
    const match = toMatchExpression(query.text, { prefixLast: query.prefixLast ?? false });
    if (match === null) return { items: [], next: null };
    const limit = pageLimit(query.limit);
    const before = query.after === undefined ? Number.MAX_SAFE_INTEGER : decodeCursor(query.after).id;
    const conversation = query.conversationId ?? null;
    const rows = this.#messages.all(match, before, conversation, conversation, limit + 1);
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      items: shown.map((r) => ({
        messageId: r.id,
        messageUid: r.uid,
        conversationId: r.conversation_id,
        conversationUid: r.conversation_uid,
        peer: r.peer,
        title: r.title ?? r.contact_name ?? r.peer,
        direction: r.direction,
        at: new Date(r.sort_at).toISOString(),
        snippet: r.snippet,
      })),
      next: rows.length > limit && last ? encodeCursor(0, last.id) : null,
    };
  }

  /** Contacts whose name or organisation matches, best first. */
  contacts(text: string, limit = 20): ContactHit[] {
    const match = toMatchExpression(text, { prefixLast: true });
    if (match === null) return [];
    return this.#contacts.all(match, pageLimit(limit)).map((r) => ({
      contactId: r.id,
      contactUid: r.uid,
      name: r.name,
      organization: r.organization,
    }));
  }
}
