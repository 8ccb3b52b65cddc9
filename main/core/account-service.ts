/**
 * The mailbox account inside the core: the server's address (a settings row of the archive),
 * this device's session (in the AccountTokenStore), two-way sync while signed in, and the
 * station link when this station is linked as the account's own. Sync's messages reach the
 * renderer as `message.changed`, in the same conversations as SMS; the account's state as
 * `account.changed`.
 */
import { hostname } from 'node:os';
import { ContactReach, type Archive, type Message } from '../archive/index';
import type { AccountNoticeRule, AccountStatus, AccountDevice, ContactInvitation } from '../contract';
import type { Station } from '../station/index';
import {
  MailboxClient,
  markConversationRead,
  StationLink,
  SyncEngine,
  type BackoffOptions,
  type Invitation,
  type StationLinkEvent,
  type StoredSession,
  type SyncEvent,
} from '../sync/index';
import { CallError } from './area';
import { codeOutcome, loginOutcome, remoteError, type CodeOutcomeName, type LoginOutcomeName } from './account-outcomes';
import { checkServerUrl } from './account-server-url';
import type { AccountTokenStore, StoredLink } from './account-tokens';
import type { EventHub } from './event-hub';
import { ContactsMatcher } from './account-contacts';
import { chooseRoute, RouteRefused, type Route, type RouteFacts } from './account-route';
import type { Disposable } from './lifecycle';
import { messageView } from './views';

/** The archive's settings row holding the server the person entered. */
export const SERVER_SETTING = 'account.server';

/** Shorter waits for tests; the defaults suit a desktop. */
export interface MailboxTimings {
  /** Retries of sync, the push socket and the station link. */
  readonly backoff?: BackoffOptions;
  /** Time allowed for one request. */
  readonly timeoutMs?: number;
  /** How often the station link looks at unfinished jobs again. */
  readonly reconcileMs?: number;
  /** How long a change of the phone book waits for more before it is matched again. */
  readonly contactsSettleMs?: number;
}

export interface AccountServiceOptions {
  readonly archive: Archive | undefined;
  readonly station: Station | undefined;
  readonly tokens: AccountTokenStore;
  readonly events: EventHub;
  readonly log: (message: string, err?: unknown) => void;
  readonly timings?: MailboxTimings;
}

export class AccountService {
  readonly #o: AccountServiceOptions;
  #client: MailboxClient | undefined;
  #engine: SyncEngine | undefined;
  #engineSub: Disposable | undefined;
  #number: string | undefined;
  #reason: string | null = null;
  #link: StationLink | undefined;
  #linkSub: Disposable | undefined;
  #linkInfo: StoredLink | undefined;
  #linkVerified: boolean | null = null;
  #linkRefused = false;
  #closed = false;
  /** The phone book matched with the mailbox; absent without an archive (no phone book). */
  readonly #contacts: ContactsMatcher | undefined;
  /** Sign-in, sign-out, link and unlink run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Resolves once a stored session and link are running again. */
  readonly ready: Promise<void>;

  constructor(options: AccountServiceOptions) {
    this.#o = options;
    this.#contacts =
      options.archive === undefined
        ? undefined
        : new ContactsMatcher({
            reach: new ContactReach(options.archive.db),
            events: options.events,
            account: () => {
              const engine = this.#engine;
              return this.#number === undefined || engine === undefined ? undefined : { number: this.#number, client: engine.client };
            },
            log: options.log,
            ...(options.timings?.contactsSettleMs !== undefined ? { settleMs: options.timings.contactsSettleMs } : {}),
          });
    this.#emit();
    this.ready = this.#serial(() => this.#resume()).catch((err: unknown) => options.log('the mailbox session did not resume', err));
  }

  status(): AccountStatus {
    const engine = this.#engine;
    const sync = engine === undefined || engine.status === 'idle' ? 'idle' : engine.status === 'online' ? 'online' : 'offline';
    const link = this.#linkInfo;
    return {
      server: this.#server() ?? null,
      state: this.#number === undefined ? 'signed-out' : sync === 'offline' ? 'offline' : 'signed-in',
      number: this.#number ?? null,
      reason: this.#reason,
      sync,
      pendingSends: engine?.pendingSends ?? 0,
      keepsSession: this.#o.tokens.persistent,
      canLink: this.#o.station !== undefined,
      link:
        link === undefined
          ? null
          : {
              stationId: link.stationId,
              name: link.name,
              connected: this.#link?.connected ?? false,
              verified: this.#linkVerified,
              refused: this.#linkRefused,
            },
    };
  }

