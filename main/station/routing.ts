/**
 * Which modem sends a job: a pure decision over the modems that can send now, the job's pin
 * (a chosen sender, or the modem that sent the first parts of a long message) and the
 * archive's prefix rules. No I/O, so every case is a plain unit test.
 */
import type { Route } from '../archive/index';
import { assertNever } from '../../modem/at/index';

/**
 * How jobs spread over the modems a rule allows (or all of them, when no rule matches):
 * - `round-robin`: each modem in turn;
 * - `least-busy`: the modem with the fewest parts sent in the last minute plus parts waiting
 *   for it; ties in turn.
 */
export type RoutingStrategy = 'round-robin' | 'least-busy';

export const ROUTING_STRATEGIES: readonly RoutingStrategy[] = ['round-robin', 'least-busy'];

/** A modem of this station that is ready and holds its lease. */
export interface Candidate {
  readonly modemId: number;
  /** Parts sent in the last minute plus parts of jobs already planned for it. */
  readonly load: number;
  /** Cannot take another job now: its rate limit is used up, or enough jobs wait for it. */
  readonly full: boolean;
}

export interface RoutableJob {
  /** The recipient, E.164 as the archive keeps it. */
  readonly peer: string;
  /** The only modem that may send it, if any. */
  readonly modemId: number | null;
}

export type RouteDecision =
  /** Send it through this modem. */
  | { readonly kind: 'send'; readonly modemId: number }
  /** The modems it may use are here but busy (rate limit, queue): ask again later. */
  | { readonly kind: 'busy' }
  /** Only this modem may send it, and this station cannot use it now. */
  | { readonly kind: 'absent'; readonly modemId: number };

export class Router {
  readonly strategy: RoutingStrategy;
  /** The modem the last free choice went to: round-robin goes on after it. */
  #last: number | undefined;

  constructor(strategy: RoutingStrategy = 'round-robin') {
    this.strategy = strategy;
  }

  /**
   * Decides for one job. Rules are preferences, a pin is a must: of the rules whose prefix
   * matches, the best priority that has a modem here wins, and rules of equal priority share
   * the work. When none of the matching rules' modems is here (unplugged, driven by another
   * station), any modem may send it: a number reached through the wrong SIM beats one not
   * reached at all. Modems that are merely busy are waited for, so a rule holds under load.
   */
  route(job: RoutableJob, candidates: readonly Candidate[], routes: readonly Route[]): RouteDecision {
    if (job.modemId !== null) {
      const pinned = candidates.find((c) => c.modemId === job.modemId);
      if (!pinned) return { kind: 'absent', modemId: job.modemId };
      return pinned.full ? { kind: 'busy' } : { kind: 'send', modemId: pinned.modemId };
    }
    const pool = ruleTier(job.peer, candidates, routes) ?? candidates;
    const free = pool.filter((c) => !c.full);
    if (free.length === 0) return { kind: 'busy' };
    const chosen = this.#pick(free);
    this.#last = chosen.modemId;
    return { kind: 'send', modemId: chosen.modemId };
  }

  #pick(free: readonly Candidate[]): Candidate {
    // In turn: modem ids ascending, starting after the last one chosen.
    const inTurn = [...free].sort((a, b) => a.modemId - b.modemId);
    const after = inTurn.findIndex((c) => this.#last !== undefined && c.modemId > this.#last);
    const ordered = after <= 0 ? inTurn : [...inTurn.slice(after), ...inTurn.slice(0, after)];
    switch (this.strategy) {
      case 'round-robin':
        return ordered[0]!;
      case 'least-busy':
        // reduce keeps the first of equal loads: ties go in turn.
        return ordered.reduce((best, c) => (c.load < best.load ? c : best));
      default:
        return assertNever(this.strategy);
    }
  }
}

/**
 * The candidates of the best-priority tier of matching rules that has any, or undefined when
 * no matching rule names a modem that is here.
 */
function ruleTier(peer: string, candidates: readonly Candidate[], routes: readonly Route[]): Candidate[] | undefined {
  const matching = routes.filter((r) => peer.startsWith(r.prefix)).sort((a, b) => a.priority - b.priority || a.id - b.id);
  let i = 0;
  while (i < matching.length) {
    const priority = matching[i]!.priority;
    const ids = new Set<number>();
    for (; i < matching.length && matching[i]!.priority === priority; i++) ids.add(matching[i]!.modemId);
    const tier = candidates.filter((c) => ids.has(c.modemId));
    if (tier.length > 0) return tier;
  }
  return undefined;
}
