import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventNames, fail, type Result } from '../contract';
import type { StationCore } from '../core';
import { DisposableStore, toDisposable } from '../core/lifecycle';
import { SESSION_COOKIE, WebAuth } from './auth';
import { loadStatic } from './static';

/** Same policy as the desktop app (main/electron/security.ts), sent as a header. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";
const MAX_BODY = 1024 * 1024;
const HEARTBEAT_MS = 25_000;

export interface WebBridgeOptions {
  core: StationCore;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed login token, for tests; a random one otherwise. */
  token?: string;
}

export interface WebBridge {
  /** Base URL, e.g. http://127.0.0.1:5123 */
  readonly url: string;
  /** URL that logs a browser in; print it, never log it anywhere shared. */
  readonly loginUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer over HTTP bridged to the real core with the same typed
 * contract as Electron IPC: POST /api/call/<name> and server-sent events on
 * /api/events. Every request needs the session cookie bought with the login token.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const { core, rendererDir } = options;
  const host = options.host ?? '127.0.0.1';
  const auth = new WebAuth(options.token);
  /** Open event streams, each with what ends it; an entry leaves when its stream closes. */
  const streams = new Map<ServerResponse, () => void>();
  let origin = '';

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[smsdesk web] request failed', err);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    // Refuse foreign Host headers so a web page elsewhere cannot reach us by DNS rebinding.
    if (!hostAllowed(req.headers.host, host, port())) return send(res, 421, 'text/plain; charset=utf-8', 'Wrong host');

    const token = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && token !== null) {
      const session = auth.login(token);
      if (!session) return send(res, 401, 'text/plain; charset=utf-8', 'That login link is not valid for this SMSDesk.');
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    if (!auth.isSession(req.headers.cookie)) {
      return send(res, 401, 'text/plain; charset=utf-8', 'Open the link that "smsdesk web" printed; it carries the login token.');
    }

    if (url.pathname.startsWith('/api/call/')) return handleCall(req, res, decodeURIComponent(url.pathname.slice('/api/call/'.length)));
    if (url.pathname === '/api/events') return handleEvents(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    const file = await loadStatic(rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    send(res, 200, file.type, req.method === 'HEAD' ? '' : file.body);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendResult(res, 405, fail('bad-request', 'Calls are POST requests.'));
    // A cross-site form or fetch cannot carry our SameSite cookie, but check Origin too.
    const from = req.headers.origin;
    if (from !== undefined && from !== origin) return sendResult(res, 403, fail('forbidden', 'Calls must come from the SMSDesk page.'));
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(res, 415, fail('bad-request', 'Calls must send JSON.'));
    }
    const body = await readBody(req, MAX_BODY);
    if (body === null) return sendResult(res, 413, fail('bad-request', `The request is larger than ${MAX_BODY} bytes.`));
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendResult(res, 400, fail('bad-request', 'The request body is not valid JSON.'));
    }
    if (typeof parsed !== 'object' || parsed === null || !('args' in parsed)) {
      return sendResult(res, 400, fail('bad-request', 'The request body must be {"args": …}.'));
    }
    const args = (parsed as { args: unknown }).args;
    // JSON has no undefined; null stands for "no arguments".
    const result = await core.call(name, args === null ? undefined : args);
    sendResult(res, 200, result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write(': smsdesk events\n\n');
    const subs = new DisposableStore();
    for (const name of eventNames) {
      subs.add(
        core.events.subscribe(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`), { replay: true }),
      );
    }
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    subs.add(toDisposable(() => clearInterval(heartbeat)));
    const end = (): void => {
      streams.delete(res);
      subs.dispose();
    };
    streams.set(res, end);
    res.on('close', end);
  }

  function port(): number {
    return (server.address() as AddressInfo | null)?.port ?? 0;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  origin = `http://${shownHost}:${port()}`;

  return {
    url: origin,
    loginUrl: `${origin}/?token=${encodeURIComponent(auth.token)}`,
    close: async () => {
      for (const [res, end] of [...streams]) {
        end();
        res.end();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function hostAllowed(header: string | undefined, boundHost: string, port: number): boolean {
  if (!header) return false;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${port}`);
  if (loopback.includes(header)) return true;
  const shown = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  if (header === `${shown}:${port}`) return true;
  // Bound to every interface (LAN use, opted in with --host): any name may reach us;
  // the session cookie still guards every request.
  return boundHost === '0.0.0.0' || boundHost === '::';
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(result));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
