import type { WebSocket } from 'ws';
import { assertNever } from '../domain/assert';
import type { MailboxContext } from '../domain/context';
import type { Disposable, MailboxEvent } from '../domain/notifier';
import type { SessionIdentity } from '../domain/sessions';
import type { PushFrame } from '../protocol/push';

/** Close code for a session revoked while connected (4000–4999 are the application's). */
export const CLOSE_REVOKED = 4001;

/** Pings find dead peers (a laptop that slept) so their sockets do not pile up. */
const PING_EVERY_MS = 30_000;

interface Client {
  readonly socket: WebSocket;
  readonly identity: SessionIdentity;
  alive: boolean;
}

/** The user devices connected to this process, told when their mailbox has a new state. */
export class PushHub {
  private readonly byAccount = new Map<number, Set<Client>>();
  private readonly subscription: Disposable;
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly ctx: MailboxContext) {
    this.subscription = ctx.notifier.subscribe((event) => this.onEvent(event));
    this.pinger = setInterval(() => this.ping(), PING_EVERY_MS);
    this.pinger.unref();
  }

  get connectedCount(): number {
    let n = 0;
    for (const set of this.byAccount.values()) n += set.size;
    return n;
  }

  async attach(socket: WebSocket, identity: SessionIdentity): Promise<void> {
    const client: Client = { socket, identity, alive: true };
    let set = this.byAccount.get(identity.accountId);
    if (set === undefined) this.byAccount.set(identity.accountId, (set = new Set()));
    set.add(client);
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => this.detach(client));
    socket.on('error', () => socket.terminate());
    // Pushes carry no content, so anything a client sends is noise; it is ignored.
    const row = await this.ctx.db.one<{ change_seq: number }>('SELECT change_seq FROM accounts WHERE id = $1', [identity.accountId]);
    send(socket, { v: 1, type: 'state', state: String(row?.change_seq ?? 0) });
  }

  async close(): Promise<void> {
    this.subscription.dispose();
    clearInterval(this.pinger);
    for (const set of this.byAccount.values()) for (const c of set) c.socket.terminate();
    this.byAccount.clear();
  }

  private detach(client: Client): void {
    const set = this.byAccount.get(client.identity.accountId);
    set?.delete(client);
    if (set?.size === 0) this.byAccount.delete(client.identity.accountId);
  }

  private onEvent(event: MailboxEvent): void {
    switch (event.type) {
      case 'mailbox': {
        const clients = this.byAccount.get(event.accountId);
        if (clients === undefined) return;
        // Serialised once for all the account's devices.
        const frame = encode({ v: 1, type: 'state', state: String(event.state) });
        for (const c of clients) sendEncoded(c.socket, frame);
        return;
      }
      case 'session-revoked':
        for (const set of this.byAccount.values()) {
          for (const c of set) if (c.identity.sessionId === event.sessionId) c.socket.close(CLOSE_REVOKED, 'revoked');
        }
        return;
      case 'jobs':
      case 'station-revoked':
        return;
      default:
        assertNever(event);
    }
  }

  private ping(): void {
    for (const set of this.byAccount.values()) {
      for (const c of set) {
        if (!c.alive) {
          c.socket.terminate();
          continue;
        }
        c.alive = false;
        c.socket.ping();
      }
    }
  }
}

const encode = (frame: PushFrame): string => JSON.stringify(frame);

function send(socket: WebSocket, frame: PushFrame): void {
  sendEncoded(socket, encode(frame));
}

function sendEncoded(socket: WebSocket, text: string): void {
  if (socket.readyState === socket.OPEN) socket.send(text);
}
