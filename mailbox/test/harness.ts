import WebSocket from 'ws';
import type { Dialect } from '../store/db';
import { addStation } from '../domain/stations';
import { serveMailbox, type MailboxServer, type ServeOptions } from '../server/serve';
import type { Backends } from './backends';
import { ManualClock } from './clock';
import { codeIn, TestStation } from './station-client';
import type { PushFrame } from '../protocol/push';

export interface Harness {
  readonly server: MailboxServer;
  readonly clock: ManualClock;
  readonly url: string;
  /** A gateway station connected to the server. */
  readonly station: TestStation;
  /** JSON over real HTTP; returns status and parsed body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are what the tests assert, not what types assume
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  /** Asks a code, reads it from the station's SMS, logs in; returns the session token. */
  login(number: string, device?: string): Promise<string>;
  push(token: string): Promise<PushClient>;
  close(): Promise<void>;
}

export interface PushClient {
  readonly states: string[];
  /** Resolves when a pushed state at least `state` arrives. */
  waitFor(state: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function startHarness(backends: Backends, dialect: Dialect, options: ServeOptions = {}): Promise<Harness> {
  const clock = new ManualClock(Date.now());
  const location = dialect === 'pg' ? { pg: await backends.freshPgUrl() } : { db: backends.freshSqliteFile() };
  const server = await serveMailbox({
    port: 0,
    clock,
    // Tests log in many times from one address; the per-address HTTP limits have their own test.
    http: { requestsPerMinute: false },
    sweepMs: 200,
    ...location,
    ...options,
  });
  const { token } = await addStation(server.internals.ctx.db, 'test gateway');
  const station = await TestStation.connect(server.url, token);
  const pushes: PushClient[] = [];

  const call: Harness['call'] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    const res = await fetch(server.url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text.length > 0 ? JSON.parse(text) : undefined };
  };

  return {
    server,
    clock,
    url: server.url,
    station,
    call,
    async login(number, device = 'test device') {
      const asked = await call('POST', '/v1/auth/code', { number });
      if (asked.status !== 202) throw new Error(`code request: ${asked.status} ${JSON.stringify(asked.body)}`);
      const sms = await station.nextSms(number, 'login-code');
      const res = await call('POST', '/v1/auth/login', { number, code: codeIn(sms.text), device });
      if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async push(token) {
      const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/v1/push`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const client = pushClient(socket);
      pushes.push(client);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
        socket.once('unexpected-response', (_q, res) => reject(new Error(`refused: ${res.statusCode}`)));
      });
      return client;
    },
    async close() {
      for (const p of pushes) p.close();
      await station.close();
      await server.close();
    },
  };
}

export function pushClient(socket: WebSocket): PushClient {
  const states: string[] = [];
  const waiters: { state: number; resolve: () => void }[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as PushFrame;
    states.push(frame.state);
    for (const w of [...waiters]) {
      if (Number(frame.state) >= w.state) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return {
    states,
    waitFor(state, timeoutMs = 10_000) {
      if (states.some((s) => Number(s) >= state)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no push of state ${state}; got ${states.join(',')}`)), timeoutMs);
        waiters.push({ state, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => socket.close(),
  };
}
