import WebSocket from 'ws';
import type { ServerToStation } from '../protocol/station';

export interface SentSms {
  readonly jobId: number;
  readonly kind: string;
  readonly to: string;
  readonly text: string;
}

export type JobBehaviour = 'send' | 'fail' | 'hold' | 'ignore';

/**
 * A gateway station as tests see one: a real WebSocket client speaking the station protocol.
 * By default it claims every offer and reports it sent; `behaviour` changes that. Frames are
 * recorded so tests can assert on them.
 */
export class TestStation {
  readonly frames: ServerToStation[] = [];
  readonly sent: SentSms[] = [];
  readonly held: SentSms[] = [];
  behaviour: JobBehaviour = 'send';
  private waiters: { match: (f: ServerToStation) => boolean; resolve: (f: ServerToStation) => void }[] = [];
  private offers = new Map<number, SentSms>();
  private consumed = new WeakSet<ServerToStation>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as ServerToStation));
  }

  /** Connects and waits for the welcome; rejects with the HTTP status when refused. */
  static async connect(baseUrl: string, token: string): Promise<TestStation> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/station`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const station = new TestStation(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      socket.once('error', reject);
      socket.once('open', () => resolve());
    });
    await station.next((f) => f.type === 'welcome');
    return station;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (already received or coming) that matches. */
  next(match: (f: ServerToStation) => boolean, timeoutMs = 10_000): Promise<ServerToStation> {
    const early = this.frames.find((f) => !this.consumed.has(f) && match(f));
    if (early !== undefined) {
      this.consumed.add(early);
      return Promise.resolve(early);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching station frame')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** The next SMS this station sends to `to` (resolved once it reported it sent). */
  async nextSms(to: string, kind?: string): Promise<SentSms> {
    const already = this.sent.find((s) => s.to === to && (kind === undefined || s.kind === kind));
    if (already !== undefined) {
      this.sent.splice(this.sent.indexOf(already), 1);
      return already;
    }
    const ack = await this.next((f) => {
      if (f.type !== 'ack' || f.of !== 'result') return false;
      const sms = this.sent.find((s) => String(s.jobId) === f.ref);
      return sms !== undefined && sms.to === to && (kind === undefined || sms.kind === kind);
    });
    const sms = this.sent.find((s) => ack.type === 'ack' && String(s.jobId) === ack.ref);
    if (sms === undefined) throw new Error('sms vanished');
    this.sent.splice(this.sent.indexOf(sms), 1);
    return sms;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  private onFrame(frame: ServerToStation): void {
    this.frames.push(frame);
    if (frame.type === 'offer' && this.behaviour !== 'ignore') {
      this.offers.set(frame.job.id, { jobId: frame.job.id, kind: frame.job.kind, to: frame.job.to, text: frame.job.text });
      this.send({ v: 1, type: 'claim', jobId: frame.job.id });
    }
    if (frame.type === 'lease') {
      const sms = this.offers.get(frame.jobId);
      if (sms !== undefined) {
        if (this.behaviour === 'hold') this.held.push(sms);
        else if (this.behaviour === 'fail') {
          this.send({ v: 1, type: 'result', jobId: frame.jobId, outcome: 'failed', error: 'SIM has no credit' });
        } else {
          this.sent.push(sms);
          this.send({ v: 1, type: 'result', jobId: frame.jobId, outcome: 'sent', reference: '17' });
        }
      }
    }
    for (const w of [...this.waiters]) {
      if (!this.consumed.has(frame) && w.match(frame)) {
        this.consumed.add(frame);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  }
}

/** Pulls the one-time code out of an SMS text. */
export function codeIn(text: string): string {
  const match = /\b(\d{6,10})\b/.exec(text);
  if (match?.[1] === undefined) throw new Error(`no code in: ${text}`);
  return match[1];
}
