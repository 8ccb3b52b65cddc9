/**
 * Message storage of a virtual modem: the SIM (SM), the phone memory (ME), their
 * union (MT), and status reports (SR), each with a fixed number of slots, as
 * TS 27.005 §3.2.2 describes them. A full store is what real users hit: a
 * 10-, 20- or 30-slot SIM fills up and reception silently stops.
 */

export type StoreName = 'SM' | 'ME' | 'MT' | 'SR';

/** <stat> of TS 27.005 §3.1 (PDU mode values). */
export type MessageStat = 0 | 1 | 2 | 3; // REC UNREAD, REC READ, STO UNSENT, STO SENT

export interface StoredMessage {
  stat: MessageStat;
  /** The PDU as the modem shows it in +CMGR/+CMGL: SMSC address field, then the TPDU. */
  pdu: Uint8Array;
  /** TPDU length (the PDU without its SMSC address field), shown as <length>. */
  tpduLength: number;
}

export class MessageStore {
  readonly name: Exclude<StoreName, 'MT'>;
  readonly capacity: number;
  /** First index; 1 on nearly every modem (TS 27.005 leaves it to the maker). */
  readonly base: number;
  readonly #slots = new Map<number, StoredMessage>();

  constructor(name: Exclude<StoreName, 'MT'>, capacity: number, base = 1) {
    this.name = name;
    this.capacity = capacity;
    this.base = base;
  }

  get used(): number {
    return this.#slots.size;
  }

  get isFull(): boolean {
    return this.#slots.size >= this.capacity;
  }

  /** Stores a message in the lowest free slot; returns its index, or null when full. */
  add(message: StoredMessage): number | null {
    for (let i = this.base; i < this.base + this.capacity; i++) {
      if (!this.#slots.has(i)) {
        this.#slots.set(i, message);
        return i;
      }
    }
    return null;
  }

  get(index: number): StoredMessage | undefined {
    return this.#slots.get(index);
  }

  has(index: number): boolean {
    return this.#slots.has(index);
  }

  inRange(index: number): boolean {
    return Number.isInteger(index) && index >= this.base && index < this.base + this.capacity;
  }

  delete(index: number): boolean {
    return this.#slots.delete(index);
  }

  /** Entries in index order. */
  entries(): Array<[number, StoredMessage]> {
    return [...this.#slots.entries()].sort((a, b) => a[0] - b[0]);
  }

  setStat(index: number, stat: MessageStat): void {
    const m = this.#slots.get(index);
    if (m) m.stat = stat;
  }

  /**
   * AT+CMGD=<index>,<delflag> (TS 27.005 §3.5.4): 0 this index; 1 all read;
   * 2 read and sent; 3 read, sent and unsent; 4 everything. Returns how many went.
   */
  deleteByFlag(flag: 1 | 2 | 3 | 4): number {
    const doomed: MessageStat[] = flag === 1 ? [1] : flag === 2 ? [1, 3] : flag === 3 ? [1, 2, 3] : [0, 1, 2, 3];
    let n = 0;
    for (const [i, m] of this.#slots) {
      if (doomed.includes(m.stat)) {
        this.#slots.delete(i);
        n++;
      }
    }
    return n;
  }
}
