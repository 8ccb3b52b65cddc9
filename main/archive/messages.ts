import { newUid } from './ids';
import type { AddressNormaliser } from './address';
import type { ConversationStore } from './conversations';
import { decodeCursor, encodeCursor, mergeNewest, pageLimit, toPage } from './cursor';
import { ArchiveError } from './errors';
import type { EventLog } from './events';
import {
  cleanText,
  type Channel,
  type Direction,
  type Encoding,
  type Message,
  type MessageOrigin,
  type MessageStatus,
  type StoreContext,
} from './model';
import { canMoveMessage } from './status';

/** A message as a caller creates it; the store gives it its id, uid (unless given) and conversation. */
export interface NewMessage {
  uid?: string;
  channel?: Channel;
  direction: Direction;
  /** Normalised by `insert` (see AddressNormaliser); `insertIntoConversation` takes it as is. */
  peer: string;
  modemId?: number | null;
  body: string;
  subject?: string | null;
  encoding?: Encoding | null;
  partCount?: number;
  partsReceived?: number | null;
  status: MessageStatus;
  statusReason?: string | null;
  read?: boolean;
  flash?: boolean;
  scAddress?: string | null;
  scAt?: number | null;
  sentAt?: number | null;
  deliveredAt?: number | null;
  receivedAt?: number | null;
  createdAt?: number;
  sortAt?: number;
  origin?: MessageOrigin;
  serverId?: string | null;
}

export interface MessagePage {
  /** Newest first. */
  items: Message[];
  /** Cursor for the next (older) page, or null at the start of the thread. */
  next: string | null;
}

/** What `MessageStore.list` filters by; every field optional. */
export interface MessageListQuery {
  direction?: Direction;
  status?: MessageStatus;
  /** The `next` cursor of the previous page. */
  after?: string;
  limit?: number;
}

/** Each status belongs to one direction (the CHECK on messages). */
const STATUSES: { readonly [D in Direction]: readonly MessageStatus[] } = {
  in: ['incomplete', 'received'],
  out: ['draft', 'queued', 'sending', 'sent', 'unconfirmed', 'delivered', 'failed', 'cancelled'],
};

export interface MessageRow {
  id: number;
  uid: string;
  conversation_id: number;
  channel: Channel;
  direction: Direction;
  peer: string;
  modem_id: number | null;
  body: string;
  subject: string | null;
  encoding: Encoding | null;
  part_count: number;
  parts_received: number | null;
  status: MessageStatus;
  status_reason: string | null;
  read: number;
  flash: number;
  sc_address: string | null;
  sc_at: number | null;
  sent_at: number | null;
  delivered_at: number | null;
  received_at: number | null;
  created_at: number;
  sort_at: number;
  origin: MessageOrigin;
  server_id: string | null;
  revision: number;
}

type InsertParams = [
  string,
  number,
  Channel,
  Direction,
  string,
  number | null,
  string,
  string | null,
  Encoding | null,
  number,
  number | null,
  MessageStatus,
  string | null,
  number,
  number,
  string | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number,
  number,
  MessageOrigin,
  string | null,
];

/**
 * The columns a new message row is written with, in the order `messageValues` lays a row out:
 * the one row layout of MessageStore's insert and of import batches (bulk-load.ts).
 * bulk-load.test.ts checks that it names every column of the table.
 */
export const MESSAGE_COLUMNS = [
  'uid',
  'conversation_id',
  'channel',
  'direction',
  'peer',
  'modem_id',
  'body',
  'subject',
  'encoding',
  'part_count',
  'parts_received',
  'status',
  'status_reason',
  'read',
  'flash',
  'sc_address',
  'sc_at',
  'sent_at',
  'delivered_at',
  'received_at',
  'created_at',
  'sort_at',
  'origin',
  'server_id',
] as const;

export const VALUES_PER_ROW = MESSAGE_COLUMNS.length;

/**
 * Writes the row for `m` into `out` from `at` on (an import fills many rows of one statement
 * this way). Without `m.createdAt`, `now` is the time; an import passes none, since it knows
 * every record's time. Throws an ArchiveError for a value the archive refuses anyway.
 */
