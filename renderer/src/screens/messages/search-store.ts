/** Search across the archive (`search.messages`) as the user types: debounced, paged, stale answers dropped. */
import type { ContractError, SearchHit, SmsDeskApi } from '../../../../main/contract';

export interface SearchState {
  /** The text searched for (trimmed); '' when no search is active. */
  readonly text: string;
  readonly status: 'idle' | 'searching' | 'ready' | 'error';
  readonly items: readonly SearchHit[];
  readonly next: string | null;
  readonly loadingMore: boolean;
  readonly error: ContractError | null;
}

export const SEARCH_PAGE = 50;
/** The contract's limit on search text. */
export const MAX_SEARCH = 200;

type Api = Pick<SmsDeskApi, 'call'>;

export class SearchStore {
  readonly #api: Api;
  readonly #delayMs: number;
  #state: SearchState = { text: '', status: 'idle', items: [], next: null, loadingMore: false, error: null };
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  constructor(api: Api, options: { delayMs?: number } = {}) {
    this.#api = api;
    this.#delayMs = options.delayMs ?? 250;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): SearchState => this.#state;

  /** The search box changed: search after a pause in typing (at once with `now`). */
  setText(raw: string, now = false): void {
    const text = raw.trim().slice(0, MAX_SEARCH);
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    if (text === '') {
      this.#set({ text: '', status: 'idle', items: [], next: null, loadingMore: false, error: null });
      return;
    }
    if (text === this.#state.text && this.#state.status !== 'error' && !now) return;
    this.#set({ text, status: 'searching', error: null });
    this.#timer = setTimeout(() => void this.#run(text, generation), now ? 0 : this.#delayMs);
  }

  async loadMore(): Promise<void> {
    const { status, next, loadingMore, text } = this.#state;
    if (status !== 'ready' || next === null || loadingMore) return;
    const generation = this.#generation;
    this.#set({ loadingMore: true });
    const r = await this.#api.call('search.messages', { text, after: next, limit: SEARCH_PAGE });
    if (generation !== this.#generation) return;
    if (!r.ok) {
      this.#set({ loadingMore: false, error: r.error });
      return;
    }
    this.#set({ items: [...this.#state.items, ...r.value.items], next: r.value.next, loadingMore: false });
  }

  /** A message was deleted (in any window): its hit leaves the results; the page cursor stays valid. */
  removed(messageId: string): void {
    if (!this.#state.items.some((hit) => hit.messageId === messageId)) return;
    this.#set({ items: this.#state.items.filter((hit) => hit.messageId !== messageId) });
  }

  /** Drops the pending search and every answer on its way. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#generation++;
    if (this.#state.status === 'searching' || this.#state.loadingMore) this.#set({ status: 'idle', text: '', loadingMore: false });
  }

  async #run(text: string, generation: number): Promise<void> {
    const r = await this.#api.call('search.messages', { text, limit: SEARCH_PAGE });
    if (generation !== this.#generation) return;
    if (!r.ok) this.#set({ status: 'error', items: [], next: null, error: r.error });
    else this.#set({ status: 'ready', items: r.value.items, next: r.value.next, error: null });
  }

  #set(patch: Partial<SearchState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of [...this.#listeners]) l();
  }
}