  /** The status, after asking the server whether a waiting link has been verified meanwhile. */
  async freshStatus(): Promise<AccountStatus> {
    await this.ready;
    if (this.#linkInfo !== undefined && this.#linkVerified !== true && this.#number !== undefined) await this.#refreshVerified();
    return this.status();
  }

  setServer(typed: string): Promise<AccountStatus> {
    return this.#serial(async () => {
      const archive = this.#archive();
      if (this.#number !== undefined) throw new CallError('bad-request', 'Log out before changing the mailbox server.');
      const checked = checkServerUrl(typed);
      if (!checked.ok) throw new CallError('bad-request', checked.reason);
      archive.settings.set(SERVER_SETTING, checked.url);
      this.#client = undefined;
      this.#reason = null;
      this.#emit();
      return this.status();
    });
  }

  async requestCode(number: string): Promise<CodeOutcomeName> {
    this.#archive();
    const client = this.#clientFor();
    if (client === undefined) return 'no-server';
    try {
      await client.requestCode(number);
      return 'sent';
    } catch (err) {
      return codeOutcome(err);
    }
  }

  login(number: string, code: string, deviceName?: string): Promise<LoginOutcomeName> {
    return this.#serial(async () => {
      this.#archive();
      if (this.#number !== undefined) throw new CallError('bad-request', `Already logged in as ${this.#number}; log out first.`);
      const client = this.#clientFor();
      if (client === undefined) return 'no-server';
      let session: StoredSession;
      try {
        session = await client.login({ number, code }, deviceName ?? defaultDeviceName());
      } catch (err) {
        return loginOutcome(err, code);
      }
      this.#reason = null;
      this.#startSync(client, session.number);
      return 'signed-in';
    });
  }

  /** Unlinks this station (when linked), ends this device's session, and stops sync. */
  logout(): Promise<AccountStatus> {
    return this.#serial(async () => {
      const client = this.#clientFor();
      if (this.#linkInfo !== undefined && client !== undefined && !this.#linkRefused) {
        // Once logged out, nothing of this station should keep flowing into the account.
        await client.unlinkStation(this.#linkInfo.stationId).catch((err: unknown) => this.#o.log('unlinking at logout failed', err));
      }
      await this.#stopLink();
      await this.#o.tokens.clearLink();
      await this.#stopSync();
      if (client !== undefined) await client.logout().catch((err: unknown) => this.#o.log('logging out at the server failed', err));
      else await this.#o.tokens.clear();
      this.#number = undefined;
      this.#reason = null;
      this.#emit();
      this.#contacts?.signedOut(true);
      return this.status();
    });
  }

  async devices(): Promise<AccountDevice[]> {
    const list = await this.#remote((c) => c.devices());
    return list.map((d) => ({
      id: d.id,
      name: d.name,
      createdAt: new Date(d.createdAt).toISOString(),
      lastSeenAt: new Date(d.lastSeenAt).toISOString(),
      current: d.current,
    }));
  }

  async revokeDevice(id: number): Promise<AccountDevice[]> {
    const current = (await this.devices()).find((d) => d.current);
    if (current?.id === id) {
      await this.logout();
      return [];
    }
    await this.#remote((c) => c.revokeDevice(id));
    return this.devices();
  }

  /**
   * Links this station as the account's own. The server has a gateway text a link code to
   * the account's number; this station receives it on its SIM and the link uploads it, which
   * proves the SIM is here. Until then the station sends nothing for the account.
   */
  linkStation(name?: string): Promise<AccountStatus> {
    return this.#serial(async () => {
      const station = this.#o.station;
      if (station === undefined) throw new CallError('unavailable', 'This SMSDesk has no station to link.');
      const server = this.#server();
      if (server === undefined) throw new CallError('unavailable', 'Enter the mailbox server’s address first.');
      if (this.#linkInfo !== undefined && !this.#linkRefused) return this.status();
      const linked = await this.#remote((c) => c.linkStation(name ?? defaultDeviceName()));
      await this.#stopLink();
      const info: StoredLink = { token: linked.token, stationId: linked.station.id, name: linked.station.name, server };
      await this.#o.tokens.saveLink(info);
      this.#linkVerified = linked.station.verified;
      this.#startLink(info);
      this.#emit();
      return this.status();
    });
  }

  unlinkStation(): Promise<AccountStatus> {
    return this.#serial(async () => {
      const info = this.#linkInfo;
      if (info === undefined) return this.status();
      if (!this.#linkRefused) {
        try {
          await this.#remote((c) => c.unlinkStation(info.stationId));
        } catch (err) {
          // Already gone at the server: only the local half is left to forget.
          if (!(err instanceof CallError) || err.code !== 'not-found') throw err;
        }
      }
      await this.#stopLink();
      await this.#o.tokens.clearLink();
      this.#emit();
      return this.status();
    });
  }

  rules(): Promise<AccountNoticeRule[]> {
    return this.#remote((c) => c.notificationRules());
  }

  async addRule(rule: AccountNoticeRule): Promise<AccountNoticeRule[]> {
    const rules = await this.rules();
    if (rules.length >= 10) throw new CallError('bad-request', 'The mailbox keeps at most 10 notification rules.');
    const next = [...rules, rule];
    await this.#remote((c) => c.setNotificationRules(next));
    return this.rules();
  }

  async removeRule(index: number): Promise<AccountNoticeRule[]> {
    const rules = await this.rules();
    if (index >= rules.length) throw new CallError('not-found', 'That notification rule is no longer there.');
    await this.#remote((c) => c.setNotificationRules(rules.filter((_, i) => i !== index)));
    return this.rules();
  }

  // ---- contacts, invitations, sending -------------------------------------------------

  /**
   * Whether the mailbox reaches any of these numbers over the internet, as of the last match
   * of the phone book: true, false, or null when not known (never matched, or signed out).
   */
  reachable(addresses: readonly string[]): boolean | null {
    return this.#contacts?.reachable(addresses) ?? null;
  }

  async invite(number: string): Promise<ContactInvitation> {
    return invitationView(await this.#remote((c) => c.invite(number)));
  }

  async invitations(): Promise<ContactInvitation[]> {
    return (await this.#remote((c) => c.invitations())).map(invitationView);
  }

  /**
   * How a message to `peer` travels (account-route.ts), from what is known now: signed in or
   * not, what the last phone-book match said of the recipient. A refusal is a CallError.
   */
  route(facts: Omit<RouteFacts, 'signedIn' | 'registered'>): Route {
    const number = this.#number;
    const signedIn = number !== undefined && this.#engine !== undefined;
    const registered = signedIn ? this.#contacts?.registered(facts.peer) : undefined;
    try {
      return chooseRoute({ ...facts, signedIn, registered });
    } catch (err) {
      if (err instanceof RouteRefused) throw new CallError('bad-request', err.message);
      throw err;
    }
  }

  /** Writes a message into the mailbox's send queue (see SyncEngine.send); signed in only. */
  sendThroughMailbox(to: string, text: string, ownStation: boolean): Message {
    const engine = this.#engine;
    if (engine === undefined) throw new CallError('forbidden', 'Log in to the mailbox first.');
    try {
      return engine.send({ to, text, ...(ownStation ? { via: 'own-station' as const } : {}) });
    } catch (err) {
      throw remoteError(err);
    }
  }

  /**
   * Marks a conversation read and owes the senders of its mailbox messages a read receipt.
   * Signed out or offline, the receipts wait and go with the next pass of the same account.
   */
  markConversationRead(conversationId: number): number {
    if (this.#engine !== undefined) return this.#engine.markConversationRead(conversationId);
    return markConversationRead(this.#archive(), conversationId);
  }

  /** Stops sync and the link; the stored session stays for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#contacts?.dispose();
    await this.#stopSync();
    await this.#stopLink();
  }

  // ---- inside ----------------------------------------------------------------------

  async #resume(): Promise<void> {
    const server = this.#server();
    if (server === undefined || this.#o.archive === undefined || this.#closed) return;
    const client = this.#clientFor();
    const session = await this.#o.tokens.load();
    if (client !== undefined && session !== undefined) this.#startSync(client, session.number);
    const link = await this.#o.tokens.loadLink();
    // A link belongs to the server it was made on; another server's is of no use here.
    if (link !== undefined && link.server === server) this.#startLink(link);
    this.#emit();
  }

  #startSync(client: MailboxClient, number: string): void {
    const archive = this.#o.archive;
    if (this.#closed || archive === undefined) return;
    const t = this.#o.timings;
    const engine = new SyncEngine({
      archive,
      client,
      ...(t?.backoff !== undefined ? { backoff: t.backoff, push: { backoff: t.backoff } } : {}),
    });
    this.#engine = engine;
    this.#number = number;
    this.#engineSub = engine.onEvent((event) => this.#onSync(archive, event));
    this.#contacts?.signedIn();
    engine.start();
    this.#emit();
  }

  #onSync(archive: Archive, event: SyncEvent): void {
    switch (event.kind) {
      case 'message-added':
      case 'message-updated':
        this.#message(archive, event.message);
        return;
      case 'status':
        if (event.status === 'signed-out') {
          void this.#serial(() => this.#sessionEnded(event.reason ?? 'The mailbox ended this device’s session.'));
          return;
        }
        this.#reason = event.status === 'offline' ? (event.reason ?? null) : null;
        this.#emit();
        if (event.status === 'online') this.#contacts?.online();
        return;
      case 'state':
        this.#emit();
        return;
      case 'log':
        if (event.level !== 'info') this.#o.log(event.text);
        return;
    }
  }

  #message(archive: Archive, message: Message): void {
    this.#o.events.emit('message.changed', { message: messageView(archive, message) });
  }

  /** The server refused the session (revoked from another device, or expired). */
  async #sessionEnded(reason: string): Promise<void> {
    if (this.#engine === undefined) return;
    await this.#stopSync();
    this.#number = undefined;
    this.#reason = reason;
    this.#emit();
    // The badges go: nobody is signed in to ask.
    this.#contacts?.signedOut(false);
  }

  async #stopSync(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    this.#engineSub?.dispose();
    this.#engineSub = undefined;
    await engine?.stop();
  }

  #startLink(info: StoredLink): void {
    const station = this.#o.station;
    if (this.#closed || station === undefined) return;
    const t = this.#o.timings;
    const link = new StationLink({
      url: info.server,
      token: info.token,
      station,
      ...(t?.backoff !== undefined ? { backoff: t.backoff } : {}),
      ...(t?.reconcileMs !== undefined ? { reconcileMs: t.reconcileMs } : {}),
    });
    this.#link = link;
    this.#linkInfo = info;
    this.#linkRefused = false;
    this.#linkSub = link.onEvent((event) => this.#onLink(event));
    link.start();
  }

  #onLink(event: StationLinkEvent): void {
    switch (event.kind) {
      case 'connected':
      case 'disconnected':
        this.#emit();
        return;
      case 'refused':
        this.#linkRefused = true;
        this.#emit();
        return;
      case 'uploaded':
        // The link code may have been among the uploads: ask whether the server now trusts this station.
        if (this.#linkVerified !== true) void this.#refreshVerified();
        return;
      case 'job':
        return;
      case 'log':
        if (event.level !== 'info') this.#o.log(event.text);
        return;
    }
  }

  async #refreshVerified(): Promise<void> {
    const info = this.#linkInfo;
    const client = this.#clientFor();
    if (info === undefined || client === undefined) return;
    try {
      const mine = (await client.stations()).find((s) => s.id === info.stationId);
      const verified = mine?.verified ?? false;
      if (this.#linkInfo === info && verified !== this.#linkVerified) {
        this.#linkVerified = verified;
        this.#emit();
      }
    } catch {
      // Unknown for now; the next upload or status call asks again.
    }
  }

  async #stopLink(): Promise<void> {
    const link = this.#link;
    this.#link = undefined;
    this.#linkInfo = undefined;
    this.#linkVerified = null;
    this.#linkRefused = false;
    this.#linkSub?.dispose();
    this.#linkSub = undefined;
    await link?.stop();
  }

  /** A request that needs the session; its failure in words the person can act on. */
  async #remote<T>(work: (client: MailboxClient) => Promise<T>): Promise<T> {
    this.#archive();
    const client = this.#clientFor();
    if (client === undefined) throw new CallError('unavailable', 'Enter the mailbox server’s address first.');
    if (this.#number === undefined) throw new CallError('forbidden', 'Log in to the mailbox first.');
    try {
      return await work(client);
    } catch (err) {
      throw remoteError(err);
    }
  }

  #clientFor(): MailboxClient | undefined {
    const server = this.#server();
    if (server === undefined) return undefined;
    if (this.#client?.url !== server) {
      const timeoutMs = this.#o.timings?.timeoutMs;
      this.#client = new MailboxClient({ url: server, tokens: this.#o.tokens, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    }
    return this.#client;
  }

  #server(): string | undefined {
    return this.#o.archive?.settings.get(SERVER_SETTING);
  }

  #archive(): Archive {
    if (this.#o.archive === undefined)
      throw new CallError('unavailable', 'This SMSDesk runs without an archive, so it cannot use a mailbox.');
    return this.#o.archive;
  }

  #emit(): void {
    if (!this.#closed) this.#o.events.emit('account.changed', this.status());
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** How this SMSDesk shows in the account's device list unless the person names it. */
function defaultDeviceName(): string {
  let host = '';
  try {
    host = hostname();
  } catch {
    // Some sandboxes hide the host name; the plain name will do.
  }
  return (host ? `SMSDesk on ${host}` : 'SMSDesk').slice(0, 100);
}

function invitationView(i: Invitation): ContactInvitation {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    number: i.number,
    status: i.status,
    createdAt: iso(i.createdAt),
    expiresAt: iso(i.expiresAt),
    answeredAt: i.answeredAt === null ? null : iso(i.answeredAt),
  };
}