export function messageValues(m: NewMessage, conversationId: number, out: unknown[], at: number, now?: number): void {
  const partCount = m.partCount ?? 1;
  if (!Number.isInteger(partCount) || partCount < 1 || partCount > 255) {
    throw new ArchiveError('ARCHIVE_INVALID', `A message has 1 to 255 parts, not ${partCount}.`);
  }
  const createdAt = m.createdAt ?? now;
  if (createdAt === undefined) throw new ArchiveError('ARCHIVE_INVALID', 'An imported message needs its time.');
  const sortAt = m.sortAt ?? (m.direction === 'in' ? (m.scAt ?? m.receivedAt ?? createdAt) : createdAt);
  out[at] = m.uid ?? newUid();
  out[at + 1] = conversationId;
  out[at + 2] = m.channel ?? 'sms';
  out[at + 3] = m.direction;
  out[at + 4] = m.peer;
  out[at + 5] = m.modemId ?? null;
  out[at + 6] = cleanText(m.body);
  out[at + 7] = m.subject ?? null;
  out[at + 8] = m.encoding ?? null;
  out[at + 9] = partCount;
  out[at + 10] = m.partsReceived ?? null;
  out[at + 11] = m.status;
  out[at + 12] = m.statusReason ?? null;
  out[at + 13] = m.read ? 1 : 0;
  out[at + 14] = m.flash ? 1 : 0;
  out[at + 15] = m.scAddress ?? null;
  out[at + 16] = m.scAt ?? null;
  out[at + 17] = m.sentAt ?? null;
  out[at + 18] = m.deliveredAt ?? null;
  out[at + 19] = m.receivedAt ?? null;
  out[at + 20] = createdAt;
  out[at + 21] = sortAt;
  out[at + 22] = m.origin ?? 'station';
  out[at + 23] = m.serverId ?? null;
}

export class MessageStore {
  readonly #ctx: StoreContext;
  readonly #addresses: AddressNormaliser;
  readonly #conversations: ConversationStore;
  readonly #events: EventLog;
  readonly #insert;
  readonly #byId;
  readonly #byUid;
  readonly #same;
  readonly #setStatus;
  readonly #setRead;
  readonly #delete;
  readonly #reassembled;
  readonly #threadFirst;
  readonly #threadAfter;
  readonly #byStatusFirst;
  readonly #byStatusAfter;

