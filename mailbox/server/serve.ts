import { HOUR, systemClock, type Clock } from '../domain/clock';
import type { MailboxContext } from '../domain/context';
import { pruneCounters } from '../domain/counters';
import { compileKeywords } from '../domain/keywords';
import { DEFAULT_POLICY, type Policy } from '../domain/policy';
import { openStore, type StoreLocation } from '../store/open';
import { buildApp, DEFAULT_APP_OPTIONS, type AppOptions, type MailboxApp } from './app';

export interface ServeOptions {
  /** Default 127.0.0.1: a team server is exposed on purpose (`--host 0.0.0.0`), never by accident. */
  readonly host?: string;
  /** Default 8787; 0 picks a free port (tests). */
  readonly port?: number;
  /** A SQLite file (default `smsdesk-mailbox.sqlite` in the working directory). */
  readonly db?: string;
  /** A PostgreSQL URL; wins over `db`. */
  readonly pg?: string;
  readonly policy?: Partial<Policy>;
  readonly clock?: Clock;
  readonly http?: Partial<Omit<AppOptions, 'schemaVersion'>>;
  /** Housekeeping period (lease expiry, given-up jobs, revoked stations). */
  readonly sweepMs?: number;
  readonly pgPoolSize?: number;
}

export interface MailboxServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  /** For tests and the benchmark; not part of the CLI's contract. */
  readonly internals: { readonly ctx: MailboxContext; readonly app: MailboxApp };
  /** Stops listening, closes every socket and timer, and closes the store. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_DB_FILE = 'smsdesk-mailbox.sqlite';
const DEFAULT_SWEEP_MS = 2_000;

/** Starts a mailbox server: `smsdesk mailbox serve [--host] [--port] [--db FILE | --pg URL]`. */
export async function serveMailbox(options: ServeOptions = {}): Promise<MailboxServer> {
  const merged: Policy = { ...DEFAULT_POLICY, ...options.policy };
  // Refuses lists that are empty, overlong or that share a word, before anything listens.
  const policy: Policy = { ...merged, replyKeywords: compileKeywords(merged.replyKeywords) };
  // Six digits is one chance in a million per guess; fewer would make the lockout too weak.
  if (!Number.isInteger(policy.codeDigits) || policy.codeDigits < 6 || policy.codeDigits > 10) {
    throw new RangeError('codeDigits must be an integer from 6 to 10');
  }
  const location: StoreLocation = options.pg !== undefined ? { pg: options.pg } : { db: options.db ?? DEFAULT_DB_FILE };
  const store = await openStore(location, options.pgPoolSize !== undefined ? { poolSize: options.pgPoolSize } : {});
  const ctx: MailboxContext = {
    db: store.db,
    notifier: store.notifier,
    clock: options.clock ?? systemClock,
    policy,
  };
  let built: MailboxApp | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  try {
    built = await buildApp(ctx, { ...DEFAULT_APP_OPTIONS, ...options.http, schemaVersion: store.schemaVersion });
    await built.app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? DEFAULT_PORT });
  } catch (err) {
    await built?.close().catch(() => undefined);
    await store.close();
    throw err;
  }
  const app = built;
  let lastPrune = 0;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = async (): Promise<void> => {
    await app.stations.sweep();
    const now = ctx.clock.now();
    if (now - lastPrune > HOUR) {
      lastPrune = now;
      // Counters older than a day and an hour can no longer cap anything.
      await pruneCounters(ctx.db, now - 25 * HOUR);
    }
  };
  let busy = false;
  sweeper = setInterval(() => {
    // A slow database must not stack sweeps up behind each other: skip a tick instead.
    if (busy) return;
    busy = true;
    sweeping = sweep()
      .catch((err: unknown) => app.app.log.error({ err }, 'sweep'))
      .finally(() => {
        busy = false;
      });
  }, options.sweepMs ?? DEFAULT_SWEEP_MS);
  const address = app.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
  const host = options.host ?? '127.0.0.1';
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    internals: { ctx, app },
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        sweeper = undefined;
        await sweeping;
        await app.close();
        await store.close();
      })();
      return closing;
    },
  };
}
