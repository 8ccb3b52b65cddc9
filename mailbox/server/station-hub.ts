import type { WebSocket } from 'ws';
import { assertNever } from '../domain/assert';
import type { MailboxContext } from '../domain/context';
import type { Disposable, MailboxEvent } from '../domain/notifier';
import { claimJob, failExhaustedJobs, openJobs, releaseJobs, type JobRow } from '../domain/jobs';
import { failDeliveriesOf, receiveSms, reportDelivery, reportJobResult } from '../domain/station-work';
import { stationIsLive, touchStation, type StationIdentity } from '../domain/stations';
import { parseStationFrame, type ServerToStation, type StationToServerT } from '../protocol/station';
import { CLOSE_REVOKED } from './push-hub';

/** An offer not claimed within this time is made again (the station may have missed it). */
const REOFFER_AFTER_MS = 10_000;
/** Jobs looked at per pump; the rest wait for the next. */
const PUMP_BATCH = 200;

interface Connection {
  readonly socket: WebSocket;
  readonly identity: StationIdentity;
  /** Jobs this connection holds a lease on; released when it closes. */
  readonly claimed: Set<number>;
  /** Work on this connection's frames runs in order. */
  queue: Promise<void>;
}

export interface StationHubLog {
  error(err: unknown, what: string): void;
}

/**
 * The gateway stations connected to this process: offers them jobs, takes their claims,
 * results, delivery reports and received SMS. All state that matters is in the database, so
 * several processes can each hold some stations and a claim is still won exactly once.
 */
