import { describe, expect, it } from 'vitest';
import type { Route } from '../archive/index';
import { Router, type Candidate } from './routing';

const free = (modemId: number, load = 0): Candidate => ({ modemId, load, full: false });
const full = (modemId: number, load = 0): Candidate => ({ modemId, load, full: true });
const rule = (id: number, prefix: string, modemId: number, priority = 100): Route => ({ id, prefix, modemId, priority });
const to = (peer: string, modemId: number | null = null) => ({ peer, modemId });

function sendsThrough(
  router: Router,
  peers: readonly string[],
  candidates: readonly Candidate[],
  routes: readonly Route[] = [],
): (number | string)[] {
  return peers.map((peer) => {
    const d = router.route(to(peer), candidates, routes);
    return d.kind === 'send' ? d.modemId : d.kind;
  });
}

describe('Router', () => {
  it('round-robin takes the modems in turn, whatever their load', () => {
    const router = new Router('round-robin');
    expect(sendsThrough(router, ['+491', '+492', '+493', '+494', '+495'], [free(3, 9), free(1), free(2)])).toEqual([1, 2, 3, 1, 2]);
  });

  it('round-robin skips a busy modem and goes on after the one chosen', () => {
    const router = new Router('round-robin');
    expect(sendsThrough(router, ['+491'], [free(1), free(2), free(3)])).toEqual([1]);
    expect(sendsThrough(router, ['+492', '+493'], [free(1), full(2), free(3)])).toEqual([3, 1]);
  });

  it('least-busy takes the modem with the fewest parts, ties in turn', () => {
    const router = new Router('least-busy');
    expect(sendsThrough(router, ['+491'], [free(1, 5), free(2, 1), free(3, 4)])).toEqual([2]);
    // 1 and 3 tie at 2: in turn after 2 comes 3, then 1.
    expect(sendsThrough(router, ['+492'], [free(1, 2), free(2, 7), free(3, 2)])).toEqual([3]);
    expect(sendsThrough(router, ['+493'], [free(1, 2), free(2, 7), free(3, 2)])).toEqual([1]);
  });

  it('a prefix rule sends its numbers through its modem and leaves the others to all modems', () => {
    const router = new Router('round-robin');
    const routes = [rule(1, '+44', 2), rule(2, '+49', 1)];
    expect(
      sendsThrough(router, ['+447700900123', '+491701234567', '+447700900124', '+33612345678', '+33612345679'], [free(1), free(2)], routes),
    ).toEqual([2, 1, 2, 1, 2]);
  });

  it('the lowest priority with a modem here wins; equal priorities share; a busy rule modem is waited for', () => {
    const router = new Router('round-robin');
    const routes = [rule(1, '+49', 1, 10), rule(2, '+4917', 2, 5), rule(3, '+4917', 3, 5)];
    expect(sendsThrough(router, ['+491701', '+491702', '+491703'], [free(1), free(2), free(3)], routes)).toEqual([2, 3, 2]);
    expect(sendsThrough(router, ['+491601'], [free(1), free(2), free(3)], routes)).toEqual([1]);
    // 2 and 3 are here but busy: the +4917 message waits rather than taking modem 1.
    expect(sendsThrough(router, ['+491704'], [free(1), full(2), full(3)], routes)).toEqual(['busy']);
    // Neither is here (unplugged): the next tier, then any modem.
    expect(sendsThrough(router, ['+491705'], [free(1), free(4)], routes)).toEqual([1]);
    expect(sendsThrough(router, ['+491706'], [free(4)], routes)).toEqual([4]);
  });

  it('a pinned job goes only through its modem, waits while it is busy, and is absent without it', () => {
    const router = new Router('round-robin');
    const routes = [rule(1, '+49', 1)];
    expect(router.route(to('+491701234567', 2), [free(1), free(2)], routes)).toEqual({ kind: 'send', modemId: 2 });
    expect(router.route(to('+491701234567', 2), [free(1), full(2)], routes)).toEqual({ kind: 'busy' });
    expect(router.route(to('+491701234567', 2), [free(1)], routes)).toEqual({ kind: 'absent', modemId: 2 });
    // Pinned jobs do not move the turn.
    expect(sendsThrough(router, ['+33612345678'], [free(1), free(2)])).toEqual([1]);
  });

  it('waits when there is no modem at all', () => {
    expect(new Router('least-busy').route(to('+491'), [], [])).toEqual({ kind: 'busy' });
  });
});
