import type { DeliveryT, MessageItemT } from '../protocol/http';
import type { Queryable } from '../store/db';
import { placeholders } from '../store/placeholders';
import type { Direction } from './mailbox-rows';
import type { Channel, DeliveryStatus } from './status';

interface ItemRow {
  readonly seq: number;
  readonly direction: Direction;
  readonly id: number;
  readonly sender_account_id: number | null;
  readonly sender_number: string;
  readonly client_id: string | null;
  readonly body: string;
  readonly created_at: number;
}

interface DeliveryRow {
  readonly message_id: number;
  readonly recipient_number: string;
  readonly recipient_account_id: number | null;
  readonly channel: Channel;
  readonly status: DeliveryStatus;
  readonly updated_at: number;
}

export interface ChangesPage {
  readonly items: MessageItemT[];
  readonly state: number;
  readonly more: boolean;
}

/**
 * What changed in an account's mailbox after state `since`, oldest first, at most `limit`
 * items. A message appears once, in its latest form. An empty page answers with the current
 * state, so a client that holds a state from elsewhere is brought back in line.
 */
export async function changesSince(q: Queryable, accountId: number, since: number, limit: number): Promise<ChangesPage> {
  const found = await pageAfter(q, accountId, since, limit);
  if (found !== undefined) return found;
  // Nothing after `since`. The counter is read in a statement of its own, after the rows: a
  // send that committed in between (PostgreSQL gives each statement its own snapshot; SQLite
  // may commit a batch between two queries) stamped a row the first read missed, and
  // answering with its state would make the client skip that row for good. Stamps commit in
  // counter order, so everything up to the counter read is visible now: read the rows again.
  const account = await q.one<{ change_seq: number }>('SELECT change_seq FROM accounts WHERE id = $1', [accountId]);
  const state = account?.change_seq ?? 0;
  if (state <= since) return { items: [], state, more: false };
  return (await pageAfter(q, accountId, since, limit)) ?? { items: [], state, more: false };
}

/** The page of entries stamped after `since`, or undefined when there are none. */
async function pageAfter(q: Queryable, accountId: number, since: number, limit: number): Promise<ChangesPage | undefined> {
  const rows = await q.all<ItemRow>(
    `SELECT b.seq, b.direction, m.id, m.sender_account_id, m.sender_number, m.client_id, m.body, m.created_at
     FROM mailbox b JOIN messages m ON m.id = b.message_id
     WHERE b.account_id = $1 AND b.seq > $2
     ORDER BY b.seq LIMIT $3`,
    [accountId, since, limit + 1],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  if (last === undefined) return undefined;
  const deliveries = await deliveriesOf(
    q,
    page.map((r) => r.id),
  );
  const items = page.map((row): MessageItemT => {
    const all = deliveries.get(row.id) ?? [];
    const mine = row.direction === 'out' ? all : all.filter((d) => d.recipient_account_id === accountId);
    return {
      serverId: row.id,
      clientId: row.direction === 'out' ? row.client_id : null,
      direction: row.direction,
      from: row.sender_number,
      to: all.map((d) => d.recipient_number),
      text: row.body,
      createdAt: row.created_at,
      deliveries: mine.map(toDelivery),
    };
  });
  return { items, state: last.seq, more };
}

async function deliveriesOf(q: Queryable, messageIds: readonly number[]): Promise<Map<number, DeliveryRow[]>> {
  const out = new Map<number, DeliveryRow[]>();
  // One query per chunk of ids; the placeholders are counted, the ids are bound.
  const CHUNK = 100;
  for (let i = 0; i < messageIds.length; i += CHUNK) {
    const ids = messageIds.slice(i, i + CHUNK);
    const rows = await q.all<DeliveryRow>(
      `SELECT message_id, recipient_number, recipient_account_id, channel, status, updated_at
       FROM deliveries WHERE message_id IN (${placeholders(ids.length, 1)}) ORDER BY id`,
      ids,
    );
    for (const row of rows) {
      const list = out.get(row.message_id);
      if (list === undefined) out.set(row.message_id, [row]);
      else list.push(row);
    }
  }
  return out;
}

function toDelivery(d: DeliveryRow): DeliveryT {
  return { number: d.recipient_number, channel: d.channel, status: d.status, updatedAt: d.updated_at };
}
