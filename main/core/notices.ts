/**
 * What deserves a person's attention when a window may not be looking: new incoming
 * messages, as notices for the desktop's native notifications.
 *
 * A message is announced once, when it is whole (a long SMS arrives part by part, and each
 * part changes the message; a notice for "2 of 3 parts" would show half a sentence). A burst
 * (a phone that was off, a sync after a night offline) becomes one notice that counts them,
 * not a wall of pop-ups.
 */
import type { Archive } from '../archive/index';
import type { MessageView } from '../contract';
import type { EventHub } from './event-hub';
import { toDisposable, type Disposable } from './lifecycle';

export interface Notice {
  /** The conversation to open when the notice is clicked (the newest message's). */
  readonly conversationId: string;
  /** How many new messages this notice stands for. */
  readonly count: number;
  /** Who wrote: contact names or numbers, newest first, each once. */
  readonly from: readonly string[];
  /** The newest message's text, cut to a preview. */
  readonly preview: string;
}

export interface NoticeOptions {
  readonly archive: Archive;
  readonly events: EventHub;
  /** Messages arriving within this many ms of the first become one notice (default 1 s). */
  readonly coalesceMs?: number;
}

/** Enough to say what the message is about; the OS cuts the rest anyway. */
export const PREVIEW_LENGTH = 160;
/** Ids remembered as announced; a message changing status later is not new. */
const REMEMBERED = 5_000;

type Listener = (notice: Notice) => void;

export class IncomingNotices implements Disposable {
  readonly #options: NoticeOptions;
  readonly #listeners = new Set<Listener>();
  readonly #announced = new Set<string>();
  readonly #subscription: Disposable;
  #pending: MessageView[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: NoticeOptions) {
    this.#options = options;
    this.#subscription = options.events.subscribe('message.changed', ({ message }) => this.#seen(message));
  }

  /** Called with each notice; the returned disposable stops it. */
  onNotice(listener: Listener): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  #seen(message: MessageView): void {
    if (message.direction !== 'in' || message.read || message.status !== 'received') return;
    if (this.#announced.has(message.id)) return;
    this.#announced.add(message.id);
    if (this.#announced.size > REMEMBERED) {
      const oldest = this.#announced.values().next().value;
      if (oldest !== undefined) this.#announced.delete(oldest);
    }
    this.#pending.push(message);
    this.#timer ??= setTimeout(() => this.#flush(), this.#options.coalesceMs ?? 1_000);
  }

  #flush(): void {
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    const newest = batch[batch.length - 1];
    if (!newest || this.#listeners.size === 0) return;
    const from: string[] = [];
    for (const m of [...batch].reverse()) {
      const name = this.#options.archive.conversations.summary(m.conversationId)?.title ?? m.peer;
      if (!from.includes(name)) from.push(name);
    }
    // Cut by code points, so an emoji at the cut is dropped whole rather than split in half.
    const chars = [...newest.body];
    const preview = chars.length > PREVIEW_LENGTH ? `${chars.slice(0, PREVIEW_LENGTH - 1).join('')}…` : newest.body;
    const notice: Notice = { conversationId: newest.conversationId, count: batch.length, from, preview };
    for (const listener of [...this.#listeners]) listener(notice);
  }

  dispose(): void {
    this.#subscription.dispose();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
    this.#listeners.clear();
  }
}
