/**
 * The contact list's data: keyset pages of `contacts.list` for the current search words and
 * group, read again when `contacts.changed` says something changed. A plain store (no React)
 * so its rules are unit-tested with a fake API.
 */
import type { ContactView, ContractError, SmsDeskApi } from '../../../../main/contract';

export interface ContactsState {
  readonly status: 'loading' | 'ready' | 'error';
  /** In name order. */
  readonly items: readonly ContactView[];
  readonly next: string | null;
  readonly loadingMore: boolean;
  readonly error: ContractError | null;
}

export interface ContactFilter {
  readonly text: string;
  readonly groupId: string | null;
}

export const FIRST_PAGE = 100;
export const NEXT_PAGE = 200;
/** A refresh reads at most this many rows again; the rest load as the user scrolls. */
const MAX_REFRESH = 500;

type Api = Pick<SmsDeskApi, 'call'>;

export class ContactFeed {
  readonly #api: Api;
  #state: ContactsState = { status: 'loading', items: [], next: null, loadingMore: false, error: null };
  #filter: ContactFilter = { text: '', groupId: null };
  readonly #listeners = new Set<() => void>();
  // Every load bumps it; an answer for an older load (an earlier search word) is dropped.
  #generation = 0;

  constructor(api: Api) {
    this.#api = api;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ContactsState => this.#state;

  get filter(): ContactFilter {
    return this.#filter;
  }

  /** Shows the contacts that match `filter`, from the first page. */
  async setFilter(filter: ContactFilter): Promise<void> {
    this.#filter = filter;
    this.#set({ status: 'loading', items: [], next: null, loadingMore: false, error: null });
    await this.#load(FIRST_PAGE);
  }

  /** Reads the loaded rows again (after a change), keeping as many as were shown. */
  async refresh(): Promise<void> {
    await this.#load(Math.min(MAX_REFRESH, Math.max(FIRST_PAGE, this.#state.items.length)));
  }

  async loadMore(): Promise<void> {
    const { status, next, loadingMore } = this.#state;
    if (status !== 'ready' || next === null || loadingMore) return;
    const generation = this.#generation;
    this.#set({ loadingMore: true });
    const r = await this.#api.call('contacts.list', { ...this.#query(), after: next, limit: NEXT_PAGE });
    if (generation !== this.#generation) return;
    if (!r.ok) {
      this.#set({ loadingMore: false, error: r.error });
      return;
    }
    const have = new Set(this.#state.items.map((c) => c.id));
    const added = r.value.items.filter((c) => !have.has(c.id));
    this.#set({ items: [...this.#state.items, ...added], next: r.value.next, loadingMore: false, error: null });
  }

  async #load(limit: number): Promise<void> {
    const generation = ++this.#generation;
    const r = await this.#api.call('contacts.list', { ...this.#query(), limit });
    if (generation !== this.#generation) return;
    if (!r.ok) {
      this.#set({ status: 'error', loadingMore: false, error: r.error });
      return;
    }
    this.#set({ status: 'ready', items: r.value.items, next: r.value.next, loadingMore: false, error: null });
  }

  #query(): { text?: string; groupId?: string } {
    const text = this.#filter.text.trim();
    return { ...(text !== '' ? { text } : {}), ...(this.#filter.groupId !== null ? { groupId: this.#filter.groupId } : {}) };
  }

  #set(patch: Partial<ContactsState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }
}