  constructor(ctx: StoreContext, addresses: AddressNormaliser, conversations: ConversationStore, events: EventLog) {
    this.#ctx = ctx;
    this.#addresses = addresses;
    this.#conversations = conversations;
    this.#events = events;
    const db = ctx.db;
    this.#insert = db.prepare<InsertParams, { id: number }>(
      `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')}) RETURNING id`,
    );
    this.#byId = db.prepare<[number], MessageRow>(`SELECT * FROM messages WHERE id = ?`);
    this.#byUid = db.prepare<[string], MessageRow>(`SELECT * FROM messages WHERE uid = ?`);
    // One probe of messages_thread: the (few) messages of that conversation at that time.
    this.#same = db.prepare<[number, number, Direction, string], { id: number }>(
      `SELECT id FROM messages WHERE conversation_id = ? AND sort_at = ? AND direction = ? AND body = ? LIMIT 1`,
    );
    this.#setStatus = db.prepare<[MessageStatus, string | null, number, number, number, number, number]>(
      `UPDATE messages SET status = ?, status_reason = ?, revision = revision + 1,
         sent_at = CASE WHEN ? = 1 THEN coalesce(sent_at, ?) ELSE sent_at END,
         delivered_at = CASE WHEN ? = 1 THEN coalesce(delivered_at, ?) ELSE delivered_at END
       WHERE id = ?`,
    );
    this.#setRead = db.prepare<[number, number, number]>(
      `UPDATE messages SET read = ?, revision = revision + 1 WHERE id = ? AND read <> ?`,
    );
    this.#delete = db.prepare<[number]>(`DELETE FROM messages WHERE id = ?`);
    this.#reassembled = db.prepare<[string, number, number | null, string | null, number]>(
      `UPDATE messages SET body = ?, parts_received = ?, received_at = ?, status_reason = ?, revision = revision + 1 WHERE id = ?`,
    );
    // Thread pages walk messages_thread backwards from the newest message.
    this.#threadFirst = db.prepare<[number, number], MessageRow>(
      `SELECT * FROM messages WHERE conversation_id = ? ORDER BY sort_at DESC, id DESC LIMIT ?`,
    );
    this.#threadAfter = db.prepare<[number, number, number, number], MessageRow>(
      `SELECT * FROM messages WHERE conversation_id = ? AND (sort_at, id) < (?, ?) ORDER BY sort_at DESC, id DESC LIMIT ?`,
    );
    // Lists across conversations walk messages_status_recent backwards, one status at a time.
    this.#byStatusFirst = db.prepare<[MessageStatus, number], MessageRow>(
      `SELECT * FROM messages WHERE status = ? ORDER BY sort_at DESC, id DESC LIMIT ?`,
    );
    this.#byStatusAfter = db.prepare<[MessageStatus, number, number, number], MessageRow>(
      `SELECT * FROM messages WHERE status = ? AND (sort_at, id) < (?, ?) ORDER BY sort_at DESC, id DESC LIMIT ?`,
    );
  }

  /**
   * Inserts a message into the conversation with its peer (created if needed) and returns
   * it. Callers group inserts in a transaction of their own.
   */
  insert(input: NewMessage): Message | undefined {
    const channel = input.channel ?? 'sms';
    const peer = this.#addresses.normalise(input.peer);
    const conversation = this.#conversations.ensure(channel, peer);
    const now = this.#ctx.now();
    const row = this.#insert.get(...this.#params({ ...input, peer }, conversation.id, now));
    if (!row) return undefined;
    return this.get(row.id);
  }

  /**
   * The fast path for bulk imports: takes the conversation id and an already normalised
   * peer from the caller and returns only the new id.
   */
  insertIntoConversation(conversationId: number, input: NewMessage): number | undefined {
    return this.#insert.get(...this.#params(input, conversationId, this.#ctx.now()))?.id;
  }

  /**
   * The id of a message already archived with the same conversation, time, direction and
   * text: how an import recognises a record it (or an export of this archive) saw before.
   */
  findSame(conversationId: number, sortAt: number, direction: Direction, body: string): number | undefined {
    return this.#same.get(conversationId, sortAt, direction, cleanText(body))?.id;
  }

  #params(m: NewMessage, conversationId: number, now: number): InsertParams {
    const row = new Array<unknown>(VALUES_PER_ROW);
    messageValues(m, conversationId, row, 0, now);
    return row as InsertParams;
  }

  get(id: number): Message | undefined {
    const row = this.#byId.get(id);
    return row ? toMessage(row) : undefined;
  }

  getByUid(uid: string): Message | undefined {
    const row = this.#byUid.get(uid);
    return row ? toMessage(row) : undefined;
  }

  /**
   * Moves the message to `to` if the status machine allows it (see status.ts) and logs an
   * event. Returns false, changing nothing, for a move backwards or out of a final state.
   */
  setStatus(id: number, to: MessageStatus, options: { reason?: string | null; at?: number; detail?: string } = {}): boolean {
    const current = this.#byId.get(id);
    if (!current) throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no message ${id}.`);
    if (!canMoveMessage(current.status, to)) return false;
    const at = options.at ?? this.#ctx.now();
    const sent = to === 'sent' || to === 'delivered' ? 1 : 0;
    const delivered = to === 'delivered' ? 1 : 0;
    this.#setStatus.run(to, options.reason ?? null, sent, at, delivered, at, id);
    this.#events.record({
      kind: 'message-status',
      messageId: id,
      from: current.status,
      to,
      detail: options.detail ?? options.reason ?? null,
      at,
    });
    return true;
  }

  /** An incomplete incoming message gained parts: its body, count and reason change (inbox only). */
  reassembled(id: number, body: string, partsReceived: number, receivedAt: number | null, reason: string | null): void {
    this.#reassembled.run(cleanText(body), partsReceived, receivedAt, reason, id);
  }

  setRead(id: number, read: boolean): boolean {
    const flag = read ? 1 : 0;
    return this.#setRead.run(flag, id, flag).changes > 0;
  }

  delete(id: number): boolean {
    return this.#delete.run(id).changes > 0;
  }

  /** One page of a thread, newest first, by keyset on (sort_at, id). */
  thread(conversationId: number, query: { after?: string; limit?: number } = {}): MessagePage {
    const limit = pageLimit(query.limit);
    let rows: MessageRow[];
    if (query.after === undefined) {
      rows = this.#threadFirst.all(conversationId, limit + 1);
    } else {
      const { at, id } = decodeCursor(query.after);
      rows = this.#threadAfter.all(conversationId, at, id, limit + 1);
    }
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { items: shown.map(toMessage), next: rows.length > limit && last ? encodeCursor(last.sort_at, last.id) : null };
  }

  /**
   * One page of messages across every conversation, newest first by keyset on (sort_at, id):
   * all of them, one direction, or one status. A direction whose status does not belong to it
   * (incoming and "queued") has no messages.
   */
  list(query: MessageListQuery = {}): MessagePage {
    const limit = pageLimit(query.limit);
    const cursor = query.after === undefined ? undefined : decodeCursor(query.after);
    const inDirection = query.direction === undefined ? [...STATUSES.in, ...STATUSES.out] : STATUSES[query.direction];
    const statuses = query.status === undefined ? inDirection : inDirection.filter((s) => s === query.status);
    const runs = statuses.map((status) =>
      cursor === undefined ? this.#byStatusFirst.all(status, limit + 1) : this.#byStatusAfter.all(status, cursor.at, cursor.id, limit + 1),
    );
    const key = (r: MessageRow) => [r.sort_at, r.id] as const;
    return toPage(mergeNewest(runs, key, limit + 1), limit, key, toMessage);
  }
}

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    uid: r.uid,
    conversationId: r.conversation_id,
    channel: r.channel,
    direction: r.direction,
    peer: r.peer,
    modemId: r.modem_id,
    body: r.body,
    subject: r.subject,
    encoding: r.encoding,
    partCount: r.part_count,
    partsReceived: r.parts_received,
    status: r.status,
    statusReason: r.status_reason,
    read: r.read === 1,
    flash: r.flash === 1,
    scAddress: r.sc_address,
    scAt: r.sc_at,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
    receivedAt: r.received_at,
    createdAt: r.created_at,
    sortAt: r.sort_at,
    origin: r.origin,
    serverId: r.server_id,
    revision: r.revision,
  };
}
