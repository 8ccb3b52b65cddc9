/**
 * Imports whose file arrives in chunks from the renderer (archive.importBegin … importEnd).
 *
 * Each import feeds a PassThrough to the same streaming importer `smsdesk import` runs on a
 * file, so the two read a file alike. The stream buffers about one chunk (on each of its
 * sides): a chunk call waits until the importer has taken what came before, which is the
 * backpressure the renderer needs; an import holds a few MB at most, whatever the file's size. The importer commits in batches (MessageSink): a cancelled or abandoned import keeps
 * the batches it committed and nothing of the one it was collecting.
 */
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Archive, ImportProgress, ImportReport } from '../../archive/index';
import { importMessages, messageFormatOf, type MessageFormat } from '../../archive/io/formats';
import {
  IMPORT_CHUNK_BYTES,
  type ImportBeginRequest,
  type ImportCancelled,
  type ImportChunkRequest,
  type ImportProgressView,
  type ImportStarted,
  type ImportSummary,
} from '../../contract';
import { CallError } from '../area';
import type { Disposable } from '../lifecycle';

export interface ImportSessionOptions {
  /** An import that hears nothing for this long is cancelled (the window closed, the page reloaded). */
  idleMs?: number;
  /** Imports open at once; more are refused (each holds a chunk of memory and an importer). */
  maxOpen?: number;
  log?: (message: string, err?: unknown) => void;
}

/** Long enough for a person to come back to a paused tab; short enough that a dead one frees its import. */
const IDLE_MS = 2 * 60_000;
const MAX_OPEN = 4;
/** Issues shown in a summary; the count of bad records is always whole. */
const MAX_ISSUES_SHOWN = 200;

/** Why an import's stream was ended early; the importer reports it, the session knows it was asked. */
class ImportCancelledError extends Error {
  override readonly name = 'ImportCancelledError';
}

class ImportSession {
  readonly id = randomUUID();
  readonly #stream = new PassThrough({ highWaterMark: IMPORT_CHUNK_BYTES });
  readonly #done: Promise<ImportReport>;
  /** Settles with the importer: rejects with its error, resolves (to undefined) when it finished. */
  readonly #stopped: Promise<void>;
  #failure: unknown;
  #finished = false;
  #cancelled = false;
  #progress: ImportProgress;
  #nextSeq = 0;
  #received = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #busy = false;

