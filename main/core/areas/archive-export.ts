/**
 * Exports the renderer pulls in slices (archive.exportBegin, exportChunk … done).
 *
 * The exporter writes into a stream whose buffer holds one write: it waits (the stream's
 * 'drain') until the renderer has pulled that text, so an export of a million messages holds
 * one batch in memory, not the file. It reads the archive in keyset batches between writes and
 * holds no read transaction while it waits.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Archive } from '../../archive/index';
import { exportMessages, type MessageFormat } from '../../archive/io/formats';
import { EXPORT_CHUNK_CHARS, type ExportChunk, type ExportStarted } from '../../contract';
import { CallError } from '../area';
import type { Disposable } from '../lifecycle';

export interface ExportSessionOptions {
  /** An export nobody pulls from for this long is dropped. */
  idleMs?: number;
  maxOpen?: number;
  /** Today, for the file name. */
  now?: () => number;
}

const IDLE_MS = 2 * 60_000;
const MAX_OPEN = 4;

const FILES: Record<MessageFormat, { extension: string; mimeType: string }> = {
  'sbr-xml': { extension: 'xml', mimeType: 'application/xml' },
  csv: { extension: 'csv', mimeType: 'text/csv' },
  json: { extension: 'jsonl', mimeType: 'application/x-ndjson' },
};

/** A Writable whose every write waits for `take`: the exporter runs one slice ahead of the reader at most. */
class PulledText extends Writable {
  #text = '';
  #release: ((err?: Error | null) => void) | undefined;
  #wake: (() => void) | undefined;

  constructor() {
    // A high-water mark of one character: every write reports a full buffer, so the exporter waits for 'drain'.
    super({ decodeStrings: false, highWaterMark: 1 });
    // A cancel destroys the stream with an error; the exporter, waiting for 'drain', is told by
    // that error. This listener keeps the error from being "unhandled" for the process.
    this.on('error', () => undefined);
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    this.#text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.#release = callback;
    this.#signal();
  }

  get pending(): boolean {
    return this.#release !== undefined;
  }

  /** At most `max` characters of what was written, never half a surrogate pair; the writer goes on once all is taken. */
  take(max: number): string {
    let end = Math.min(max, this.#text.length);
    const last = this.#text.charCodeAt(end - 1);
    if (end < this.#text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const slice = this.#text.slice(0, end);
    this.#text = this.#text.slice(end);
    if (this.#text === '') {
      const release = this.#release;
      this.#release = undefined;
      release?.();
    }
    return slice;
  }

  /** Resolves at the next write, or when `signal` is called. */
  next(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  signal(): void {
    this.#signal();
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

class ExportSession {
  readonly id = randomUUID();
  readonly #out = new PulledText();
  #written = 0;
  #finished = false;
  #failure: unknown;
  #cancelled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #busy = false;

  constructor(
    archive: Archive,
    format: MessageFormat,
    readonly total: number,
    readonly idleMs: number,
    readonly onIdle: (session: ExportSession) => void,
  ) {
    // Never rejects: the outcome is kept for the next pull.
    void exportMessages(archive, format, this.#out, {
      onProgress: (written) => (this.#written = written),
    }).then(
      () => {
        this.#finished = true;
        this.#out.signal();
      },
      (err: unknown) => {
        this.#failure = err;
        this.#out.signal();
      },
    );
    this.#arm();
  }

  async chunk(): Promise<ExportChunk> {
    if (this.#busy) throw new CallError('bad-request', 'The previous slice of this export is still on its way; ask for one at a time.');
    this.#busy = true;
    this.#disarm();
    try {
      while (!this.#out.pending && !this.#finished && this.#failure === undefined) await this.#out.next();
      if (this.#cancelled) throw new CallError('not-found', 'That export was cancelled.');
      if (this.#failure !== undefined) {
        const reason = this.#failure instanceof Error ? this.#failure.message : String(this.#failure);
        throw new CallError('bad-request', `The export stopped: ${reason}`);
      }
      const data = this.#out.pending ? this.#out.take(EXPORT_CHUNK_CHARS) : '';
      const done = this.#finished && !this.#out.pending;
      return { data, written: this.#written, total: this.total, done };
    } finally {
      this.#busy = false;
      this.#arm();
    }
  }

  /**
   * Stops the exporter. Between calls it always waits for 'drain' (its reads of the archive are
   * synchronous), so the stream's error ends it at once.
   */
  cancel(): void {
    this.#disarm();
    this.#cancelled = true;
    if (!this.#finished) this.#out.destroy(new Error('The export was cancelled.'));
  }

  #arm(): void {
    this.#disarm();
    this.#timer = setTimeout(() => this.onIdle(this), this.idleMs);
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** The open exports of one core. Disposing it cancels them all. */
export class ExportSessions implements Disposable {
  readonly #archive: () => Archive;
  readonly #sessions = new Map<string, ExportSession>();
  readonly #idleMs: number;
  readonly #maxOpen: number;
  readonly #now: () => number;

  constructor(archive: () => Archive, options: ExportSessionOptions = {}) {
    this.#archive = archive;
    this.#idleMs = options.idleMs ?? IDLE_MS;
    this.#maxOpen = options.maxOpen ?? MAX_OPEN;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#sessions.size;
  }

  begin(format: MessageFormat): ExportStarted {
    const archive = this.#archive();
    if (this.#sessions.size >= this.#maxOpen) {
      throw new CallError('unavailable', `${this.#maxOpen} exports are running already; wait for one to finish.`);
    }
    const total = archive.db.prepare<[], number>(`SELECT count(*) FROM messages WHERE channel = 'sms'`).pluck().get() ?? 0;
    const session = new ExportSession(archive, format, total, this.#idleMs, (s) => this.#close(s));
    this.#sessions.set(session.id, session);
    const file = FILES[format];
    const day = new Date(this.#now()).toISOString().slice(0, 10);
    return { exportId: session.id, fileName: `smsdesk-${day}.${file.extension}`, mimeType: file.mimeType, total };
  }

  async chunk(exportId: string): Promise<ExportChunk> {
    const session = this.#must(exportId);
    try {
      const chunk = await session.chunk();
      if (chunk.done) this.#close(session);
      return chunk;
    } catch (err) {
      this.#close(session);
      throw err;
    }
  }

  cancel(exportId: string): void {
    this.#close(this.#must(exportId));
  }

  dispose(): void {
    for (const session of [...this.#sessions.values()]) this.#close(session);
  }

  #must(exportId: string): ExportSession {
    const session = this.#sessions.get(exportId);
    if (!session) throw new CallError('not-found', 'That export is over (finished, cancelled, or dropped after a long silence).');
    return session;
  }

  #close(session: ExportSession): void {
    this.#sessions.delete(session.id);
    session.cancel();
  }
}
