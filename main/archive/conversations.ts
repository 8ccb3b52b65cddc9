import { newUid } from './ids';
import type { ConversationPage, ConversationSummary } from '../contract/schemas';
import { decodeCursor, encodeCursor, pageLimit } from './cursor';
import { ArchiveError } from './errors';
import type { Channel, StoreContext } from './model';

export interface Conversation {
  id: number;
  uid: string;
  channel: Channel;
  peer: string;
  title: string | null;
  lastMessageAt: number;
  snippet: string;
  unread: number;
  messageCount: number;
}

interface ConversationRow {
  id: number;
  uid: string;
  channel: Channel;
  peer: string;
  title: string | null;
  last_message_at: number;
  snippet: string;
  unread: number;
  message_count: number;
}

interface SummaryRow extends ConversationRow {
  contact_name: string | null;
}

// The title: the conversation's own, else the first contact holding the peer's address.
const SUMMARY_COLUMNS = `c.id, c.uid, c.channel, c.peer, c.title, c.last_message_at, c.snippet, c.unread, c.message_count,
  (SELECT k.display_name FROM contact_addresses a JOIN contacts k ON k.id = a.contact_id
    WHERE a.address = c.peer ORDER BY k.id LIMIT 1) AS contact_name`;

export class ConversationStore {
  readonly #ctx: StoreContext;
  readonly #insert;
  readonly #byPeer;
  readonly #byId;
  readonly #byUid;
  readonly #first;
  readonly #after;
  readonly #markRead;
  readonly #summaryById;
  readonly #unreadTotal;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const db = ctx.db;
    this.#insert = db.prepare<[string, Channel, string, number]>(
      `INSERT INTO conversations (uid, channel, peer, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel, peer) DO NOTHING`,
    );
    this.#byPeer = db.prepare<[Channel, string], ConversationRow>(`SELECT * FROM conversations WHERE channel = ? AND peer = ?`);
    this.#byId = db.prepare<[number], ConversationRow>(`SELECT * FROM conversations WHERE id = ?`);
    this.#byUid = db.prepare<[string], ConversationRow>(`SELECT * FROM conversations WHERE uid = ?`);
    // Newest first; conversations_recent is walked backwards, so a page costs `limit` rows.
    this.#first = db.prepare<[number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.message_count > 0
       ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
    );
    this.#after = db.prepare<[number, number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.message_count > 0 AND (c.last_message_at, c.id) < (?, ?)
       ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
    );
    this.#summaryById = db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.uid = ?`);
    this.#unreadTotal = db.prepare<[], { n: number }>(`SELECT COALESCE(SUM(unread), 0) AS n FROM conversations`);
    this.#markRead = db.prepare<[number]>(`UPDATE messages SET read = 1 WHERE conversation_id = ? AND direction = 'in' AND read = 0`);
  }

  /** The conversation with this peer on this channel, created if it does not exist yet. */
  ensure(channel: Channel, peer: string): Conversation {
    const found = this.#byPeer.get(channel, peer);
    if (found) return toConversation(found);
    this.#insert.run(newUid(), channel, peer, this.#ctx.now());
    const created = this.#byPeer.get(channel, peer);
    if (!created) throw new ArchiveError('ARCHIVE_CONFLICT', `The conversation with ${peer} could not be created.`);
    return toConversation(created);
  }

  get(id: number): Conversation | undefined {
    const row = this.#byId.get(id);
    return row ? toConversation(row) : undefined;
  }

  getByUid(uid: string): Conversation | undefined {
    const row = this.#byUid.get(uid);
    return row ? toConversation(row) : undefined;
  }

  /** The conversation with this (already normalised) peer on this channel, if there is one. */
  find(channel: Channel, peer: string): Conversation | undefined {
    const row = this.#byPeer.get(channel, peer);
    return row ? toConversation(row) : undefined;
  }

  /** One page of the conversation list, newest activity first (the UI's ConversationPage). */
  list(query: { after?: string; limit?: number } = {}): ConversationPage {
    const limit = pageLimit(query.limit);
    // One row more than shown tells whether a next page exists without a COUNT.
    const rows =
      query.after === undefined
        ? this.#first.all(limit + 1)
        : (() => {
            const { at, id } = decodeCursor(query.after);
            return this.#after.all(at, id, limit + 1);
          })();
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      items: shown.map(toSummary),
      next: rows.length > limit && last ? encodeCursor(last.last_message_at, last.id) : null,
    };
  }

  /** One conversation as the list shows it (its title from a contact when it has none), by uid. */
  summary(uid: string): ConversationSummary | undefined {
    const row = this.#summaryById.get(uid);
    return row ? toSummary(row) : undefined;
  }

  /** Unread incoming messages over every conversation (the tray's and the window title's count). */
  unreadTotal(): number {
    return this.#unreadTotal.get()?.n ?? 0;
  }

  /** Marks every incoming message of the conversation read; returns how many changed. */
  markRead(conversationId: number): number {
    return this.#markRead.run(conversationId).changes;
  }
}

function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    uid: r.uid,
    channel: r.channel,
    peer: r.peer,
    title: r.title,
    lastMessageAt: r.last_message_at,
    snippet: r.snippet,
    unread: r.unread,
    messageCount: r.message_count,
  };
}

function toSummary(r: SummaryRow): ConversationSummary {
  return {
    id: r.uid,
    peer: r.peer,
    title: r.title ?? r.contact_name ?? r.peer,
    channel: r.channel,
    lastMessageAt: new Date(r.last_message_at).toISOString(),
    snippet: r.snippet,
    unread: r.unread,
  };
}
