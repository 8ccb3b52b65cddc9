import { createHash } from 'node:crypto';
import type { AddressNormaliser } from './address';
import { ArchiveError } from './errors';
import type { EventLog } from './events';
import type { MessageStore } from './messages';
import type { Encoding, Message, Part, StoreContext } from './model';
import { toPart, type PartRow } from './parts';

/** One received SMS-DELIVER PDU, decoded by the modem layer, as the inbox hands it over. */
export interface IncomingPart {
  modemId: number;
  /** The originating address as decoded (TP-OA); normalised here. */
  originator: string;
  /** Concatenation reference (8- or 16-bit, TS 23.040 §9.2.3.24.1/.8); null for a single SMS. */
  concatRef: number | null;
  /** Number of parts in the group; 1 for a single SMS. */
  total: number;
  /** This part's number, 1-based. */
  seq: number;
  /** The raw PDU exactly as read from the modem: its hash recognises a part read twice. */
  pdu: Uint8Array;
  /**
   * Where the modem holds the PDU until it is deleted or acknowledged: `SM:3` (store and
   * index), `direct` (+CMT, until AT+CNMA). An identical PDU is the same SMS read again only
   * while the first copy is held at the same place (or as an unacknowledged direct delivery);
   * otherwise it is another SMS that happens to have the same bytes (same text and sender in
   * the same second). Null or absent: the place is not known, and any earlier identical PDU
   * on this modem counts as the same SMS.
   */
  heldAt?: string | null;
  /**
   * Why the PDU could not be read, when it could not: the part is kept raw (its text is a
   * placeholder) and its message carries this as the reason, so nothing is lost and the
   * modem can delete it.
   */
  problem?: string | null;
  /** The decoded text of this part. */
  text: string;
  encoding?: Encoding | null;
  /** TP-SCTS, the service centre's time stamp. */
  scAt?: number | null;
  scAddress?: string | null;
  /** Message class 0 ("flash SMS"). */
  flash?: boolean;
  receivedAt?: number;
}

export interface StoredPart {
  /** False when this part was already stored (the modem listed the same SMS again). */
  stored: boolean;
  partId: number;
  groupId: number;
  received: number;
  total: number;
  complete: boolean;
  /** The message the group was assembled into (complete, or shown as incomplete), if any. */
  messageId: number | null;
}

export interface InboundGroup {
  id: number;
  modemId: number;
  originator: string;
  concatRef: number | null;
  total: number;
  received: number;
  firstPartAt: number;
  lastPartAt: number;
  messageId: number | null;
  complete: boolean;
}

interface GroupRow {
  id: number;
  modem_id: number;
  originator: string;
  concat_ref: number | null;
  total: number;
  first_part_at: number;
  last_part_at: number;
  message_id: number | null;
  complete: number;
  received: number;
}

/** Shown where a part of an incomplete message has not arrived (yet). */
export const MISSING_PART = '[…]';

const GROUP_COLUMNS = `g.*, (SELECT count(*) FROM parts p WHERE p.group_id = g.id) AS received`;

/**
 * The receive side: parts are stored the moment they are read, before the modem deletes
 * them, and assembled into a message when the group is complete (or shown as incomplete
 * after a timeout, completing itself if the late part arrives).
 */
export class InboxStore {
  readonly #ctx: StoreContext;
  readonly #addresses: AddressNormaliser;
  readonly #messages: MessageStore;
  readonly #events: EventLog;
  readonly #heldCopy;
  readonly #anyCopy;
  readonly #vacate;
  readonly #release;
  readonly #openGroup;
  readonly #newGroup;
  readonly #touchGroup;
  readonly #group;
  readonly #insertPart;
  readonly #groupParts;
  readonly #linkParts;
  readonly #finishGroup;
  readonly #showGroup;
  readonly #waiting;

