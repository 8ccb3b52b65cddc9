import type { Archive } from './archive';
import { ArchiveError } from './errors';
import { toMessage, type MessageRow } from './messages';
import { cleanText, type Direction, type Message, type MessageStatus } from './model';
import { canMoveMessage } from './status';

/**
 * What mailbox sync (main/sync) needs from the archive beyond the entity stores: messages by
 * server id, synced messages filed into the SMS conversation with their peer (one thread per
 * person, whichever way a message travelled), forward-only status walks, the uploads a
 * station link owes the server, and small durable queues kept as `settings` rows under a key
 * prefix. All of it works on schema 2: no migration.
 */
export interface SyncedMessage {
  /** The message's uid: the sender's client id when it is one of ours, else a new one. */
  uid?: string;
  direction: Direction;
  /** A number or sender name; normalised here. */
  peer: string;
  body: string;
  status: MessageStatus;
  serverId: string;
  /** The server's acceptance time; orders the thread. */
  sortAt: number;
  createdAt: number;
  read: boolean;
  sentAt?: number | null;
  deliveredAt?: number | null;
  receivedAt?: number | null;
}

/** A received SMS a station link still has to upload: the event that completed it, and the message. */
export interface ReceivedToUpload {
  eventId: number;
  uid: string;
  peer: string;
  body: string;
  /** When the station received it (its last part); the server files it under this time. */
  receivedAt: number;
}

/** The status path an outgoing message walks; `failed` may branch off any step before `delivered`. */
const FORWARD: readonly MessageStatus[] = ['queued', 'sending', 'sent', 'delivered'];

export class SyncStore {
  readonly #archive: Archive;
  readonly #byServerId;
  readonly #attach;
  readonly #statusEvent;
  readonly #prefixed;
  readonly #deleteIf;
  readonly #received;
  readonly #lastEvent;
  readonly #lastEventBefore;
  readonly #unreadSynced;
  readonly #sameReceived;

