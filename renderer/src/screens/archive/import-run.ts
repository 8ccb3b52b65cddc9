/**
 * One import of a picked file, streamed to the core in slices (archive.importBegin, Chunk, End).
 *
 * The next slice is read from the disk while the core takes the current one, so the file is
 * read once, a slice at a time, and never whole in memory. The run lives outside the screen
 * (ArchiveScreen keeps it in a module store): it goes on when the user looks at Messages.
 */
import type {
  ContractError,
  ImportCancelled,
  ImportProgressView,
  ImportSummary,
  MessageFormat,
  SmsDeskApi,
} from '../../../../main/contract';
import { bytesToBase64 } from './base64';

export type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly fileName: string; readonly progress: ImportProgressView; readonly cancelling: boolean }
  | { readonly phase: 'done'; readonly summary: ImportSummary }
  /** `kept` is what the core had committed, or null when it no longer knew the import. */
  | { readonly phase: 'cancelled'; readonly fileName: string; readonly kept: ImportCancelled | null }
  /** `error` is the core's refusal, or null when the file itself could not be read. */
  | { readonly phase: 'failed'; readonly fileName: string; readonly error: ContractError | null };

/** What the run needs of a File (tests pass a Blob with a name). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): Blob;
}

type Api = Pick<SmsDeskApi, 'call'>;

export class ImportRun {
  readonly #api: Api;
  #state: ImportState = { phase: 'idle' };
  readonly #listeners = new Set<() => void>();
  #cancel = false;

  constructor(api: Api) {
    this.#api = api;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ImportState => this.#state;

  get running(): boolean {
    return this.#state.phase === 'running';
  }

  /** Imports `file`; resolves when the import is over, whatever the outcome (the state says which). */
  async start(file: PickedFile, format?: MessageFormat): Promise<void> {
    if (this.running) return;
    this.#cancel = false;
    const fileName = file.name;
    const empty = { bytesReceived: 0, totalBytes: file.size, records: 0, imported: 0, duplicates: 0, bad: 0 };
    this.#set({ phase: 'running', fileName, progress: empty, cancelling: false });
    const begun = await this.#api.call('archive.importBegin', { fileName, size: file.size, ...(format ? { format } : {}) });
    if (!begun.ok) return this.#set({ phase: 'failed', fileName, error: begun.error });
    const { importId, chunkBytes } = begun.value;

    const read = (at: number): Promise<Uint8Array> =>
      file
        .slice(at, Math.min(at + chunkBytes, file.size))
        .arrayBuffer()
        .then((b) => new Uint8Array(b));
    let next = file.size > 0 ? read(0) : undefined;
    for (let seq = 0, at = 0; next; seq++) {
      let bytes: Uint8Array;
      try {
        bytes = await next;
      } catch {
        // The file changed or went away on the disk while it was read.
        await this.#api.call('archive.importCancel', { importId });
        return this.#set({ phase: 'failed', fileName, error: null });
      }
      if (this.#cancel) return this.#cancelled(fileName, importId);
      at += bytes.length;
      // Read the following slice while the core takes this one.
      next = at < file.size ? read(at) : undefined;
      next?.catch(() => undefined);
      const sent = await this.#api.call('archive.importChunk', { importId, seq, data: bytesToBase64(bytes) });
      if (this.#cancel) return this.#cancelled(fileName, importId);
      if (!sent.ok) return this.#set({ phase: 'failed', fileName, error: sent.error });
      this.#set({ phase: 'running', fileName, progress: sent.value, cancelling: false });
    }
    const ended = await this.#api.call('archive.importEnd', { importId });
    if (this.#cancel && !ended.ok) return this.#cancelled(fileName, importId);
    if (!ended.ok) return this.#set({ phase: 'failed', fileName, error: ended.error });
    this.#set({ phase: 'done', summary: ended.value });
  }

  /** Asks the running import to stop after the slice on its way; what the core committed stays. */
  cancel(): void {
    const s = this.#state;
    if (s.phase !== 'running' || s.cancelling) return;
    this.#cancel = true;
    this.#set({ ...s, cancelling: true });
  }

  /** Back to idle once the user has read the outcome. */
  clear(): void {
    if (!this.running) this.#set({ phase: 'idle' });
  }

  async #cancelled(fileName: string, importId: string): Promise<void> {
    const r = await this.#api.call('archive.importCancel', { importId });
    this.#set({ phase: 'cancelled', fileName, kept: r.ok ? r.value : null });
  }

  #set(state: ImportState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}
