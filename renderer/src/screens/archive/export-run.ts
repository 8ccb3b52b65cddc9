/**
 * One export of the archive: pulled from the core in slices (archive.exportBegin, exportChunk
 * until done), joined into a Blob, and saved as a download through an object URL. The URL stays
 * for "Save again" until the next export or `clear`, and is revoked then.
 */
import type { ContractError, MessageFormat, SmsDeskApi } from '../../../../main/contract';

export type ExportState =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'running';
      readonly format: MessageFormat;
      readonly written: number;
      readonly total: number;
      readonly cancelling: boolean;
    }
  | { readonly phase: 'done'; readonly fileName: string; readonly url: string; readonly written: number; readonly bytes: number }
  | { readonly phase: 'cancelled' }
  | { readonly phase: 'failed'; readonly error: ContractError };

type Api = Pick<SmsDeskApi, 'call'>;

export interface ExportRunOptions {
  /** Offers the file to the user (ExportPanel clicks an <a download>). */
  save: (url: string, fileName: string) => void;
  createUrl?: (blob: Blob) => string;
  revokeUrl?: (url: string) => void;
}

export class ExportRun {
  readonly #api: Api;
  readonly #options: Required<ExportRunOptions>;
  #state: ExportState = { phase: 'idle' };
  readonly #listeners = new Set<() => void>();
  #cancel = false;

  constructor(api: Api, options: ExportRunOptions) {
    this.#api = api;
    this.#options = {
      createUrl: (blob) => URL.createObjectURL(blob),
      revokeUrl: (url) => URL.revokeObjectURL(url),
      ...options,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ExportState => this.#state;

  get running(): boolean {
    return this.#state.phase === 'running';
  }

  async start(format: MessageFormat): Promise<void> {
    if (this.running) return;
    this.clear();
    this.#cancel = false;
    this.#set({ phase: 'running', format, written: 0, total: 0, cancelling: false });
    const begun = await this.#api.call('archive.exportBegin', { format });
    if (!begun.ok) return this.#set({ phase: 'failed', error: begun.error });
    const { exportId, fileName, mimeType, total } = begun.value;
    this.#set({ phase: 'running', format, written: 0, total, cancelling: false });
    const parts: string[] = [];
    for (;;) {
      if (this.#cancel) {
        await this.#api.call('archive.exportCancel', { exportId });
        return this.#set({ phase: 'cancelled' });
      }
      const r = await this.#api.call('archive.exportChunk', { exportId });
      if (!r.ok) return this.#set(this.#cancel ? { phase: 'cancelled' } : { phase: 'failed', error: r.error });
      if (r.value.data !== '') parts.push(r.value.data);
      if (r.value.done) {
        const blob = new Blob(parts, { type: `${mimeType};charset=utf-8` });
        const url = this.#options.createUrl(blob);
        this.#set({ phase: 'done', fileName, url, written: r.value.written, bytes: blob.size });
        this.#options.save(url, fileName);
        return;
      }
      this.#set({ phase: 'running', format, written: r.value.written, total, cancelling: this.#cancel });
    }
  }

  cancel(): void {
    const s = this.#state;
    if (s.phase !== 'running' || s.cancelling) return;
    this.#cancel = true;
    this.#set({ ...s, cancelling: true });
  }

  /** Forgets the outcome and revokes the file's URL. */
  clear(): void {
    if (this.running) return;
    if (this.#state.phase === 'done') this.#options.revokeUrl(this.#state.url);
    this.#set({ phase: 'idle' });
  }

  #set(state: ExportState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}
