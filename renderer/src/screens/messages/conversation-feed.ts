/**
 * The conversation list's data: keyset pages of `conversations.list`, kept live from
 * `message.changed`. A plain store (no React) so its rules are unit-tested with a fake API.
 */
import type { ContractError, ConversationSummary, MessageDeleted, MessageView, SmsDeskApi } from '../../../../main/contract';

export interface ConversationsState {
  readonly status: 'loading' | 'ready' | 'error';
  /** Newest activity first. */
  readonly items: readonly ConversationSummary[];
  /** Cursor of the next (older) page, or null when every conversation is loaded. */
  readonly next: string | null;
  readonly loadingMore: boolean;
  readonly error: ContractError | null;
}

export const FIRST_PAGE = 100;
export const NEXT_PAGE = 200;
/** The newest conversations read again to reconcile after live changes (titles, exact unread counts). */
const TOP_PAGE = 20;
/** Message ids remembered so an event seen twice (replayed, or a status change) counts once. */
const SEEN_LIMIT = 10_000;

type Api = Pick<SmsDeskApi, 'call'>;

export class ConversationFeed {
  readonly #api: Api;
  readonly #refreshDelayMs: number;
  #state: ConversationsState = { status: 'loading', items: [], next: null, loadingMore: false, error: null };
  readonly #listeners = new Set<() => void>();
  readonly #seen = new Set<string>();
  #openId: string | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshWanted = false;
  #generation = 0;

  constructor(api: Api, options: { refreshDelayMs?: number } = {}) {
    this.#api = api;
    this.#refreshDelayMs = options.refreshDelayMs ?? 250;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ConversationsState => this.#state;

  /** Loads the first page (again). */
  async start(): Promise<void> {
    const generation = ++this.#generation;
    this.#set({ status: 'loading', error: null });
    const r = await this.#api.call('conversations.list', { limit: FIRST_PAGE });
    if (generation !== this.#generation) return;
    if (!r.ok) {
      this.#set({ status: 'error', error: r.error });
      return;
    }
    this.#set({ status: 'ready', items: this.#withOpenRead(r.value.items), next: r.value.next, error: null });
    if (this.#refreshWanted) this.#scheduleRefresh(0);
  }

  /** Loads the next page, if there is one and none is on its way. */
  async loadMore(): Promise<void> {
    const { status, next, loadingMore } = this.#state;
    if (status !== 'ready' || next === null || loadingMore) return;
    const generation = this.#generation;
    this.#set({ loadingMore: true });
    const r = await this.#api.call('conversations.list', { after: next, limit: NEXT_PAGE });
    if (generation !== this.#generation) return;
    if (!r.ok) {
      this.#set({ loadingMore: false, error: r.error });
      return;
    }
    const have = new Set(this.#state.items.map((c) => c.id));
    const added = this.#withOpenRead(r.value.items.filter((c) => !have.has(c.id)));
    this.#set({ items: [...this.#state.items, ...added], next: r.value.next, loadingMore: false, error: null });
  }

  /** The conversation open in the thread: its new messages are read as they arrive. */
  setOpen(id: string | null): void {
    this.#openId = id;
    if (id !== null) this.markedRead(id);
  }

  markedRead(id: string): void {
    const items = this.#state.items;
    const i = items.findIndex((c) => c.id === id);
    const c = items[i];
    if (!c || c.unread === 0) return;
    this.#set({ items: items.with(i, { ...c, unread: 0 }) });
  }

  /**
   * A message arrived, was queued or changed status. A new message moves its conversation to
   * the top with the message as snippet (and one more unread when it came in and the
   * conversation is not open); a status change leaves the order alone. A conversation not
   * loaded yet comes from re-reading the newest page.
   */
  onMessage(m: MessageView): void {
    const fresh = !this.#seen.has(m.id);
    this.#remember(m.id);
    if (this.#state.status !== 'ready') {
      this.#refreshWanted = true;
      return;
    }
    const items = this.#state.items;
    const i = items.findIndex((c) => c.id === m.conversationId);
    const c = items[i];
    if (!c) {
      this.#scheduleRefresh(0);
      return;
    }
    if (!fresh || m.at < c.lastMessageAt) return;
    const unread = m.direction === 'in' && !m.read && m.conversationId !== this.#openId ? 1 : 0;
    const moved: ConversationSummary = { ...c, snippet: m.body.slice(0, 200), lastMessageAt: m.at, unread: c.unread + unread };
    this.#set({ items: [moved, ...items.slice(0, i), ...items.slice(i + 1)] });
    this.#scheduleRefresh(this.#refreshDelayMs);
  }

  /**
   * A message was deleted (here or in another window): its conversation takes the core's new
   * summary (snippet, unread) in place, or leaves the list when its last message went. The
   * order is left to the next refresh, which reads it from the archive.
   */
  onDeleted(deleted: MessageDeleted): void {
    if (this.#state.status !== 'ready') {
      this.#refreshWanted = true;
      return;
    }
    const items = this.#state.items;
    const i = items.findIndex((c) => c.id === deleted.conversationId);
    if (i < 0) return;
    const next = deleted.conversation === null ? items.toSpliced(i, 1) : items.with(i, this.#withOpenRead([deleted.conversation])[0]!);
    this.#set({ items: next });
    this.#scheduleRefresh(this.#refreshDelayMs);
  }

  /** Drops every answer still on its way and the pending refresh; start() begins again. */
  stop(): void {
    clearTimeout(this.#refreshTimer);
    this.#generation++;
  }

  #remember(id: string): void {
    this.#seen.delete(id);
    this.#seen.add(id);
    if (this.#seen.size > SEEN_LIMIT) {
      const oldest = this.#seen.values().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
  }

  #withOpenRead(items: readonly ConversationSummary[]): ConversationSummary[] {
    return items.map((c) => (c.id === this.#openId && c.unread > 0 ? { ...c, unread: 0 } : c));
  }

  #scheduleRefresh(ms: number): void {
    this.#refreshWanted = false;
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.#refreshTop(), ms);
  }

  /** Reads the newest page and puts it on top: the archive's word on order, titles and unread counts. */
  async #refreshTop(): Promise<void> {
    const generation = this.#generation;
    const r = await this.#api.call('conversations.list', { limit: TOP_PAGE });
    if (generation !== this.#generation || !r.ok || this.#state.status !== 'ready') return;
    const top = this.#withOpenRead(r.value.items);
    const ids = new Set(top.map((c) => c.id));
    this.#set({ items: [...top, ...this.#state.items.filter((c) => !ids.has(c.id))] });
  }

  #set(patch: Partial<ConversationsState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of [...this.#listeners]) l();
  }
}
