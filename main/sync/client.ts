import type { TSchema, Static } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { Disposable } from '../core/lifecycle';
import { toDisposable } from '../core/lifecycle';
import type { BackoffOptions } from './backoff';
import { errorCodeOf, MailboxClientError } from './errors';
import { ReconnectingSocket, socketUrl } from './socket';
import type { StoredSession, TokenStore } from './token-store';
import {
  checks,
  parsePushFrame,
  type BatchResult,
  type ChangesPage,
  type ContactsResult,
  type Device,
  type Invitation,
  type LinkedStation,
  type MessageItemT,
  type NotificationRule,
  type OwnStation,
} from './wire';

export interface MailboxClientOptions {
  /** The server's base URL, e.g. `https://mailbox.example.org` (a path prefix is kept). */
  readonly url: string;
  /** Where the device session is kept between runs. */
  readonly tokens: TokenStore;
  /** Time allowed for one request (default 15 s); past it the server counts as unreachable. */
  readonly timeoutMs?: number;
  /** For tests: another fetch. */
  readonly fetch?: typeof fetch;
}

export type Credentials = { readonly number: string; readonly code: string } | { readonly number: string; readonly password: string };

export interface SendInput {
  /** The archive message's uid: sending the same uid again returns the message already made. */
  readonly clientId: string;
  readonly to: readonly string[];
  readonly text: string;
  /** `own-station`: a plain SMS from your own number through your linked station. */
  readonly via?: 'auto' | 'own-station';
}

export interface Receipt {
  readonly serverId: number;
  readonly status: 'delivered' | 'read';
}

export interface PushOptions {
  readonly backoff?: BackoffOptions;
  readonly heartbeatMs?: number;
}

/** What the push socket reports: a new state, or how the connection is. */
export type PushEvent =
  | { readonly kind: 'state'; readonly state: string }
  | { readonly kind: 'open' }
  | { readonly kind: 'down'; readonly retryInMs: number | null }
  | { readonly kind: 'signed-out' };

/** The push socket: `{type:'state'}` frames tell that the mailbox has a new state. */
export interface PushChannel extends Disposable {
  onEvent(listener: (event: PushEvent) => void): Disposable;
  readonly isOpen: boolean;
  close(): Promise<void>;
}

/**
 * The HTTP and push client of the mailbox server (mailbox/README.md, "Protocols"). It holds
 * no state of its own but the token store: every call is one request, every failure a
 * MailboxClientError with a stable code.
 */
export class MailboxClient {
  readonly url: string;
  readonly #tokens: TokenStore;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #signedOut = new Set<() => void>();

  constructor(options: MailboxClientOptions) {
    this.url = options.url.endsWith('/') ? options.url : `${options.url}/`;
    this.#tokens = options.tokens;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#fetch = options.fetch ?? fetch;
  }

  /** The stored session, if any (no request). */
  session(): Promise<StoredSession | undefined> {
    return this.#tokens.load();
  }

