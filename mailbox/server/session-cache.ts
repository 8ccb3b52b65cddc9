import type { MailboxContext } from '../domain/context';
import type { Disposable } from '../domain/notifier';
import { hashToken } from '../domain/secrets';
import { authenticateSession, type SessionIdentity } from '../domain/sessions';

/**
 * How long a checked session token is believed without asking the database again. A revoke in
 * this process forgets it at once, one in another process as soon as its NOTIFY arrives; this
 * bound only matters if that NOTIFY is lost (the listener connection dropped), and is kept short.
 */
export const SESSION_CACHE_TTL_MS = 2_000;
/** Enough for every device a busy process serves; the oldest entries go first beyond it. */
const MAX_ENTRIES = 20_000;

interface Entry {
  readonly identity: SessionIdentity;
  readonly until: number;
}

/**
 * Live session tokens recently checked, keyed by token hash, so a device that sends many
 * requests costs one database lookup every couple of seconds instead of one per request.
 * Unknown and revoked tokens are never cached: a refusal always asks the database.
 */
export class SessionCache implements Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every revocation: a lookup that started before one must not fill the cache. */
  private generation = 0;
  private readonly subscription: Disposable;

  constructor(
    private readonly ctx: MailboxContext,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.subscription = ctx.notifier.subscribe((event) => {
      if (event.type === 'session-revoked') this.forget(event.sessionId);
    });
  }

  async authenticate(token: string): Promise<SessionIdentity | undefined> {
    const key = hashToken(token);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      if (hit.until > this.now()) return hit.identity;
      this.entries.delete(key);
    }
    const generation = this.generation;
    const identity = await authenticateSession(this.ctx.db, token, this.ctx.clock.now());
    if (identity !== undefined && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) {
        const oldest = this.entries.keys().next();
        if (oldest.done !== true) this.entries.delete(oldest.value);
      }
      this.entries.set(key, { identity, until: this.now() + SESSION_CACHE_TTL_MS });
    }
    return identity;
  }

  /** A session was revoked (here or in another process): its token is checked afresh. */
  forget(sessionId: number): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (entry.identity.sessionId === sessionId) this.entries.delete(key);
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}

const caches = new WeakMap<MailboxContext, SessionCache>();

/** Gives the app's session hooks a cache; the returned disposable (owned by the app) removes it. */
export function installSessionCache(ctx: MailboxContext): Disposable {
  const cache = new SessionCache(ctx);
  caches.set(ctx, cache);
  return {
    dispose() {
      if (caches.get(ctx) === cache) caches.delete(ctx);
      cache.dispose();
    },
  };
}

/** The session a token opens: through the app's cache when there is one, else straight from the database. */
export function authenticateCached(ctx: MailboxContext, token: string): Promise<SessionIdentity | undefined> {
  const cache = caches.get(ctx);
  return cache !== undefined ? cache.authenticate(token) : authenticateSession(ctx.db, token, ctx.clock.now());
}

/** Forgets a session revoked by this process before the request that revoked it is answered. */
export function forgetSession(ctx: MailboxContext, sessionId: number): void {
  caches.get(ctx)?.forget(sessionId);
}