  constructor(ctx: StoreContext, addresses: AddressNormaliser, messages: MessageStore, events: EventLog) {
    this.#ctx = ctx;
    this.#addresses = addresses;
    this.#messages = messages;
    this.#events = events;
    const db = ctx.db;
    // An earlier copy of this PDU that the modem still holds where this one was read, or as a
    // direct delivery it never acknowledged (the network delivers it again, maybe into a slot).
    this.#heldCopy = db.prepare<[Buffer, number, string], { id: number; group_id: number | null }>(
      `SELECT id, group_id FROM parts WHERE pdu_hash = ? AND modem_id = ? AND (held_at = ? OR held_at = 'direct') ORDER BY id LIMIT 1`,
    );
    this.#anyCopy = db.prepare<[Buffer, number], { id: number; group_id: number | null }>(
      `SELECT id, group_id FROM parts WHERE pdu_hash = ? AND modem_id = ? ORDER BY id LIMIT 1`,
    );
    // Another PDU in a slot proves the slot's earlier part is gone, whether or not its delete was heard of.
    this.#vacate = db.prepare<[number, string]>(`UPDATE parts SET held_at = NULL WHERE modem_id = ? AND held_at = ?`);
    // A direct delivery the network repeated into a slot was acknowledged by the modem when it
    // stored it: that slot's delete ends the network's repeats too.
    this.#release = db.prepare<[number, string, Buffer]>(
      `UPDATE parts SET held_at = NULL WHERE modem_id = ? AND (held_at = ? OR held_at = 'direct') AND pdu_hash = ?`,
    );
    // The oldest open group with this key that still lacks this part number. A full group or
    // one that has this number already means the sender reused the reference: a new group.
    this.#openGroup = db.prepare<[number, string, number | null, number, number], { id: number }>(
      `SELECT g.id FROM inbound_groups g
       WHERE g.modem_id = ? AND g.originator = ? AND g.concat_ref IS ? AND g.total = ? AND g.complete = 0
         AND NOT EXISTS (SELECT 1 FROM parts p WHERE p.group_id = g.id AND p.seq = ?)
       ORDER BY g.id LIMIT 1`,
    );
    this.#newGroup = db.prepare<[number, string, number | null, number, number, number], { id: number }>(
      `INSERT INTO inbound_groups (modem_id, originator, concat_ref, total, first_part_at, last_part_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#touchGroup = db.prepare<[number, number]>(`UPDATE inbound_groups SET last_part_at = max(last_part_at, ?) WHERE id = ?`);
    this.#group = db.prepare<[number], GroupRow>(`SELECT ${GROUP_COLUMNS} FROM inbound_groups g WHERE g.id = ?`);
    this.#insertPart = db.prepare<
      [
        number,
        number | null,
        number,
        Buffer,
        Buffer,
        string,
        Encoding | null,
        string | null,
        number,
        number,
        number | null,
        number,
        string | null,
        string | null,
      ],
      { id: number }
    >(
      `INSERT INTO parts (group_id, message_id, seq, pdu, pdu_hash, text, encoding, sc_address, flash, modem_id, sc_at, received_at,
         held_at, status_reason, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received') RETURNING id`,
    );
    this.#groupParts = db.prepare<[number], PartRow>(`SELECT * FROM parts WHERE group_id = ? ORDER BY seq`);
    this.#linkParts = db.prepare<[number, number]>(`UPDATE parts SET message_id = ? WHERE group_id = ? AND message_id IS NULL`);
    this.#finishGroup = db.prepare<[number, number]>(`UPDATE inbound_groups SET complete = 1, message_id = ? WHERE id = ?`);
    this.#showGroup = db.prepare<[number, number]>(`UPDATE inbound_groups SET message_id = ? WHERE id = ?`);
    this.#waiting = db.prepare<[number], GroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM inbound_groups g WHERE g.complete = 0 AND g.message_id IS NULL AND g.first_part_at <= ? ORDER BY g.first_part_at`,
    );
  }

  /**
   * Stores one part durably (its own transaction, or the caller's). The same SMS read again
   * (its PDU's SHA-256, while the modem still holds the first copy: see `heldAt`) is not
   * stored again.
   */
  storePart(part: IncomingPart): StoredPart {
    validatePart(part);
    return this.#ctx.db.transaction(() => {
      const hash = pduHash(part.pdu);
      const heldAt = part.heldAt ?? null;
      const existing = heldAt === null ? this.#anyCopy.get(hash, part.modemId) : this.#heldCopy.get(hash, part.modemId, heldAt);
      if (existing) {
        if (existing.group_id === null) throw new ArchiveError('ARCHIVE_CONFLICT', `PDU of part ${existing.id} is an outgoing part.`);
        return this.#stored(false, existing.id, existing.group_id);
      }
      if (heldAt !== null && heldAt !== 'direct') this.#vacate.run(part.modemId, heldAt);
      const originator = this.#addresses.normalise(part.originator);
      const at = part.receivedAt ?? this.#ctx.now();
      // A single SMS never joins another: its group is its own.
      const open = part.total > 1 ? this.#openGroup.get(part.modemId, originator, part.concatRef, part.total, part.seq) : undefined;
      const groupId = open?.id ?? (this.#newGroup.get(part.modemId, originator, part.concatRef, part.total, at, at) as { id: number }).id;
      if (open) this.#touchGroup.run(at, groupId);
      const group = this.#group.get(groupId) as GroupRow;
      const row = this.#insertPart.get(
        groupId,
        group.message_id,
        part.seq,
        Buffer.from(part.pdu),
        hash,
        part.text,
        part.encoding ?? null,
        part.scAddress ?? null,
        part.flash ? 1 : 0,
        part.modemId,
        part.scAt ?? null,
        at,
        heldAt,
        part.problem ?? null,
      ) as { id: number };
      return this.#stored(true, row.id, groupId);
    })();
  }

  #stored(stored: boolean, partId: number, groupId: number): StoredPart {
    const g = this.#group.get(groupId) as GroupRow;
    return {
      stored,
      partId,
      groupId,
      received: g.received,
      total: g.total,
      complete: g.received === g.total,
      messageId: g.message_id,
    };
  }

  /**
   * Stores the part and, when that completes its group, assembles the message, all in one
   * transaction: after it returns, the modem may delete the PDU.
   */
  receive(part: IncomingPart): StoredPart & { message: Message | undefined } {
    return this.#ctx.db.transaction(() => {
      const stored = this.storePart(part);
      // An incomplete group nobody sees yet waits; a repeated PDU changes nothing; a part
      // that completes a group, or joins one shown as incomplete, (re)assembles it.
      if ((!stored.complete && stored.messageId === null) || (!stored.stored && !stored.complete)) {
        return { ...stored, message: stored.messageId === null ? undefined : this.#messages.get(stored.messageId) };
      }
      const message = this.assemble(stored.groupId);
      return { ...stored, messageId: message?.id ?? stored.messageId, message };
    })();
  }

  /**
   * The modem deleted (AT+CMGD) or acknowledged (AT+CNMA) the PDU it held at `heldAt`: an
   * identical PDU from now on is another SMS. Returns whether a held part was released.
   */
  released(modemId: number, heldAt: string, pdu: Uint8Array): boolean {
    return this.#release.run(modemId, heldAt, pduHash(pdu)).changes > 0;
  }

  group(groupId: number): InboundGroup | undefined {
    const row = this.#group.get(groupId);
    return row ? toGroup(row) : undefined;
  }

  parts(groupId: number): Part[] {
    return this.#groupParts.all(groupId).map(toPart);
  }

  /** Open groups whose first part came at or before `olderThan` and that nobody sees yet. */
  waiting(olderThan: number): InboundGroup[] {
    return this.#waiting.all(olderThan).map(toGroup);
  }

  /**
   * Shows every group still incomplete whose first part came at or before `olderThan` as an
   * "incomplete" message ("2 of 3 parts"), each in its own transaction; returns those
   * messages. A part that arrives later completes the same message.
   */
  showIncomplete(olderThan: number): Message[] {
    const shown: Message[] = [];
    for (const group of this.waiting(olderThan)) {
      const message = this.assemble(group.id, { allowIncomplete: true });
      if (message) shown.push(message);
    }
    return shown;
  }

  /**
   * Assembles the group into a message in one transaction. A complete group becomes a
   * received message (or completes the incomplete one shown before). An incomplete group is
   * shown as an "incomplete" message only with `allowIncomplete` (after the inbox's
   * timeout); otherwise nothing happens and undefined is returned.
   */
  assemble(groupId: number, options: { allowIncomplete?: boolean } = {}): Message | undefined {
    return this.#ctx.db.transaction(() => {
      const group = this.#group.get(groupId);
      if (!group) throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no incoming group ${groupId}.`);
      if (group.complete === 1) return group.message_id === null ? undefined : this.#messages.get(group.message_id);
      const parts = this.#groupParts.all(groupId);
      const complete = parts.length === group.total;
      if (!complete && !options.allowIncomplete && group.message_id === null) return undefined;
      const body = assembleText(parts, group.total);
      const first = parts[0];
      if (first === undefined) throw new ArchiveError('ARCHIVE_CONFLICT', `Incoming group ${groupId} has no parts.`);
      const receivedAt = Math.max(...parts.map((p) => p.received_at ?? 0));
      const scTimes = parts.map((p) => p.sc_at).filter((t): t is number => t !== null);
      let messageId = group.message_id;
      if (messageId === null) {
        const message = this.#messages.insert({
          direction: 'in',
          peer: group.originator,
          modemId: group.modem_id,
          body,
          encoding: first.encoding,
          partCount: group.total,
          partsReceived: parts.length,
          status: complete ? 'received' : 'incomplete',
          // A part that could not be read says why (IncomingPart.problem); it is a group of its own.
          statusReason: complete ? first.status_reason : incompleteReason(parts.length, group.total),
          flash: first.flash === 1,
          scAddress: first.sc_address,
          scAt: scTimes.length > 0 ? Math.min(...scTimes) : null,
          receivedAt,
        });
        if (!message) throw new ArchiveError('ARCHIVE_CONFLICT', `Incoming group ${groupId} could not be stored as a message.`);
        messageId = message.id;
        this.#events.record({
          kind: 'message-status',
          messageId,
          from: null,
          to: message.status,
          detail: `${parts.length} of ${group.total} parts`,
        });
      } else {
        this.#messages.reassembled(
          messageId,
          body,
          parts.length,
          receivedAt,
          complete ? null : incompleteReason(parts.length, group.total),
        );
        if (complete) this.#messages.setStatus(messageId, 'received', { detail: `the late part arrived` });
      }
      this.#linkParts.run(messageId, groupId);
      if (complete) this.#finishGroup.run(messageId, groupId);
      else this.#showGroup.run(messageId, groupId);
      return this.#messages.get(messageId);
    })();
  }
}

export function pduHash(pdu: Uint8Array): Buffer {
  return createHash('sha256').update(pdu).digest();
}

function incompleteReason(received: number, total: number): string {
  return `${received} of ${total} parts arrived; the rest may still come.`;
}

function assembleText(parts: readonly PartRow[], total: number): string {
  const bySeq = new Map(parts.map((p) => [p.seq, p.text ?? '']));
  let text = '';
  for (let seq = 1; seq <= total; seq++) text += bySeq.get(seq) ?? MISSING_PART;
  return text;
}

function validatePart(p: IncomingPart): void {
  const ok =
    Number.isInteger(p.total) &&
    p.total >= 1 &&
    p.total <= 255 &&
    Number.isInteger(p.seq) &&
    p.seq >= 1 &&
    p.seq <= p.total &&
    (p.concatRef === null || (Number.isInteger(p.concatRef) && p.concatRef >= 0 && p.concatRef <= 0xffff)) &&
    p.pdu.length > 0;
  if (!ok) {
    throw new ArchiveError(
      'ARCHIVE_INVALID',
      `Part ${p.seq} of ${p.total} (reference ${p.concatRef ?? 'none'}, ${p.pdu.length} PDU bytes) is not a valid part.`,
    );
  }
}

function toGroup(r: GroupRow): InboundGroup {
  return {
    id: r.id,
    modemId: r.modem_id,
    originator: r.originator,
    concatRef: r.concat_ref,
    total: r.total,
    received: r.received,
    firstPartAt: r.first_part_at,
    lastPartAt: r.last_part_at,
    messageId: r.message_id,
    complete: r.complete === 1,
  };
}