  /** Called when the server refused the stored session (revoked from another device, or expired). */
  onSignedOut(listener: () => void): Disposable {
    this.#signedOut.add(listener);
    return toDisposable(() => this.#signedOut.delete(listener));
  }

  /** Asks for a login code by SMS. The server answers the same whether or not the number is registered. */
  async requestCode(number: string): Promise<void> {
    await this.#get(checks.codeRequested, 'POST', 'v1/auth/code', { number }, false);
  }

  /** Logs in with number + code (or password), stores the new device session and returns it. */
  async login(credentials: Credentials, device: string): Promise<StoredSession> {
    const res = await this.#get(checks.login, 'POST', 'v1/auth/login', { ...credentials, device }, false);
    const session: StoredSession = { token: res.token, sessionId: res.sessionId, number: res.number };
    await this.#tokens.save(session);
    return session;
  }

  /**
   * Logs this device out: revokes its session on the server (when reachable) and forgets the
   * token either way.
   */
  async logout(): Promise<void> {
    const session = await this.#tokens.load();
    if (session === undefined) return;
    try {
      await this.revokeDevice(session.sessionId);
    } catch (error) {
      if (!(error instanceof MailboxClientError) || (!error.transient && !error.signedOut && error.code !== 'not-found')) throw error;
    } finally {
      await this.#tokens.clear();
    }
  }

  async devices(): Promise<Device[]> {
    return (await this.#get(checks.devices, 'GET', 'v1/devices')).devices;
  }

  /** Logs another device (or this one) out; its push socket closes at once. */
  async revokeDevice(id: number): Promise<void> {
    await this.#call('DELETE', `v1/devices/${encodeURIComponent(String(id))}`, undefined, true);
  }

  async setPassword(password: string): Promise<void> {
    await this.#call('PUT', 'v1/account/password', { password }, true);
  }

  /** Sends a message; idempotent by `clientId`. */
  async send(input: SendInput): Promise<MessageItemT> {
    return this.#get(checks.message, 'POST', 'v1/messages', sendBody(input));
  }

  /**
   * Sends up to LIMITS.batchMessages messages in one request (POST /v1/messages/batch), in
   * order; one answer per message, each idempotent by its clientId like a single send. A
   * refusal of one message is in its answer; a failure of the request throws, and sending the
   * same batch again makes nothing twice.
   */
  async sendBatch(inputs: readonly SendInput[]): Promise<BatchResult[]> {
    return (await this.#get(checks.batch, 'POST', 'v1/messages/batch', { messages: inputs.map(sendBody) })).results;
  }

  /** What changed since state `since` ('0' for everything), oldest first. */
  async changes(since: string, limit?: number): Promise<ChangesPage> {
    const query = new URLSearchParams({ since });
    if (limit !== undefined) query.set('limit', String(limit));
    return this.#get(checks.changes, 'GET', `v1/changes?${query.toString()}`);
  }

  /** Marks received messages delivered or read; returns how many moved. */
  async receipts(receipts: readonly Receipt[]): Promise<number> {
    return (await this.#get(checks.receipts, 'POST', 'v1/receipts', { receipts })).updated;
  }

  /** Links an own station: its token comes back once, for the station to use. */
  async linkStation(name: string): Promise<LinkedStation> {
    return this.#get(checks.linkStation, 'POST', 'v1/stations', { name });
  }

  async stations(): Promise<OwnStation[]> {
    return (await this.#get(checks.stations, 'GET', 'v1/stations')).stations;
  }

  async unlinkStation(id: number): Promise<void> {
    await this.#call('DELETE', `v1/stations/${encodeURIComponent(String(id))}`, undefined, true);
  }

  /** Replaces the phone book on the server (kept as keyed hashes); says which numbers are registered. */
  async uploadContacts(numbers: readonly string[]): Promise<ContactsResult> {
    return this.#get(checks.contacts, 'PUT', 'v1/contacts', { numbers });
  }

  /**
   * Invites a number that is not on the mailbox: a gateway texts them, and they answer yes or
   * no by SMS. Asking again while the first waits sends nothing and returns it; a registered
   * number is refused (`conflict`), as is one that declined.
   */
  async invite(number: string): Promise<Invitation> {
    return this.#get(checks.invitation, 'POST', 'v1/invitations', { number });
  }

  /** This account's invitations, newest first, with their answers. */
  async invitations(): Promise<Invitation[]> {
    return (await this.#get(checks.invitations, 'GET', 'v1/invitations')).invitations;
  }

  async notificationRules(): Promise<NotificationRule[]> {
    return (await this.#get(checks.notifications, 'GET', 'v1/notifications')).rules;
  }

  async setNotificationRules(rules: readonly NotificationRule[]): Promise<void> {
    await this.#call('PUT', 'v1/notifications', { rules }, true);
  }

  /**
   * Opens the push socket. It reconnects by itself until closed; a refused session ends it
   * with a `signed-out` event.
   */
  openPush(options: PushOptions = {}): PushChannel {
    const listeners = new Set<(event: PushEvent) => void>();
    const emit = (event: PushEvent): void => {
      for (const l of [...listeners]) l(event);
    };
    let sent: string | undefined;
    const socket = new ReconnectingSocket(
      {
        url: socketUrl(this.url, 'v1/push'),
        credential: async () => (sent = (await this.#tokens.load())?.token),
        ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
        ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      },
      {
        onOpen: () => emit({ kind: 'open' }),
        onText: (text) => {
          const frame = parsePushFrame(text);
          if (frame !== undefined) emit({ kind: 'state', state: frame.state });
        },
        onDown: ({ retryInMs }) => emit({ kind: 'down', retryInMs }),
        onRefused: () => {
          emit({ kind: 'signed-out' });
          void this.#refused(sent);
        },
      },
    );
    socket.start();
    return {
      onEvent(listener) {
        listeners.add(listener);
        return toDisposable(() => listeners.delete(listener));
      },
      get isOpen() {
        return socket.isOpen;
      },
      close: () => socket.stop(),
      dispose: () => socket.dispose(),
    };
  }

  /** A request whose answer must match `check`. */
  async #get<S extends TSchema>(check: TypeCheck<S>, method: string, path: string, body?: unknown, auth = true): Promise<Static<S>> {
    const { status, json } = await this.#call(method, path, body, auth);
    if (!check.Check(json)) {
      throw new MailboxClientError(
        'bad-response',
        `The mailbox server's answer to ${method} /${path.split('?')[0]} is not what this client expects.`,
        status,
      );
    }
    return json;
  }

  /** One request: the parsed answer of a 2xx, else a MailboxClientError. A 401 forgets the token sent. */
  async #call(method: string, path: string, body: unknown, auth: boolean): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let token: string | undefined;
    if (auth) {
      token = (await this.#tokens.load())?.token;
      if (token === undefined) throw new MailboxClientError('signed-out', 'Log in to the mailbox first.');
      headers['authorization'] = `Bearer ${token}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await this.#fetch(new URL(path, this.url), {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await res.text();
    } catch (error) {
      throw new MailboxClientError('offline', 'The mailbox server cannot be reached.', undefined, { cause: error });
    }
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch (error) {
      throw new MailboxClientError(
        'bad-response',
        `The mailbox server answered ${res.status} with something that is not JSON.`,
        res.status,
        {
          cause: error,
        },
      );
    }
    if (!res.ok) {
      const error =
        typeof json === 'object' && json !== null ? (json as { error?: { code?: unknown; message?: unknown } }).error : undefined;
      const code = errorCodeOf(res.status, error?.code);
      const message = typeof error?.message === 'string' ? error.message : `The mailbox server answered ${res.status}.`;
      if (code === 'unauthorized' && token !== undefined) await this.#refused(token);
      throw new MailboxClientError(code, message, res.status);
    }
    return { status: res.status, json };
  }

  /** The server refused the session: forget it (if it is still the one refused) and tell the listeners. */
  async #refused(token: string | undefined): Promise<void> {
    const current = await this.#tokens.load();
    if (current !== undefined && current.token === token) await this.#tokens.clear();
    for (const l of [...this.#signedOut]) l();
  }
}

function sendBody(input: SendInput): Record<string, unknown> {
  return { clientId: input.clientId, to: input.to, text: input.text, ...(input.via !== undefined ? { via: input.via } : {}) };
}