export class StationHub {
  private readonly connections = new Set<Connection>();
  private readonly offeredAt = new Map<number, number>();
  private readonly subscription: Disposable;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  /** Releases of closed connections still running; close() waits for them. */
  private readonly releases = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly ctx: MailboxContext,
    private readonly log: StationHubLog,
  ) {
    this.subscription = ctx.notifier.subscribe((event) => this.onEvent(event));
  }

  get connectedCount(): number {
    return this.connections.size;
  }

  attach(socket: WebSocket, identity: StationIdentity): void {
    const conn: Connection = { socket, identity, claimed: new Set(), queue: Promise.resolve() };
    this.connections.add(conn);
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      conn.queue = conn.queue
        .then(() => this.onFrame(conn, text))
        .catch((err: unknown) => {
          this.log.error(err, 'station frame');
          send(conn, { v: 1, type: 'error', code: 'internal', message: 'The server could not handle that frame.' });
        });
    });
    socket.on('close', () => {
      this.connections.delete(conn);
      // After the frames already queued: a result in flight must land before the release.
      const done = conn.queue
        .then(() => this.release(conn))
        .catch((err: unknown) => this.log.error(err, 'station release'))
        .finally(() => this.releases.delete(done));
      this.releases.add(done);
    });
    socket.on('error', () => socket.terminate());
    send(conn, { v: 1, type: 'welcome', stationId: identity.stationId, name: identity.name });
    void touchStation(this.ctx.db, identity.stationId, this.ctx.clock.now()).catch((err: unknown) => this.log.error(err, 'station touch'));
    this.pump();
  }

  /** Offers open jobs to connected stations; coalesces calls that arrive while one runs. */
  pump(): void {
    if (this.closed) return;
    if (this.pumping !== undefined) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pumpOnce()
      .catch((err: unknown) => this.log.error(err, 'station pump'))
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.pump();
        }
      });
  }

  /**
   * Housekeeping: gives up jobs nobody could send, drops stations revoked by an admin (who
   * may have used another process), and offers what is open.
   */
  async sweep(): Promise<void> {
    const now = this.ctx.clock.now();
    const events = await this.ctx.db.transaction(async (tx) =>
      failDeliveriesOf(tx, await failExhaustedJobs(tx, this.ctx.policy, now), now),
    );
    await this.ctx.notifier.publish(events);
    for (const conn of [...this.connections]) {
      if (!(await stationIsLive(this.ctx.db, conn.identity.stationId))) conn.socket.close(CLOSE_REVOKED, 'revoked');
    }
    for (const [jobId, at] of this.offeredAt) if (now - at > REOFFER_AFTER_MS) this.offeredAt.delete(jobId);
    this.pump();
  }

  /** Waits for any pump under way; used by close and by tests that want a quiet hub. */
  async idle(): Promise<void> {
    while (this.pumping !== undefined) await this.pumping;
    await Promise.all([...this.connections].map((c) => c.queue));
    await Promise.all([...this.releases]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscription.dispose();
    for (const conn of this.connections) conn.socket.terminate();
    // Let the sockets' close events queue their releases before waiting for them.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.idle();
    this.connections.clear();
  }

  private onEvent(event: MailboxEvent): void {
    switch (event.type) {
      case 'jobs':
        this.pump();
        return;
      case 'station-revoked':
        for (const c of this.connections) {
          if (c.identity.stationId === event.stationId) c.socket.close(CLOSE_REVOKED, 'revoked');
        }
        return;
      case 'mailbox':
      case 'session-revoked':
        return;
      default:
        assertNever(event);
    }
  }

  private async pumpOnce(): Promise<void> {
    if (this.connections.size === 0) return;
    const now = this.ctx.clock.now();
    const jobs = await openJobs(this.ctx.db, now, PUMP_BATCH);
    for (const job of jobs) {
      const offered = this.offeredAt.get(job.id);
      if (offered !== undefined && now - offered < REOFFER_AFTER_MS) continue;
      const takers = [...this.connections].filter((c) => mayTake(c.identity, job));
      if (takers.length === 0) continue;
      this.offeredAt.set(job.id, now);
      // Every eligible station hears the offer; the database decides who wins the claim.
      for (const conn of takers) {
        send(conn, { v: 1, type: 'offer', job: { id: job.id, kind: job.kind, to: job.to_number, text: job.body } });
      }
    }
  }

  private async onFrame(conn: Connection, text: string): Promise<void> {
    const { identity } = conn;
    if (!(await stationIsLive(this.ctx.db, identity.stationId))) {
      conn.socket.close(CLOSE_REVOKED, 'revoked');
      return;
    }
    const parsed = parseStationFrame(text);
    if (!parsed.ok) {
      send(conn, { v: 1, type: 'error', code: parsed.code, message: parsed.message });
      return;
    }
    await this.handle(conn, parsed.frame);
  }

  private async handle(conn: Connection, frame: StationToServerT): Promise<void> {
    const { identity } = conn;
    switch (frame.type) {
      case 'claim': {
        const outcome = await claimJob(
          this.ctx.db,
          this.ctx.policy,
          identity.stationId,
          identity.ownerAccountId === null,
          frame.jobId,
          this.ctx.clock.now(),
        );
        if (outcome.ok) {
          conn.claimed.add(frame.jobId);
          this.offeredAt.delete(frame.jobId);
          send(conn, { v: 1, type: 'lease', jobId: frame.jobId, leaseUntil: outcome.job.lease_until ?? 0 });
        } else {
          send(conn, { v: 1, type: 'taken', jobId: frame.jobId, reason: outcome.reason });
        }
        return;
      }
      case 'result': {
        const ok = await reportJobResult(
          this.ctx,
          identity,
          frame.jobId,
          frame.outcome === 'sent'
            ? { sent: true, ...(frame.reference !== undefined ? { reference: frame.reference } : {}) }
            : { sent: false, error: frame.error ?? 'the station could not send it' },
        );
        conn.claimed.delete(frame.jobId);
        send(conn, { v: 1, type: 'ack', of: 'result', ref: String(frame.jobId), ok });
        return;
      }
      case 'report': {
        const ok = await reportDelivery(this.ctx, identity, frame.jobId, frame.status);
        send(conn, { v: 1, type: 'ack', of: 'report', ref: String(frame.jobId), ok });
        return;
      }
      case 'received': {
        await receiveSms(this.ctx, identity, frame);
        // Acknowledged whether filed, duplicate or unrouted: the station may delete its copy.
        send(conn, { v: 1, type: 'ack', of: 'received', ref: frame.id, ok: true });
        return;
      }
      default:
        assertNever(frame);
    }
  }

  private async release(conn: Connection): Promise<void> {
    if (conn.claimed.size === 0) return;
    const released = await releaseJobs(this.ctx.db, conn.identity.stationId, conn.claimed, this.ctx.clock.now());
    for (const jobId of conn.claimed) this.offeredAt.delete(jobId);
    if (released > 0) await this.ctx.notifier.publish([{ type: 'jobs' }]);
  }
}

/** A user's own station sends only its owner's jobs; gateway stations send the rest. */
function mayTake(station: StationIdentity, job: JobRow): boolean {
  if (job.target_station_id !== null) return job.target_station_id === station.stationId;
  return station.ownerAccountId === null;
}

function send(conn: Connection, frame: ServerToStation): void {
  if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(frame));
}
