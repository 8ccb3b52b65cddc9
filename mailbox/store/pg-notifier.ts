import type pg from 'pg';
import { LocalNotifier, type Disposable, type MailboxEvent, type Notifier } from '../domain/notifier';
import { parseEvent } from '../protocol/events';
import type { PgDb } from './pg-db';

/** The NOTIFY channel every SMSDesk mailbox process listens on. */
const CHANNEL = 'smsdesk_mailbox';

/**
 * Fans events out across server processes with PostgreSQL LISTEN/NOTIFY. A process hears its
 * own NOTIFYs too, so local listeners are fed only from the channel: one path, one order.
 */
export class PgNotifier implements Notifier {
  private readonly local = new LocalNotifier();
  readonly sqlChannel = CHANNEL;
  private closed = false;

  private constructor(
    private readonly db: PgDb,
    private readonly listener: pg.Client,
  ) {}

  static async start(db: PgDb): Promise<PgNotifier> {
    const client = await db.connectDedicated();
    const notifier = new PgNotifier(db, client);
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || msg.payload === undefined) return;
      const event = parseEvent(msg.payload);
      if (event !== undefined) notifier.local.emit(event);
    });
    client.on('error', () => {
      // The connection dropped; close() is the owner's call. Pushes pause, sync still works
      // because clients also pull on reconnect.
    });
    await client.query(`LISTEN ${CHANNEL}`);
    return notifier;
  }

  async publish(events: readonly MailboxEvent[]): Promise<void> {
    if (events.length === 0 || this.closed) return;
    // One round trip for the batch; payloads are our own JSON, bound as parameters.
    const payloads = events.map((e) => JSON.stringify(e));
    const placeholders = payloads.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ');
    await this.db.run(`SELECT ${placeholders}`, [CHANNEL, ...payloads]);
  }

  subscribe(listener: (event: MailboxEvent) => void): Disposable {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.local.close();
    await this.listener.end().catch(() => undefined);
  }
}
