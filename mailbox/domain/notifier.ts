/**
 * Events one server process tells every process (itself included): a mailbox has a new state,
 * jobs are waiting, a session or station was revoked. In-process for SQLite; over
 * PostgreSQL LISTEN/NOTIFY when several processes share one database.
 */
export type MailboxEvent =
  | { readonly type: 'mailbox'; readonly accountId: number; readonly state: number }
  | { readonly type: 'jobs' }
  | { readonly type: 'session-revoked'; readonly sessionId: number }
  | { readonly type: 'station-revoked'; readonly stationId: number };

export interface Disposable {
  dispose(): void;
}

export interface Notifier {
  /**
   * The PostgreSQL NOTIFY channel of this notifier, when it has one: a statement may then
   * announce its own events with pg_notify (delivered at its commit) and save a round trip.
   */
  readonly sqlChannel?: string;
  publish(events: readonly MailboxEvent[]): Promise<void>;
  subscribe(listener: (event: MailboxEvent) => void): Disposable;
  close(): Promise<void>;
}

/** Delivers events to listeners in this process. */
export class LocalNotifier implements Notifier {
  private readonly listeners = new Set<(event: MailboxEvent) => void>();

  async publish(events: readonly MailboxEvent[]): Promise<void> {
    for (const event of events) this.emit(event);
  }

  subscribe(listener: (event: MailboxEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Hands an event to local listeners; a failing listener does not starve the others. */
  emit(event: MailboxEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
