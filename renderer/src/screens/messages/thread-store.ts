/**
 * One conversation's messages: pages of `messages.thread` newest first (shown oldest first),
 * older pages on demand, kept live from `message.changed`. A plain store (no React) so its
 * rules are unit-tested with a fake API.
 */
import type { ContractError, MessageView, SmsDeskApi } from '../../../../main/contract';

export interface ThreadState {
  readonly status: 'loading' | 'ready' | 'error';
  /** Oldest first. */
  readonly messages: readonly MessageView[];
  /** Cursor of the next older page, or null when the start of the thread is loaded. */
  readonly next: string | null;
  readonly loadingOlder: boolean;
  readonly error: ContractError | null;
  /** A message being looked for (a search hit): found, still looking, or not in the thread. */
  readonly target: { readonly id: string; readonly state: 'looking' | 'found' | 'missing'; readonly seq: number } | null;
}

export const FIRST_PAGE = 100;
export const OLDER_PAGE = 300;
/** Pages read while looking for one message (the archive serves at most 500 rows a page). */
export const FIND_PAGE = 500;

type Api = Pick<SmsDeskApi, 'call'>;

/** Where `m` goes in `list` (oldest first): after every message not newer than it. */
function insertAt(list: readonly MessageView[], m: MessageView): number {
  let i = list.length;
  while (i > 0 && list[i - 1]!.at > m.at) i--;
  return i;
}

export class ThreadStore {
  readonly conversationId: string;
  readonly #api: Api;
  #state: ThreadState = { status: 'loading', messages: [], next: null, loadingOlder: false, error: null, target: null };
  readonly #listeners = new Set<() => void>();
  /** Events that arrived before the first page; applied on top of it. */
  #early: MessageView[] = [];
  #older: Promise<boolean> | null = null;
  /** Bumped by start and stop: answers to an older generation are dropped. */
  #generation = 0;
  /** Numbers each find, so looking for the same message twice shows it twice. */
  #seq = 0;

  constructor(api: Api, conversationId: string) {
    this.#api = api;
    this.conversationId = conversationId;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ThreadState => this.#state;

  async start(): Promise<void> {
    const generation = ++this.#generation;
    this.#older = null;
    this.#set({ status: 'loading', error: null, loadingOlder: false });
    const r = await this.#api.call('messages.thread', { conversationId: this.conversationId, limit: FIRST_PAGE });
    if (generation !== this.#generation) return;
    if (!r.ok) {
      this.#set({ status: 'error', error: r.error });
      return;
    }
    let messages: readonly MessageView[] = [...r.value.items].reverse();
    const early = this.#early;
    this.#early = [];
    for (const m of early) messages = upsert(messages, m, r.value.next !== null);
    this.#set({ status: 'ready', messages, next: r.value.next, error: null });
  }

  /** Loads one older page; resolves false when there is none or it failed. */
  loadOlder(limit: number = OLDER_PAGE): Promise<boolean> {
    if (this.#older) return this.#older;
    const { status, next } = this.#state;
    if (status !== 'ready' || next === null) return Promise.resolve(false);
    this.#set({ loadingOlder: true });
    const generation = this.#generation;
    this.#older = (async () => {
      const r = await this.#api.call('messages.thread', { conversationId: this.conversationId, after: next, limit });
      if (generation !== this.#generation) return false;
      this.#older = null;
      if (!r.ok) {
        this.#set({ loadingOlder: false, error: r.error });
        return false;
      }
      const have = new Set(this.#state.messages.map((m) => m.id));
      const older = r.value.items.filter((m) => !have.has(m.id)).reverse();
      this.#set({ messages: [...older, ...this.#state.messages], next: r.value.next, loadingOlder: false, error: null });
      return true;
    })();
    return this.#older;
  }

  /** Loads older pages until message `id` is loaded; false when it is not in the thread. */
  async find(id: string): Promise<boolean> {
    const generation = this.#generation;
    const seq = ++this.#seq;
    this.#set({ target: { id, state: 'looking', seq } });
    while (generation === this.#generation && this.#state.target?.seq === seq) {
      if (this.#state.status === 'loading') {
        await new Promise<void>((resolve) => {
          const off = this.subscribe(() => {
            if (this.#state.status === 'loading') return;
            off();
            resolve();
          });
        });
        continue;
      }
      if (this.#state.messages.some((m) => m.id === id)) {
        this.#set({ target: { id, state: 'found', seq } });
        return true;
      }
      if (this.#state.status === 'error' || this.#state.next === null || !(await this.loadOlder(FIND_PAGE))) {
        if (this.#state.messages.some((m) => m.id === id)) continue;
        this.#set({ target: { id, state: 'missing', seq } });
        return false;
      }
    }
    return false;
  }

  /** A message of any conversation changed; this thread takes its own. */
  onMessage(m: MessageView): void {
    if (m.conversationId !== this.conversationId) return;
    if (this.#state.status === 'loading') {
      this.#early.push(m);
      return;
    }
    const messages = upsert(this.#state.messages, m, this.#state.next !== null);
    if (messages !== this.#state.messages) this.#set({ messages });
  }

  /** Puts a message the composer just queued in place (its event may come later). */
  added(m: MessageView): void {
    this.onMessage(m);
  }

  removed(id: string): void {
    const messages = this.#state.messages.filter((m) => m.id !== id);
    if (messages.length !== this.#state.messages.length) this.#set({ messages });
  }

  /** Drops every answer still on its way (the view went away); start() begins again. */
  stop(): void {
    this.#generation++;
    this.#older = null;
  }

  #set(patch: Partial<ThreadState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of [...this.#listeners]) l();
  }
}

/**
 * `list` with `m` replacing the message of the same id, or inserted in time order. A message
 * older than everything loaded while older pages remain is left for those pages.
 */
export function upsert(list: readonly MessageView[], m: MessageView, olderRemain: boolean): readonly MessageView[] {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.id === m.id) return list.with(i, m);
  }
  const first = list[0];
  if (olderRemain && first && m.at < first.at) return list;
  const i = insertAt(list, m);
  return [...list.slice(0, i), m, ...list.slice(i)];
}