  constructor(
    archive: Archive,
    readonly fileName: string,
    readonly format: MessageFormat,
    readonly size: number,
    readonly idleMs: number,
    readonly onIdle: (session: ImportSession) => void,
  ) {
    this.#progress = { records: 0, imported: 0, duplicates: 0, bad: 0, bytesRead: 0, totalBytes: size };
    this.#done = importMessages(archive, format, this.#stream, { onProgress: (p) => (this.#progress = p) });
    this.#stopped = this.#done.then(
      () => {
        this.#finished = true;
      },
      (err: unknown) => {
        this.#failure = err;
        throw err;
      },
    );
    // The failure is handled where it is awaited; this keeps an unawaited one from crashing the process.
    this.#stopped.catch(() => undefined);
    this.#arm();
  }

  progress(): ImportProgressView {
    const { records, imported, duplicates, bad } = this.#progress;
    return { bytesReceived: this.#received, totalBytes: this.size, records, imported, duplicates, bad };
  }

  async chunk(seq: number, data: string): Promise<ImportProgressView> {
    return this.#call(async () => {
      this.#mustBeRunning();
      if (seq !== this.#nextSeq) {
        throw new CallError(
          'bad-request',
          seq < this.#nextSeq
            ? `Part ${seq + 1} of the file came twice; the import stopped so nothing is read twice.`
            : `Part ${this.#nextSeq + 1} of the file never came (part ${seq + 1} did); the import stopped so nothing is skipped.`,
        );
      }
      if (data.length % 4 !== 0) throw new CallError('bad-request', `Part ${seq + 1} of the file is not whole base64.`);
      const bytes = Buffer.from(data, 'base64');
      if (this.#received + bytes.length > this.size) {
        throw new CallError('bad-request', `The file is larger than the ${this.size} bytes announced.`);
      }
      this.#nextSeq++;
      this.#received += bytes.length;
      if (!this.#stream.write(bytes)) await this.#drained();
      this.#mustBeRunning();
      return this.progress();
    });
  }

  async end(): Promise<ImportSummary> {
    return this.#call(async () => {
      this.#mustBeRunning();
      if (this.#received !== this.size) {
        throw new CallError('bad-request', `Only ${this.#received} of the file's ${this.size} bytes came; the import is not complete.`);
      }
      this.#stream.end();
      const report = await this.#done.catch((err: unknown) => {
        throw stoppedError(err);
      });
      return summary(this.fileName, this.format, report);
    });
  }

  /** Ends the import where it is; resolves with what it had committed. */
  async cancel(): Promise<ImportCancelled> {
    this.#disarm();
    this.#cancelled = true;
    if (!this.#finished && this.#failure === undefined) this.#stream.destroy(new ImportCancelledError('The import was cancelled.'));
    await this.#stopped.catch(() => undefined);
    return { imported: this.#progress.imported, records: this.#progress.records };
  }

  /** Runs one call with the idle timer stopped: a call that waits on the importer is not idleness. */
  async #call<T>(run: () => Promise<T>): Promise<T> {
    if (this.#busy)
      throw new CallError('bad-request', 'The previous part of this file is still being read; send the parts one after another.');
    this.#busy = true;
    this.#disarm();
    try {
      return await run();
    } finally {
      this.#busy = false;
      this.#arm();
    }
  }

  #mustBeRunning(): void {
    if (this.#cancelled) throw new CallError('not-found', 'That import was cancelled.');
    if (this.#failure !== undefined) throw stoppedError(this.#failure);
  }

  /** Waits until the importer has read the stream's buffer, or has stopped. */
  async #drained(): Promise<void> {
    const abort = new AbortController();
    const drain = once(this.#stream, 'drain', { signal: abort.signal });
    drain.catch(() => undefined);
    try {
      await Promise.race([drain, this.#stopped]);
    } catch {
      // The importer stopped or the import was cancelled: the caller's next check says which.
    } finally {
      abort.abort();
    }
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

function stoppedError(err: unknown): CallError {
  if (err instanceof CallError) return err;
  return new CallError('bad-request', err instanceof Error ? err.message : String(err));
}

function summary(fileName: string, format: MessageFormat, report: ImportReport): ImportSummary {
  return {
    fileName,
    format,
    records: report.records,
    imported: report.imported,
    duplicates: report.duplicates,
    bad: report.bad,
    issues: report.issues
      .slice(0, MAX_ISSUES_SHOWN)
      .map((i) => ({ record: i.record, line: i.line, column: i.column ?? null, reason: i.reason })),
    skipped: Object.entries(report.skipped).map(([reason, count]) => ({ reason, count })),
  };
}

/** The open imports of one core. Disposing it cancels them all. */
export class ImportSessions implements Disposable {
  readonly #archive: () => Archive;
  readonly #sessions = new Map<string, ImportSession>();
  readonly #idleMs: number;
  readonly #maxOpen: number;
  readonly #log: (message: string, err?: unknown) => void;

  constructor(archive: () => Archive, options: ImportSessionOptions = {}) {
    this.#archive = archive;
    this.#idleMs = options.idleMs ?? IDLE_MS;
    this.#maxOpen = options.maxOpen ?? MAX_OPEN;
    this.#log = options.log ?? (() => undefined);
  }

  get size(): number {
    return this.#sessions.size;
  }

  begin({ fileName, size, format }: ImportBeginRequest): ImportStarted {
    const archive = this.#archive();
    const chosen = format ?? messageFormatOf(fileName);
    if (chosen === undefined) {
      throw new CallError(
        'bad-request',
        `SMSDesk cannot tell the format of "${fileName}" from its name (.xml, .csv, .json or .jsonl); choose the format.`,
      );
    }
    if (this.#sessions.size >= this.#maxOpen) {
      throw new CallError('unavailable', `${this.#maxOpen} imports are running already; wait for one to finish.`);
    }
    const session = new ImportSession(archive, fileName, chosen, size, this.#idleMs, (s) => {
      this.#log(`import of ${s.fileName} abandoned after ${Math.round(s.idleMs / 1000)} s without a word from the window`);
      void this.#close(s);
    });
    this.#sessions.set(session.id, session);
    return { importId: session.id, format: chosen, chunkBytes: IMPORT_CHUNK_BYTES };
  }

  async chunk({ importId, seq, data }: ImportChunkRequest): Promise<ImportProgressView> {
    const session = this.#must(importId);
    try {
      return await session.chunk(seq, data);
    } catch (err) {
      // A refused chunk ends the import: what came after it would be read out of order.
      await this.#close(session);
      throw err;
    }
  }

  async end(importId: string): Promise<ImportSummary> {
    const session = this.#must(importId);
    try {
      return await session.end();
    } finally {
      await this.#close(session);
    }
  }

  async cancel(importId: string): Promise<ImportCancelled> {
    return this.#close(this.#must(importId));
  }

  dispose(): void {
    for (const session of [...this.#sessions.values()]) void this.#close(session);
  }

  #must(importId: string): ImportSession {
    const session = this.#sessions.get(importId);
    if (!session) throw new CallError('not-found', 'That import is over (finished, cancelled, or stopped after a long silence).');
    return session;
  }

  #close(session: ImportSession): Promise<ImportCancelled> {
    this.#sessions.delete(session.id);
    return session.cancel();
  }
}
