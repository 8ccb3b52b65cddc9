/**
 * The phone book matched with the mailbox, for the AccountService: when to upload it, and
 * the answer kept in the archive (main/archive/contacts-reach.ts). The Contacts screen's
 * reachable badge and `via: 'auto'` read the answer.
 *
 * When: after every login or resumed session (at the first pass that reaches the server),
 * and a few seconds after the contacts change (an edit session or an import is one upload,
 * not one per keystroke). Besides that, every 6 hours: people register without anyone here
 * doing anything, and the server pushes no news of it; more often would re-upload up to
 * 2,000 numbers for an answer that rarely changes.
 */
import type { ContactReach } from '../archive/index';
import type { MailboxClient } from '../sync/index';
import { remoteError } from './account-outcomes';
import { CallError } from './area';
import type { EventHub } from './event-hub';
import type { Disposable } from './lifecycle';

export const REACH_REFRESH_MS = 6 * 60 * 60_000;
export const CONTACTS_SETTLE_MS = 3_000;

export interface ContactsMatcherOptions {
  readonly reach: ContactReach;
  readonly events: EventHub;
  /** The signed-in account and a client with its session; undefined while signed out. */
  readonly account: () => { readonly number: string; readonly client: MailboxClient } | undefined;
  readonly log: (message: string, err?: unknown) => void;
  /** How long a change of the phone book waits for more (default CONTACTS_SETTLE_MS). */
  readonly settleMs?: number;
}

export class ContactsMatcher implements Disposable {
  readonly #o: ContactsMatcherOptions;
  readonly #contactsSub: Disposable;
  /** The phone book is to be matched at the next pass that reaches the server. */
  #due = false;
  #run: Promise<void> | undefined;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  /** Set while this announces a new answer, so its own event starts no upload. */
  #announcing = false;
  #disposed = false;

  constructor(options: ContactsMatcherOptions) {
    this.#o = options;
    this.#contactsSub = options.events.subscribe('contacts.changed', () => {
      if (!this.#announcing) this.#contactsChanged();
    });
  }

  /** True if the account reaches any of these numbers, false if known and none, null if not known or signed out. */
  reachable(addresses: readonly string[]): boolean | null {
    const account = this.#o.account();
    return account === undefined ? null : this.#o.reach.anyRegistered(account.number, addresses);
  }

  /** What the last match said of one number; undefined: not known, or signed out. */
  registered(address: string): boolean | undefined {
    const account = this.#o.account();
    return account === undefined ? undefined : this.#o.reach.registered(account.number, address);
  }

  /** A session began (login or resumed): match at the first pass that reaches the server, then every 6 hours. */
  signedIn(): void {
    this.#due = true;
    this.#poll ??= setInterval(() => this.#soon(0), REACH_REFRESH_MS);
  }

  /** A pass reached the server: a match that is due (first, or failed before) runs now. */
  online(): void {
    if (this.#due) this.#soon(0);
  }

  /** The session ended: timers stop, the badges go (a logout also forgets the answer). */
  signedOut(forget: boolean): void {
    this.#stop();
    if (forget) this.#o.reach.clear();
    this.#announce();
  }

  /**
   * Uploads the phone book and keeps the server's answer; resolves when stored, or rejects
   * with a CallError in words. A call during an upload runs one more after it.
   */
  match(): Promise<void> {
    if (this.#run !== undefined) {
      this.#again = true;
      return this.#run;
    }
    const run = this.#upload().finally(() => {
      this.#run = undefined;
      if (this.#again) {
        this.#again = false;
        this.#soon(0);
      }
    });
    this.#run = run;
    return run;
  }

  dispose(): void {
    this.#disposed = true;
    this.#stop();
    this.#contactsSub.dispose();
  }

  #contactsChanged(): void {
    if (this.#o.account() === undefined) return;
    // Matched when the server is next reached, if it cannot be now.
    this.#due = true;
    this.#soon(this.#o.settleMs ?? CONTACTS_SETTLE_MS);
  }

  /** Matches after `delayMs`; a later request within the delay moves it. */
  #soon(delayMs: number): void {
    if (this.#disposed || this.#o.account() === undefined) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // Signed out while it waited: nothing to ask, nothing to say.
      if (this.#o.account() === undefined) return;
      this.match().catch((err: unknown) => {
        // Out of reach is the account status's news already; anything else is worth a log line.
        if (!(err instanceof CallError && err.code === 'unavailable')) this.#o.log('matching the contacts with the mailbox failed', err);
      });
    }, delayMs);
  }

  async #upload(): Promise<void> {
    const account = this.#o.account();
    if (account === undefined) throw new CallError('forbidden', 'Log in to the mailbox first.');
    const reach = this.#o.reach;
    this.#due = false;
    const numbers = reach.numbersToUpload();
    let registered: readonly string[];
    try {
      registered = (await account.client.uploadContacts(numbers)).registered;
    } catch (err) {
      // Offline or refused: due again, tried at the next pass that reaches the server.
      this.#due = true;
      throw remoteError(err);
    }
    // Signed out (or another account) meanwhile: this answer is no one's any more.
    if (this.#disposed || this.#o.account()?.number !== account.number) return;
    reach.record(account.number, numbers, new Set(registered), Date.now());
    this.#announce();
  }

  /** Tells the Contacts screen that reachability changed (it lists again). */
  #announce(): void {
    if (this.#disposed) return;
    this.#announcing = true;
    try {
      this.#o.events.emit('contacts.changed', { what: 'contacts' });
    } finally {
      this.#announcing = false;
    }
  }

  #stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#poll !== undefined) clearInterval(this.#poll);
    this.#poll = undefined;
  }
}
