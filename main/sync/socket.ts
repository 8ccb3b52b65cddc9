import WebSocket from 'ws';
import type { Disposable } from '../core/lifecycle';
import { Backoff, type BackoffOptions } from './backoff';

/** The server closes a socket whose session or station was revoked with this code (mailbox/server/push-hub.ts). */
export const CLOSE_REVOKED = 4001;

export interface SocketHandlers {
  /** The connection is up (the server accepted the token). */
  onOpen?(): void;
  /** One text frame. */
  onText(text: string): void;
  /** The connection went down; `retryInMs` is when the next try starts (null: stopped). */
  onDown?(info: { readonly code: number; readonly reason: string; readonly retryInMs: number | null }): void;
  /**
   * The server refused the credential (HTTP 401 on the upgrade, or a close for revocation),
   * or there is none. The socket stops trying: only a new token helps.
   */
  onRefused?(info: { readonly status: number }): void;
}

export interface ReconnectingSocketOptions {
  /** ws:// or wss:// URL. */
  readonly url: string;
  /** The bearer token for the next connection; undefined means there is none (refused). */
  readonly credential: () => Promise<string | undefined>;
  readonly backoff?: BackoffOptions;
  /**
   * How often the client pings; a ping not answered by the next one ends the connection (a
   * laptop that slept, a NAT that forgot the flow). Default 30 s.
   */
  readonly heartbeatMs?: number;
  /** Time allowed for the opening handshake (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Largest frame accepted from the server (default 1 MiB). */
  readonly maxPayload?: number;
}

/**
 * A WebSocket that comes back: it reconnects with backoff after any loss until stopped or
 * refused. Built on `ws` (a direct dependency; the server side uses it too) because the
 * mailbox authenticates the upgrade with an `Authorization` header, which the WHATWG
 * WebSocket API (Node's global one included) cannot send.
 */
export class ReconnectingSocket implements Disposable {
  readonly #options: ReconnectingSocketOptions;
  readonly #handlers: SocketHandlers;
  readonly #backoff: Backoff;
  #socket: WebSocket | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #started = false;
  #stopped = false;
  #closed: Promise<void> = Promise.resolve();

  constructor(options: ReconnectingSocketOptions, handlers: SocketHandlers) {
    this.#options = options;
    this.#handlers = handlers;
    this.#backoff = new Backoff(options.backoff);
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Whether it is connected or trying to be (false once stopped or refused). */
  get isActive(): boolean {
    return this.#started && !this.#stopped;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#connect();
  }

  /** Sends a text frame; false when not connected (the caller resends after the next open). */
  send(text: string): boolean {
    const socket = this.#socket;
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(text);
    return true;
  }

  /** Closes the connection and stops reconnecting; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimers();
    const socket = this.#socket;
    if (socket !== undefined && socket.readyState !== WebSocket.CLOSED) {
      // A peer that does not answer the close handshake is cut off after a second.
      const force = setTimeout(() => socket.terminate(), 1_000);
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'stopped');
      await this.#closed;
      clearTimeout(force);
    }
  }

  dispose(): void {
    void this.stop();
  }

  async #connect(): Promise<void> {
    this.#retry = undefined;
    if (this.#stopped) return;
    let token: string | undefined;
    try {
      token = await this.#options.credential();
    } catch {
      token = undefined;
    }
    if (this.#stopped) return;
    if (token === undefined) {
      this.#refuse(401);
      return;
    }
    const socket = new WebSocket(this.#options.url, {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: this.#options.connectTimeoutMs ?? 10_000,
      maxPayload: this.#options.maxPayload ?? 1024 * 1024,
    });
    this.#socket = socket;
    let refusedWith: number | undefined;
    let alive = true;
    this.#closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        this.#clearHeartbeat();
        if (this.#socket === socket) this.#socket = undefined;
        resolve();
        this.#closedWith(refusedWith ?? (code === CLOSE_REVOKED ? 401 : undefined), code, reason.toString());
      });
    });
    socket.on('unexpected-response', (_request, response) => {
      // The upgrade was answered with a plain HTTP status; 401 means the token is no good.
      refusedWith = response.statusCode === 401 || response.statusCode === 403 ? response.statusCode : undefined;
      response.resume();
      socket.terminate();
    });
    // Errors always end in 'close', where the decision is made; without a listener ws throws.
    socket.on('error', () => undefined);
    socket.on('pong', () => {
      alive = true;
    });
    socket.on('open', () => {
      this.#backoff.reset();
      const every = this.#options.heartbeatMs ?? 30_000;
      this.#heartbeat = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, every);
      this.#handlers.onOpen?.();
    });
    socket.on('message', (data, isBinary) => {
      alive = true;
      if (!isBinary) this.#handlers.onText(data.toString());
    });
  }

  #closedWith(refusedStatus: number | undefined, code: number, reason: string): void {
    if (refusedStatus !== undefined && !this.#stopped) {
      this.#handlers.onDown?.({ code, reason, retryInMs: null });
      this.#refuse(refusedStatus);
      return;
    }
    if (this.#stopped) {
      this.#handlers.onDown?.({ code, reason, retryInMs: null });
      return;
    }
    const delay = this.#backoff.next();
    this.#retry = setTimeout(() => void this.#connect(), delay);
    this.#handlers.onDown?.({ code, reason, retryInMs: delay });
  }

  #refuse(status: number): void {
    this.#stopped = true;
    this.#clearTimers();
    this.#handlers.onRefused?.({ status });
  }

  #clearHeartbeat(): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  #clearTimers(): void {
    this.#clearHeartbeat();
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
  }
}

/** The WebSocket URL of a mailbox path: http → ws, https → wss. */
export function socketUrl(baseUrl: string, path: string): string {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
