import { SyncStore, type Archive, type Message } from '../archive/index';
import { toDisposable, type Disposable } from '../core/lifecycle';
import { applyPage, queueReceipt } from './apply';
import { Backoff, type BackoffOptions } from './backoff';
import type { MailboxClient, PushChannel, PushEvent, Receipt, SendInput } from './client';
import { errorCodeOf, isMailboxClientError, MailboxClientError } from './errors';
import { SYNC_KEYS } from './keys';
import { LIMITS, type MessageItemT } from './wire';

/** A message waiting in the send queue: its queue entry and the archive's row. */
interface QueuedSend {
  readonly key: string;
  readonly value: string;
  readonly message: Message;
}

export interface SyncEngineOptions {
  readonly archive: Archive;
  readonly client: MailboxClient;
  /** Items per `changes` page (default 200, at most 500). */
  readonly pageSize?: number;
  /** Delays between retries while the server cannot be reached (default 1 s … 60 s). */
  readonly backoff?: BackoffOptions;
  /** Passed to the push socket. */
  readonly push?: { readonly backoff?: BackoffOptions; readonly heartbeatMs?: number };
  /** A pull even without a push, in case pushes are lost on the way (default 5 min; 0: never). */
  readonly pollMs?: number;
  /** Clock for tests. */
  readonly now?: () => number;
}

export type SendVia = 'auto' | 'own-station';

export interface SyncSendRequest {
  /** A number as the user typed it; normalised with the archive's default country. */
  readonly to: string;
  readonly text: string;
  /** `own-station`: an SMS from the user's own number, through their linked station. */
  readonly via?: SendVia;
}

/** online: the last pass reached the server; offline: it did not (retrying); signed-out: log in again. */
export type SyncStatus = 'idle' | 'online' | 'offline' | 'signed-out';

export type SyncEvent =
  /** A message came from the mailbox (or was written here to be sent through it). */
  | { readonly kind: 'message-added'; readonly message: Message }
  /** A message changed: its status moved, it got its server id, or it was read on another device. */
  | { readonly kind: 'message-updated'; readonly message: Message }
  | { readonly kind: 'status'; readonly status: SyncStatus; readonly reason?: string }
  /** Every change up to this state is in the archive. */
  | { readonly kind: 'state'; readonly state: string }
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly text: string };

interface PendingSend {
  readonly via?: SendVia;
}

/**
 * Two-way sync between one archive and one mailbox account. Messages written here wait in a
 * durable queue (a settings row per message, written with the message) and go out, in order,
 * whenever the server can be reached, idempotently by their uid. Changes come in with
 * `changes since S`, woken by the push socket, and are applied in the same transaction that
 * saves the new S. Receipts (delivered, read) wait in a queue of their own. See README.md for
 * the rules.
 */
export class SyncEngine implements Disposable {
  readonly archive: Archive;
  readonly client: MailboxClient;
  readonly #store: SyncStore;
  readonly #options: SyncEngineOptions;
  readonly #backoff: Backoff;
  readonly #listeners = new Set<(event: SyncEvent) => void>();
  readonly #now: () => number;
  readonly #pageSize: number;
  #push: PushChannel | undefined;
  #pushSub: Disposable | undefined;
  #signedOutSub: Disposable | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #started = false;
  #stopped = false;
  #status: SyncStatus = 'idle';
  /** The largest state a push announced; a pass runs while the archive is behind it. */
  #announced = 0;

  constructor(options: SyncEngineOptions) {
    this.archive = options.archive;
    this.client = options.client;
    this.#options = options;
    this.#store = new SyncStore(options.archive);
    this.#backoff = new Backoff({ initialMs: 1_000, maxMs: 60_000, ...options.backoff });
    this.#now = options.now ?? Date.now;
    this.#pageSize = Math.min(LIMITS.pageSize, Math.max(1, options.pageSize ?? 200));
  }

  get status(): SyncStatus {
    return this.#status;
  }

  /** The mailbox state the archive has caught up with ('0' before the first pull). */
  get state(): string {
    return this.archive.settings.get(SYNC_KEYS.state) ?? '0';
  }

  /** Messages written here that the server has not accepted yet. */
  get pendingSends(): number {
    return this.#store.entries(SYNC_KEYS.sendPrefix).length;
  }