  constructor(archive: Archive) {
    this.#archive = archive;
    const db = archive.db;
    this.#byServerId = db.prepare<[string], MessageRow>(`SELECT * FROM messages WHERE server_id = ?`);
    // Only a row without a server id (or with this one) takes it: a server id names one message.
    this.#attach = db.prepare<[string, number | null, number, string]>(
      `UPDATE messages SET server_id = ?, sort_at = coalesce(?, sort_at), revision = revision + 1
       WHERE id = ? AND (server_id IS NULL OR server_id = ?)`,
    );
    this.#statusEvent = db.prepare<[number, string], { id: number }>(
      `SELECT id FROM events WHERE message_id = ? AND kind = 'message-status' AND to_status = ? LIMIT 1`,
    );
    // The settings primary key is walked as a range: a prefix scan costs the rows it returns.
    this.#prefixed = db.prepare<[string, string], { key: string; value: string }>(
      `SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key`,
    );
    this.#deleteIf = db.prepare<[string, string]>(`DELETE FROM settings WHERE key = ? AND value = ?`);
    // Walks events by primary key from the watermark; a message becomes "received" exactly once
    // (complete on arrival, or incomplete → received when its late part came).
    this.#received = db.prepare<[number, number], { event_id: number; uid: string; peer: string; body: string; received_at: number }>(
      `SELECT e.id AS event_id, m.uid, m.peer, m.body, coalesce(m.received_at, m.sort_at) AS received_at
       FROM events e JOIN messages m ON m.id = e.message_id
       WHERE e.id > ? AND e.kind = 'message-status' AND e.to_status = 'received'
         AND m.direction = 'in' AND m.origin = 'station' AND m.status = 'received'
       ORDER BY e.id LIMIT ?`,
    );
    // messages_thread narrows to the conversation; the few rows there are checked for the rest.
    this.#sameReceived = db.prepare<[number, number, string], { id: number }>(
      `SELECT id FROM messages
       WHERE conversation_id = ? AND direction = 'in' AND coalesce(received_at, sort_at) = ? AND body = ? AND server_id IS NULL
       LIMIT 1`,
    );
    this.#lastEvent = db.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM events`);
    this.#lastEventBefore = db.prepare<[number], { id: number | null }>(`SELECT max(id) AS id FROM events WHERE at < ?`);
    this.#unreadSynced = db.prepare<[number], { id: number; server_id: string }>(
      `SELECT id, server_id FROM messages
       WHERE conversation_id = ? AND direction = 'in' AND read = 0 AND server_id IS NOT NULL`,
    );
  }

  byServerId(serverId: string): Message | undefined {
    const row = this.#byServerId.get(serverId);
    return row ? toMessage(row) : undefined;
  }

  /**
   * Files a message that came from the mailbox into the SMS conversation with its peer
   * (channel `mailbox`, origin `sync`) and logs its first status. Callers wrap it in their
   * transaction.
   */
  insertSynced(input: SyncedMessage): Message {
    const archive = this.#archive;
    const peer = archive.addresses.normalise(input.peer);
    const conversation = archive.conversations.ensure('sms', peer);
    const id = archive.messages.insertIntoConversation(conversation.id, {
      ...(input.uid !== undefined ? { uid: input.uid } : {}),
      channel: 'mailbox',
      direction: input.direction,
      peer,
      body: input.body,
      status: input.status,
      read: input.read,
      sentAt: input.sentAt ?? null,
      deliveredAt: input.deliveredAt ?? null,
      receivedAt: input.receivedAt ?? null,
      createdAt: input.createdAt,
      sortAt: input.sortAt,
      origin: 'sync',
      serverId: input.serverId,
    });
    const message = id === undefined ? undefined : archive.messages.get(id);
    if (!message) throw new ArchiveError('ARCHIVE_CONFLICT', `Mailbox message ${input.serverId} could not be stored.`);
    archive.events.record({ kind: 'message-status', messageId: message.id, from: null, to: message.status, detail: 'from the mailbox' });
    return message;
  }

  /**
   * Gives a message its server id and, when given, the server's time as its place in the
   * thread. False when another message already holds that server id.
   */
  attachServerId(messageId: number, serverId: string, sortAt: number | null): boolean {
    return this.#attach.run(serverId, sortAt, messageId, serverId).changes > 0;
  }

  /**
   * Moves an outgoing message forward to `target`, step by step along queued → sending →
   * sent → delivered (or off to failed), each step logged. Never moves it back and never out
   * of a final state. Returns whether anything moved.
   */
  advanceStatus(messageId: number, target: MessageStatus, options: { at?: number; reason?: string | null } = {}): boolean {
    const messages = this.#archive.messages;
    let moved = false;
    for (let step = 0; step < FORWARD.length + 1; step++) {
      const current = messages.get(messageId);
      if (!current) throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no message ${messageId}.`);
      if (current.status === target) return moved;
      const detail = 'the mailbox says so';
      if (canMoveMessage(current.status, target)) {
        return messages.setStatus(messageId, target, { ...options, detail }) || moved;
      }
      const here = FORWARD.indexOf(current.status);
      const next = FORWARD[here + 1];
      const goal = FORWARD.indexOf(target);
      // Behind the target on the path: take one step. Ahead of it, or off the path: stay.
      if (here < 0 || next === undefined || (goal >= 0 && goal <= here)) return moved;
      if (!messages.setStatus(messageId, next, { ...(options.at !== undefined ? { at: options.at } : {}), detail })) return moved;
      moved = true;
    }
    return moved;
  }

  /** Whether a message's log holds a status move to `to` (e.g. the recipient's "read"). */
  hasStatusEvent(messageId: number, to: string): boolean {
    return this.#statusEvent.get(messageId, to) !== undefined;
  }

  /**
   * An SMS from `peer` this archive's own station received at `receivedAt` with this text and
   * no server id yet: the message a station link uploaded, which the mailbox hands back.
   */
  findUploaded(peer: string, receivedAt: number, body: string): Message | undefined {
    const archive = this.#archive;
    const conversation = archive.conversations.ensure('sms', archive.addresses.normalise(peer));
    const row = this.#sameReceived.get(conversation.id, receivedAt, cleanText(body));
    return row === undefined ? undefined : archive.messages.get(row.id);
  }

  /** Incoming synced messages of a conversation not read yet: their receipts are owed. */
  unreadSynced(conversationId: number): { id: number; serverId: string }[] {
    return this.#unreadSynced.all(conversationId).map((r) => ({ id: r.id, serverId: r.server_id }));
  }

  /** Settings rows whose key starts with `prefix`, in key order. */
  entries(prefix: string): { key: string; value: string }[] {
    // Keys are ASCII, and U+FFFF sorts after all of ASCII: [prefix, prefix + U+FFFF) is the prefix.
    return this.#prefixed.all(prefix, `${prefix}\uFFFF`);
  }

  /** Deletes a settings row only if it still holds `value` (it may have been replaced meanwhile). */
  deleteIf(key: string, value: string): boolean {
    return this.#deleteIf.run(key, value).changes > 0;
  }

  /**
   * Received SMS completed after event `afterEventId`, oldest first, and how far the walk
   * got: `through` is the last event id looked at (every qualifying event up to it is in
   * `items`). One read transaction, so the two agree.
   */
  receivedAfter(afterEventId: number, limit: number): { items: ReceivedToUpload[]; through: number } {
    return this.#archive.db.transaction(() => {
      const rows = this.#received.all(afterEventId, limit);
      const last = rows.at(-1);
      const through = rows.length >= limit && last ? last.event_id : Math.max(afterEventId, this.#lastEvent.get()?.id ?? 0);
      return {
        items: rows.map((r) => ({ eventId: r.event_id, uid: r.uid, peer: r.peer, body: r.body, receivedAt: r.received_at })),
        through,
      };
    })();
  }

  /** The last event logged before `at` (0 when none): where uploads start for a new link. */
  lastEventBefore(at: number): number {
    return this.#lastEventBefore.get(at)?.id ?? 0;
  }
}
