import { v7 as uuidv7 } from 'uuid';
import { SyncStore, type Message } from '../archive/index';
import { toDisposable, type Disposable } from '../core/lifecycle';
import { isStationError, type Station, type StationEvent } from '../station/index';
import type { BackoffOptions } from './backoff';
import { stationLinkPrefix } from './keys';
import { ReconnectingSocket, socketUrl } from './socket';
import { parseServerFrame, type ServerToStation } from './wire';

export interface StationLinkOptions {
  /** The mailbox server's base URL. */
  readonly url: string;
  /** The station token (a gateway's from `smsdesk mailbox station add`, an own station's from linking). */
  readonly token: string | (() => Promise<string | undefined>);
  readonly station: Station;
  /** Upload every SMS the station receives (default true): own stations file them in their owner's mailbox, gateways route replies to invitations. */
  readonly uploadReceived?: boolean;
  /** On the link's first start: upload SMS received from this time on (default: now). */
  readonly uploadFrom?: number;
  /** Jobs taken but not yet sent, at most (default 8): the rest are left for other stations. */
  readonly maxInFlight?: number;
  readonly backoff?: BackoffOptions;
  readonly heartbeatMs?: number;
  /** How often unfinished jobs and uploads are looked at again (default 30 s). */
  readonly reconcileMs?: number;
  /** A job still unfinished after this long is forgotten (default 3 days; the server gave up long before). */
  readonly keepJobsMs?: number;
  readonly now?: () => number;
}

export type StationLinkEvent =
  | { readonly kind: 'connected'; readonly stationId: number; readonly name: string }
  | { readonly kind: 'disconnected'; readonly retryInMs: number | null }
  /** The server refused the token (revoked, unlinked): the link stops. */
  | { readonly kind: 'refused' }
  | {
      readonly kind: 'job';
      readonly jobId: number;
      readonly state: 'accepted' | 'resumed' | 'result' | 'reported' | 'cancelled' | 'dropped';
      readonly uid: string;
      readonly detail?: string;
    }
  | { readonly kind: 'uploaded'; readonly uid: string }
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly text: string };

/** A job this station took: persisted from the lease until the server has its last word. */
interface JobEntry {
  readonly jobId: number;
  /** The uid of the station's outgoing message for it. */
  readonly uid: string;
  readonly kind: string;
  readonly to: string;
  readonly text: string;
  readonly acceptedAt: number;
  /** The outcome the server acknowledged (or, after a lost acknowledgement, is assumed to hold). */
  result?: 'sent' | 'failed';
  /** Results the server refused because the lease was gone; a few are retried with a new claim. */
  refusals?: number;
}

const UPLOAD_BATCH = 50;
const MAX_REFUSALS = 3;

/**
 * The station side of the station protocol (mailbox/protocol/station.ts): it connects with
 * a station token, claims SMS jobs while a modem is ready and there is room, puts each into
 * the station's own outbox, and reports the outcome and the network's status report as they
 * happen. Every SMS the station receives is uploaded. A job is written down (job id ↔ the
 * local message's uid) when its lease arrives, so a restart picks it up where it was: the
 * SMS is never queued twice, and its result still reaches the server.
 */
export class StationLink implements Disposable {
  readonly station: Station;
  readonly #options: StationLinkOptions;
  readonly #store: SyncStore;
  readonly #socket: ReconnectingSocket;
  readonly #listeners = new Set<(event: StationLinkEvent) => void>();
  readonly #now: () => number;
  readonly #jobs = new Map<number, JobEntry>();
  readonly #byUid = new Map<string, number>();
  // Per connection: leases held, claims asked, offers we claimed, frames awaiting their ack.
  readonly #leased = new Set<number>();
  readonly #claiming = new Set<number>();
  readonly #offers = new Map<number, { kind: string; to: string; text: string }>();
  readonly #resultSent = new Map<number, 'sent' | 'failed'>();
  readonly #reportSent = new Set<number>();
  readonly #uploading = new Map<string, number>();
  #uploadThrough = 0;
  #prefix: string | undefined;
  #stationSub: Disposable | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #connected = false;
  #stopped = false;