  onEvent(listener: (event: SyncEvent) => void): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  /**
   * Opens the push socket and syncs now. Call again after a new login (a refused session
   * stops the engine's traffic until then).
   */
  start(): void {
    if (this.#stopped) return;
    this.#started = true;
    this.#signedOutSub ??= this.client.onSignedOut(() => this.#signedOut('The mailbox ended this device’s session.'));
    if (this.#push === undefined) {
      const push = this.client.openPush(this.#options.push ?? {});
      this.#push = push;
      this.#pushSub = push.onEvent((event) => this.#onPush(event));
    }
    const pollMs = this.#options.pollMs ?? 5 * 60_000;
    if (this.#poll === undefined && pollMs > 0) this.#poll = setInterval(() => this.#kick(), pollMs);
    this.#kick();
  }

  /** Stops the push socket and timers; resolves once a pass under way has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimers();
    this.#signedOutSub?.dispose();
    this.#signedOutSub = undefined;
    await this.#closePush();
    await this.#running?.catch(() => undefined);
    this.#listeners.clear();
  }

  dispose(): void {
    void this.stop();
  }

  /**
   * Writes a message to be sent through the mailbox: it is in the archive (status `queued`,
   * channel `mailbox`, in the SMS thread with the recipient) and in the send queue once this
   * returns, and goes out as soon as the server can be reached.
   */
  send(request: SyncSendRequest): Message {
    const text = request.text;
    if (text.length === 0) throw new MailboxClientError('bad-request', 'An empty message cannot be sent.');
    if (text.length > LIMITS.textChars)
      throw new MailboxClientError('too-large', `A message holds at most ${LIMITS.textChars} characters.`);
    const archive = this.archive;
    const message = archive.db.transaction(() => {
      const peer = archive.addresses.normalise(request.to);
      const conversation = archive.conversations.ensure('sms', peer);
      const now = this.#now();
      const id = archive.messages.insertIntoConversation(conversation.id, {
        channel: 'mailbox',
        direction: 'out',
        peer,
        body: text,
        status: 'queued',
        read: true,
        createdAt: now,
        sortAt: now,
      });
      const made = id === undefined ? undefined : archive.messages.get(id);
      if (!made) throw new MailboxClientError('bad-request', 'The message could not be stored.');
      archive.events.record({
        kind: 'message-status',
        messageId: made.id,
        from: null,
        to: 'queued',
        detail: 'waiting for the mailbox',
        at: now,
      });
      const pending: PendingSend = request.via === 'own-station' ? { via: 'own-station' } : {};
      archive.settings.set(SYNC_KEYS.sendPrefix + made.uid, JSON.stringify(pending));
      return made;
    })();
    this.#emit({ kind: 'message-added', message });
    this.#kick();
    return message;
  }

  /** Marks an incoming message read here; the server (and so the sender and the other devices) learns it. */
  markRead(messageId: number): boolean {
    const changed = this.archive.db.transaction(() => {
      const message = this.archive.messages.get(messageId);
      if (!message || message.direction !== 'in') return false;
      const moved = this.archive.messages.setRead(messageId, true);
      if (message.serverId !== null) queueReceipt(this.archive, message.serverId, 'read');
      return moved;
    })();
    if (changed) this.#kick();
    return changed;
  }

  /** Marks every incoming message of a conversation read; returns how many changed. */
  markConversationRead(conversationId: number): number {
    const changed = markConversationRead(this.archive, conversationId, this.#store);
    if (changed > 0) this.#kick();
    return changed;
  }

  /**
   * One pass now (send, receipts, pull), after any pass under way; resolves when the archive
   * has caught up, rejects with the error that stopped it. Retries are scheduled either way.
   */
  async syncNow(): Promise<void> {
    while (this.#running !== undefined) await this.#running.catch(() => undefined);
    let failure: unknown;
    this.#running = this.#pass().catch((error: unknown) => {
      failure = error;
    });
    await this.#running;
    this.#running = undefined;
    if (this.#again) this.#kick();
    if (failure !== undefined) throw failure;
  }

  /** Runs a pass soon; passes never overlap, and a kick during one runs another after it. */
  #kick(): void {
    if (this.#stopped || !this.#started) return;
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    this.#again = false;
    this.#running = this.#pass()
      .catch(() => undefined)
      .finally(() => {
        this.#running = undefined;
        if (this.#again) this.#kick();
      });
  }

  async #pass(): Promise<void> {
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
    try {
      const session = await this.client.session();
      if (session === undefined) throw new MailboxClientError('signed-out', 'Log in to the mailbox first.');
      this.#forAccount(session.number);
      await this.#flushSends();
      await this.#flushReceipts();
      await this.#pull();
      this.#backoff.reset();
      this.#setStatus('online');
    } catch (error) {
      if (isMailboxClientError(error) && error.signedOut) {
        this.#signedOut(error.message);
      } else if (!this.#stopped) {
        const delay = this.#backoff.next();
        const words = error instanceof Error ? error.message : String(error);
        this.#setStatus('offline', words);
        if (!isMailboxClientError(error)) this.#emit({ kind: 'log', level: 'error', text: `Sync stopped: ${words}` });
        this.#retry = setTimeout(() => this.#kick(), delay);
      }
      throw error;
    }
  }

  /** A state belongs to one account: another number starts from the beginning. */
  #forAccount(number: string): void {
    const settings = this.archive.settings;
    if (settings.get(SYNC_KEYS.account) === number) return;
    this.archive.db.transaction(() => {
      settings.set(SYNC_KEYS.account, number);
      settings.set(SYNC_KEYS.state, '0');
      // Receipts are the old account's; sends written here go out from whoever is logged in.
      for (const { key } of this.#store.entries(SYNC_KEYS.receiptPrefix)) settings.set(key, null);
    })();
    this.#announced = 0;
  }

  /** Sends the queue in the order it was written (row ids; two uids of one millisecond need not sort in order). */
  async #flushSends(): Promise<void> {
    const queue: QueuedSend[] = [];
    for (const { key, value } of this.#store.entries(SYNC_KEYS.sendPrefix)) {
      const message = this.archive.messages.getByUid(key.slice(SYNC_KEYS.sendPrefix.length));
      if (!message || message.direction !== 'out' || message.serverId !== null || message.status !== 'queued') {
        // Deleted, accepted (the pull saw it first), or cancelled here: nothing to send.
        this.archive.settings.set(key, null);
        continue;
      }
      queue.push({ key, value, message });
    }
    queue.sort((a, b) => a.message.id - b.message.id);
    // One message goes as a single send; more (a queue kept while offline) go as batches, one
    // request per LIMITS.batchMessages instead of one each.
    for (let at = 0; at < queue.length; at += LIMITS.batchMessages) {
      if (this.#stopped) return;
      const chunk = queue.slice(at, at + LIMITS.batchMessages);
      if (chunk.length === 1) await this.#sendOne(chunk[0]!);
      else await this.#sendBatch(chunk);
    }
  }

  #input(q: QueuedSend): SendInput {
    const pending = parsePending(q.value);
    return {
      clientId: q.message.uid,
      to: [q.message.peer],
      text: q.message.body,
      ...(pending.via === 'own-station' ? { via: 'own-station' as const } : {}),
    };
  }

  async #sendOne(q: QueuedSend): Promise<void> {
    let item: MessageItemT;
    try {
      item = await this.client.send(this.#input(q));
    } catch (error) {
      // The server will never take it as it is (not a number, no own station, …): it fails here, in its words.
      if (isMailboxClientError(error) && !error.transient && !error.signedOut) return this.#refused(q, error.message);
      throw error;
    }
    this.#accepted(q, item);
  }

  /**
   * A batch's answers, each as its single send's would be: made (applied), refused for good
   * (failed, in the server's words), or refused for now (a cap: kept queued, and the pass ends
   * with that error so the engine backs off).
   */
  async #sendBatch(chunk: readonly QueuedSend[]): Promise<void> {
    const results = await this.client.sendBatch(chunk.map((q) => this.#input(q)));
    let later: MailboxClientError | undefined;
    for (const [i, q] of chunk.entries()) {
      const result = results[i];
      if (result?.clientId !== q.message.uid) throw new MailboxClientError('bad-response', 'The mailbox answered a batch out of order.');
      if (result.ok && result.message) {
        this.#accepted(q, result.message);
        continue;
      }
      const error = new MailboxClientError(errorCodeOf(0, result.error?.code), result.error?.message ?? 'The mailbox refused the message.');
      if (error.transient || error.signedOut) later ??= error;
      else this.#refused(q, error.message);
    }
    if (later) throw later;
  }

  #accepted(q: QueuedSend, item: MessageItemT): void {
    const applied = this.archive.db.transaction(() => {
      const change = applyPage({ archive: this.archive, store: this.#store, now: this.#now() }, [item]);
      this.archive.settings.set(q.key, null);
      return change;
    })();
    for (const a of applied) this.#emit({ kind: a.kind === 'added' ? 'message-added' : 'message-updated', message: a.message });
  }

  #refused(q: QueuedSend, reason: string): void {
    const failed = this.archive.db.transaction(() => {
      this.#store.advanceStatus(q.message.id, 'failed', { reason });
      this.archive.settings.set(q.key, null);
      return this.archive.messages.get(q.message.id);
    })();
    if (failed) this.#emit({ kind: 'message-updated', message: failed });
  }

  async #flushReceipts(): Promise<void> {
    for (;;) {
      const owed = this.#store.entries(SYNC_KEYS.receiptPrefix).slice(0, LIMITS.receiptsPerCall);
      if (owed.length === 0 || this.#stopped) return;
      const receipts: Receipt[] = [];
      const bad: string[] = [];
      for (const { key, value } of owed) {
        const serverId = Number(key.slice(SYNC_KEYS.receiptPrefix.length));
        if (Number.isSafeInteger(serverId) && serverId > 0 && (value === 'delivered' || value === 'read'))
          receipts.push({ serverId, status: value });
        else bad.push(key);
      }
      for (const key of bad) this.archive.settings.set(key, null);
      if (receipts.length > 0) {
        try {
          await this.client.receipts(receipts);
        } catch (error) {
          // Refused as it is: dropped, or it would block every receipt behind it.
          if (!isMailboxClientError(error) || error.transient || error.signedOut) throw error;
          this.#emit({ kind: 'log', level: 'warn', text: `The mailbox refused ${receipts.length} receipts: ${error.message}` });
        }
      }
      // Only what was sent, and only if it was not raised to "read" meanwhile.
      this.archive.db.transaction(() => {
        for (const { key, value } of owed) this.#store.deleteIf(key, value);
      })();
    }
  }

  async #pull(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      const since = this.state;
      const page = await this.client.changes(since, this.#pageSize);
      const applied = this.archive.db.transaction(() => {
        const change = applyPage({ archive: this.archive, store: this.#store, now: this.#now() }, page.items);
        // States only grow; a smaller one means the server started over, and its word stands.
        this.archive.settings.set(SYNC_KEYS.state, page.state);
        return change;
      })();
      for (const a of applied) this.#emit({ kind: a.kind === 'added' ? 'message-added' : 'message-updated', message: a.message });
      if (page.state !== since) this.#emit({ kind: 'state', state: page.state });
      // Receipts owed for what just arrived go out in this pass too.
      if (page.items.length > 0) await this.#flushReceipts();
      if (!page.more) return;
    }
  }

  #onPush(event: PushEvent): void {
    switch (event.kind) {
      case 'state': {
        const state = Number(event.state);
        // The greeting may race a fresh push: only the largest state counts.
        if (state > this.#announced) this.#announced = state;
        if (this.#announced > Number(this.state)) this.#kick();
        return;
      }
      case 'open':
        // Back after a loss: whatever waited goes out, whatever was missed comes in.
        this.#kick();
        return;
      case 'down':
        // The push socket noticed first: a pass finds out whether the server is really gone, so
        // the status says offline now rather than at the next send or poll.
        if (this.#status === 'online') this.#kick();
        return;
      case 'signed-out':
        this.#signedOut('The mailbox refused this device’s session.');
        return;
    }
  }

  #signedOut(reason: string): void {
    this.#clearTimers();
    void this.#closePush();
    this.#setStatus('signed-out', reason);
  }

  async #closePush(): Promise<void> {
    const push = this.#push;
    this.#push = undefined;
    this.#pushSub?.dispose();
    this.#pushSub = undefined;
    await push?.close();
  }

  #clearTimers(): void {
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
    if (this.#poll !== undefined) clearInterval(this.#poll);
    this.#poll = undefined;
  }

  #setStatus(status: SyncStatus, reason?: string): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#emit({ kind: 'status', status, ...(reason !== undefined ? { reason } : {}) });
  }

  #emit(event: SyncEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A broken subscriber must not stop sync or starve the others.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/**
 * Marks every incoming message of a conversation read and owes the server a `read` receipt
 * for each synced one, in one transaction; returns how many changed. Also used while no
 * engine runs (signed out, offline at start-up): the receipts wait in their queue and go
 * out with the next pass of the same account. A message already read owes nothing, so a
 * receipt is never owed twice.
 */
export function markConversationRead(archive: Archive, conversationId: number, store = new SyncStore(archive)): number {
  return archive.db.transaction(() => {
    for (const m of store.unreadSynced(conversationId)) queueReceipt(archive, m.serverId, 'read');
    return archive.conversations.markRead(conversationId);
  })();
}

function parsePending(value: string): PendingSend {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed === 'object' && parsed !== null && (parsed as { via?: unknown }).via === 'own-station') return { via: 'own-station' };
  } catch {
    // An unreadable row is sent the default way.
  }
  return {};
}
