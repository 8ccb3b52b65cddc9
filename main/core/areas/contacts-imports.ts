/**
 * Contact files on their way in. The renderer reads a file and sends its text in chunks (the
 * web bridge takes at most 1 MiB a request); the core keeps them here until the last one
 * arrives, then hands the whole text to the archive's importer in one go, so the importer's
 * record and line numbers are those of the file. Bounded in size and number, and an import
 * the window abandoned (closed, reloaded) is dropped after a minute of silence.
 */
import { CONTACTS_IMPORT_MAX_BYTES, type ContactImportFormat } from '../../contract';
import { CallError } from '../area';
import type { Disposable } from '../lifecycle';

/** A person imports one file at a time; a few windows may each have one on its way. */
const MAX_OPEN = 4;
const IDLE_MS = 60_000;

export interface ReceivedImport {
  format: ContactImportFormat;
  chunks: string[];
}

interface Session extends ReceivedImport {
  length: number;
  timer: ReturnType<typeof setTimeout>;
}

export class ImportSessions implements Disposable {
  readonly #sessions = new Map<string, Session>();
  readonly #idleMs: number;
  #nextId = 1;

  constructor(options: { idleMs?: number } = {}) {
    this.#idleMs = options.idleMs ?? IDLE_MS;
  }

  start(format: ContactImportFormat, size: number): string {
    if (size > CONTACTS_IMPORT_MAX_BYTES) throw new CallError('bad-request', tooLarge());
    if (this.#sessions.size >= MAX_OPEN) {
      throw new CallError('unavailable', 'Other contact imports are still on their way; try again when they are done.');
    }
    const id = `import-${this.#nextId++}`;
    this.#sessions.set(id, { format, chunks: [], length: 0, timer: this.#expiry(id) });
    return id;
  }

  append(id: string, text: string): void {
    const session = this.#get(id);
    session.length += text.length;
    // Each UTF-16 unit is at least one byte of the file, so this bounds the file's size too.
    if (session.length > CONTACTS_IMPORT_MAX_BYTES) {
      this.#drop(id);
      throw new CallError('bad-request', tooLarge());
    }
    session.chunks.push(text);
    clearTimeout(session.timer);
    session.timer = this.#expiry(id);
  }

  /** The whole text received, and the session is gone. */
  take(id: string): ReceivedImport {
    const session = this.#get(id);
    this.#drop(id);
    return { format: session.format, chunks: session.chunks };
  }

  get open(): number {
    return this.#sessions.size;
  }

  dispose(): void {
    for (const id of [...this.#sessions.keys()]) this.#drop(id);
  }

  #get(id: string): Session {
    const session = this.#sessions.get(id);
    if (!session) throw new CallError('not-found', 'This import is no longer open (it waited too long); choose the file again.');
    return session;
  }

  #drop(id: string): void {
    const session = this.#sessions.get(id);
    if (!session) return;
    clearTimeout(session.timer);
    this.#sessions.delete(id);
  }

  #expiry(id: string): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.#drop(id), this.#idleMs);
    timer.unref?.();
    return timer;
  }
}

function tooLarge(): string {
  return `The file is larger than ${CONTACTS_IMPORT_MAX_BYTES / (1024 * 1024)} MB; split it into smaller files.`;
}