  constructor(options: StationLinkOptions) {
    this.station = options.station;
    this.#options = options;
    this.#store = new SyncStore(options.station.archive);
    this.#now = options.now ?? Date.now;
    const token = options.token;
    this.#socket = new ReconnectingSocket(
      {
        url: socketUrl(options.url, 'v1/station'),
        credential: typeof token === 'string' ? async () => token : token,
        ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
        ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      },
      {
        onText: (text) => this.#onText(text),
        onDown: ({ retryInMs }) => {
          const was = this.#connected;
          this.#disconnected();
          if (was || retryInMs === null) this.#emit({ kind: 'disconnected', retryInMs });
        },
        onRefused: () => {
          this.#disconnected();
          this.#emit({ kind: 'refused' });
        },
      },
    );
  }

  /** Connected and welcomed by the server. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Jobs taken and not finished with the server (for status views and tests); known once welcomed. */
  get openJobs(): number {
    return this.#jobs.size;
  }

  onEvent(listener: (event: StationLinkEvent) => void): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  start(): void {
    if (this.#stopped || this.#stationSub !== undefined) return;
    this.#stationSub = this.station.onEvent((event) => this.#onStationEvent(event));
    this.#timer = setInterval(() => this.#reconcileAll(), this.#options.reconcileMs ?? 30_000);
    this.#socket.start();
  }

  /** Disconnects (the server hands unfinished leases to other stations); what is written down stays. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stationSub?.dispose();
    this.#stationSub = undefined;
    await this.#socket.stop();
    this.#disconnected();
    this.#listeners.clear();
  }

  dispose(): void {
    void this.stop();
  }

  // ---- frames --------------------------------------------------------------------

  #onText(text: string): void {
    const frame = parseServerFrame(text);
    if (frame === undefined) {
      this.#log('warn', 'The mailbox sent a frame this station does not understand; ignored.');
      return;
    }
    try {
      this.#onFrame(frame);
    } catch (error) {
      this.#log('error', `A frame from the mailbox could not be handled: ${(error as Error).message}`);
    }
  }

  #onFrame(frame: ServerToStation): void {
    switch (frame.type) {
      case 'welcome':
        this.#welcome(frame.stationId, frame.name);
        return;
      case 'offer':
        this.#offer(frame.job);
        return;
      case 'lease':
        this.#lease(frame.jobId);
        return;
      case 'taken':
        this.#taken(frame.jobId, frame.reason);
        return;
      case 'ack':
        if (frame.of === 'result') this.#resultAcked(Number(frame.ref), frame.ok);
        else if (frame.of === 'report') this.#reportAcked(Number(frame.ref), frame.ok);
        else this.#uploadAcked(frame.ref);
        return;
      case 'error':
        this.#log('warn', `The mailbox refused a frame: ${frame.message} (${frame.code})`);
        return;
    }
  }

  #welcome(stationId: number, name: string): void {
    const prefix = stationLinkPrefix(this.#options.url, stationId);
    this.#prefix = prefix;
    this.#resetConnection();
    this.#jobs.clear();
    this.#byUid.clear();
    const now = this.#now();
    const keep = this.#options.keepJobsMs ?? 3 * 24 * 3_600_000;
    for (const { key, value } of this.#store.entries(`${prefix}job.`)) {
      const entry = parseEntry(value);
      if (entry === undefined || now - entry.acceptedAt > keep) {
        this.station.archive.settings.set(key, null);
        continue;
      }
      this.#jobs.set(entry.jobId, entry);
      this.#byUid.set(entry.uid, entry.jobId);
    }
    const settings = this.station.archive.settings;
    if (settings.get(`${prefix}upload-after`) === undefined) {
      settings.set(`${prefix}upload-after`, String(this.#store.lastEventBefore(this.#options.uploadFrom ?? now)));
    }
    this.#connected = true;
    this.#emit({ kind: 'connected', stationId, name });
    this.#reconcileAll();
  }

  #offer(job: { id: number; kind: string; to: string; text: string }): void {
    // A job of ours offered again (after a restart, or a lease that ran out): take it back.
    if (this.#jobs.has(job.id)) {
      this.#claim(job.id);
      return;
    }
    if (!this.#canAccept()) return;
    this.#offers.set(job.id, { kind: job.kind, to: job.to, text: job.text });
    this.#claim(job.id);
  }

  #lease(jobId: number): void {
    this.#claiming.delete(jobId);
    this.#leased.add(jobId);
    let entry = this.#jobs.get(jobId);
    if (entry === undefined) {
      const offer = this.#offers.get(jobId);
      this.#offers.delete(jobId);
      if (offer === undefined) return;
      entry = { jobId, uid: uuidv7(), kind: offer.kind, to: offer.to, text: offer.text, acceptedAt: this.#now() };
      // Written down before the SMS is queued: after a crash in between, the lease comes back
      // to a job we know, and its SMS is queued then, under the same uid.
      this.#save(entry);
      this.#emit({ kind: 'job', jobId, state: 'accepted', uid: entry.uid });
    } else {
      this.#emit({ kind: 'job', jobId, state: 'resumed', uid: entry.uid });
    }
    this.#reconcile(entry);
  }

  #taken(jobId: number, reason: string): void {
    this.#claiming.delete(jobId);
    this.#offers.delete(jobId);
    const entry = this.#jobs.get(jobId);
    // A second claim of a lease we hold is answered "taken": nothing to do.
    if (entry === undefined || this.#leased.has(jobId) || entry.result !== undefined) return;
    const message = this.station.archive.messages.getByUid(entry.uid);
    if (message === undefined) {
      this.#drop(entry, `another station has it (${reason})`);
      return;
    }
    if (message.status === 'queued' && this.station.archive.outbox.cancel(message.id)) {
      this.#emit({ kind: 'job', jobId, state: 'cancelled', uid: entry.uid, detail: `another station has it (${reason})` });
      this.#drop(entry, 'cancelled here');
      return;
    }
    if (outcomeOf(message) === 'failed') {
      this.#drop(entry, `failed here; the mailbox says ${reason}`);
      return;
    }
    // It left, or is leaving, through this modem. Our result may have landed before the link
    // broke; the status report will tell (the server refuses it if the job is not ours).
    entry.result = 'sent';
    this.#save(entry);
    this.#reconcile(entry);
  }

  #resultAcked(jobId: number, ok: boolean): void {
    const outcome = this.#resultSent.get(jobId);
    this.#resultSent.delete(jobId);
    this.#leased.delete(jobId);
    const entry = this.#jobs.get(jobId);
    if (entry === undefined || outcome === undefined) return;
    if (!ok) {
      // The lease was gone (it ran out, or the link broke): claim it again and repeat the result.
      entry.refusals = (entry.refusals ?? 0) + 1;
      if (entry.refusals > MAX_REFUSALS) {
        this.#drop(entry, 'the mailbox refused its result');
        return;
      }
      this.#save(entry);
      this.#claim(jobId);
      return;
    }
    entry.result = outcome;
    this.#emit({ kind: 'job', jobId, state: 'result', uid: entry.uid, detail: outcome });
    if (outcome === 'failed') {
      this.#drop(entry);
      return;
    }
    this.#save(entry);
    this.#reconcile(entry);
  }

  #reportAcked(jobId: number, ok: boolean): void {
    this.#reportSent.delete(jobId);
    const entry = this.#jobs.get(jobId);
    if (entry === undefined) return;
    this.#emit({ kind: 'job', jobId, state: 'reported', uid: entry.uid, detail: ok ? 'accepted' : 'refused' });
    this.#drop(entry);
  }

  // ---- jobs ----------------------------------------------------------------------

  /** Takes the next step a job needs, from what the archive says about its message. */
  #reconcile(entry: JobEntry): void {
    if (!this.#connected) return;
    const { jobId } = entry;
    const archive = this.station.archive;
    const message = archive.messages.getByUid(entry.uid);
    if (entry.result === undefined) {
      // A result only counts from the lease holder.
      if (!this.#leased.has(jobId)) {
        this.#claim(jobId);
        return;
      }
      if (message === undefined) {
        this.#queueLocally(entry);
        return;
      }
      const outcome = outcomeOf(message);
      if (outcome !== undefined && !this.#resultSent.has(jobId)) this.#sendResult(entry, outcome, message.statusReason);
      return;
    }
    if (entry.result === 'sent') {
      if (message === undefined) {
        this.#drop(entry, 'its message is gone');
        return;
      }
      const report = reportOf(message);
      if (report !== undefined && !this.#reportSent.has(jobId)) {
        if (this.#send({ v: 1, type: 'report', jobId, status: report })) this.#reportSent.add(jobId);
      }
      return;
    }
    this.#drop(entry);
  }

  #reconcileAll(): void {
    if (!this.#connected) return;
    for (const entry of [...this.#jobs.values()]) this.#reconcile(entry);
    this.#scanUploads();
  }

  #queueLocally(entry: JobEntry): void {
    try {
      this.station.queue({ to: entry.to, text: entry.text, uid: entry.uid });
    } catch (error) {
      if (isStationError(error) && error.code === 'STATION_STOPPED') return;
      // This station can never send it (a number it cannot dial, a text it cannot encode).
      this.#sendResult(entry, 'failed', (error as Error).message);
    }
  }

  #sendResult(entry: JobEntry, outcome: 'sent' | 'failed', reason: string | null): void {
    const frame =
      outcome === 'sent'
        ? { v: 1, type: 'result', jobId: entry.jobId, outcome, reference: entry.uid }
        : { v: 1, type: 'result', jobId: entry.jobId, outcome, error: (reason ?? 'The station could not send it.').slice(0, 500) };
    if (this.#send(frame)) this.#resultSent.set(entry.jobId, outcome);
  }

  #claim(jobId: number): void {
    if (this.#claiming.has(jobId) || this.#leased.has(jobId)) return;
    if (this.#send({ v: 1, type: 'claim', jobId })) this.#claiming.add(jobId);
  }

  /** Room for one more job: a modem ready to send, and fewer unsent jobs than allowed. */
  #canAccept(): boolean {
    if (!this.station.modems.some((m) => m.state === 'ready')) return false;
    let unsent = this.#offers.size;
    for (const entry of this.#jobs.values()) if (entry.result === undefined) unsent++;
    return unsent < (this.#options.maxInFlight ?? 8);
  }

  #save(entry: JobEntry): void {
    if (this.#prefix === undefined) return;
    this.#jobs.set(entry.jobId, entry);
    this.#byUid.set(entry.uid, entry.jobId);
    this.station.archive.settings.set(`${this.#prefix}job.${entry.jobId}`, JSON.stringify(entry));
  }

  #drop(entry: JobEntry, detail?: string): void {
    this.#jobs.delete(entry.jobId);
    this.#byUid.delete(entry.uid);
    this.#leased.delete(entry.jobId);
    if (this.#prefix !== undefined) this.station.archive.settings.set(`${this.#prefix}job.${entry.jobId}`, null);
    if (detail !== undefined) this.#emit({ kind: 'job', jobId: entry.jobId, state: 'dropped', uid: entry.uid, detail });
  }

  #onStationEvent(event: StationEvent): void {
    if (!this.#connected) return;
    if (event.kind === 'message-status') {
      const jobId = this.#byUid.get(event.message.uid);
      const entry = jobId === undefined ? undefined : this.#jobs.get(jobId);
      if (entry !== undefined) this.#reconcile(entry);
    } else if (event.kind === 'message-received') {
      this.#scanUploads();
    }
  }

  // ---- uploads -------------------------------------------------------------------

  /**
   * Uploads the next batch of received SMS after the watermark. The watermark moves only when
   * the whole batch is acknowledged; after a reconnect the batch goes again, and the server
   * recognises repeats by their id (the message uid).
   */
  #scanUploads(): void {
    if (this.#options.uploadReceived === false || !this.#connected || this.#prefix === undefined) return;
    if (this.#uploading.size > 0) return;
    const after = Number(this.station.archive.settings.get(`${this.#prefix}upload-after`) ?? '0');
    const { items, through } = this.#store.receivedAfter(after, UPLOAD_BATCH);
    this.#uploadThrough = through;
    if (items.length === 0) {
      if (through > after) this.station.archive.settings.set(`${this.#prefix}upload-after`, String(through));
      return;
    }
    for (const item of items) {
      const sent = this.#send({
        v: 1,
        type: 'received',
        id: item.uid,
        from: item.peer.slice(0, 40),
        text: item.body.slice(0, 40_000),
        receivedAt: Math.max(0, item.receivedAt),
      });
      if (!sent) return;
      this.#uploading.set(item.uid, item.eventId);
    }
  }

  #uploadAcked(uid: string): void {
    if (!this.#uploading.delete(uid)) return;
    this.#emit({ kind: 'uploaded', uid });
    if (this.#uploading.size > 0 || this.#prefix === undefined) return;
    this.station.archive.settings.set(`${this.#prefix}upload-after`, String(this.#uploadThrough));
    this.#scanUploads();
  }

  // ---- plumbing ------------------------------------------------------------------

  #send(frame: object): boolean {
    return this.#connected && this.#socket.send(JSON.stringify(frame));
  }

  #disconnected(): void {
    this.#connected = false;
    this.#resetConnection();
  }

  #resetConnection(): void {
    this.#leased.clear();
    this.#claiming.clear();
    this.#offers.clear();
    this.#resultSent.clear();
    this.#reportSent.clear();
    this.#uploading.clear();
  }

  #log(level: 'info' | 'warn' | 'error', text: string): void {
    this.#emit({ kind: 'log', level, text });
  }

  #emit(event: StationLinkEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/** What the server hears about a job from its message's status; undefined while it is still on its way. */
function outcomeOf(message: Message): 'sent' | 'failed' | undefined {
  // Unconfirmed (the PDU may have left) counts as sent: that keeps anyone from resending it
  // blindly, and a status report that comes later still settles it.
  switch (message.status) {
    case 'sent':
    case 'delivered':
    case 'unconfirmed':
      return 'sent';
    case 'failed':
    case 'cancelled':
      return 'failed';
    default:
      return undefined;
  }
}

/** The network's status report for a message that went out, once there is one. */
function reportOf(message: Message): 'delivered' | 'failed' | undefined {
  return message.status === 'delivered' ? 'delivered' : message.status === 'failed' ? 'failed' : undefined;
}

function parseEntry(value: string): JobEntry | undefined {
  try {
    const e = JSON.parse(value) as Partial<JobEntry>;
    const ok =
      typeof e.jobId === 'number' &&
      typeof e.uid === 'string' &&
      typeof e.kind === 'string' &&
      typeof e.to === 'string' &&
      typeof e.text === 'string' &&
      typeof e.acceptedAt === 'number' &&
      (e.result === undefined || e.result === 'sent' || e.result === 'failed');
    return ok ? (e as JobEntry) : undefined;
  } catch {
    return undefined;
  }
}
