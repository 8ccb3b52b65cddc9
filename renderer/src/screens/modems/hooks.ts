/**
 * Data of the Modems screen. Each hook asks the core for the current state first and then
 * follows its events, because a screen opened late has missed the events sent before.
 */
import { useEffect, useState } from 'react';
import type { ModemSummary, SignalSample, TraceLine } from '../../../../main/contract';
import { api } from '../../api';

export interface ModemsView {
  readonly list: readonly ModemSummary[] | undefined;
  /** How often each modem has started needing its PIN while the screen was open (keys a PIN prompt). */
  readonly pinEpisodes: ReadonlyMap<string, number>;
  /** Modems in a PIN episode: from needing the PIN until ready, offline or failed (an attempt passes through "initialising"). */
  readonly inPinEpisode: ReadonlySet<string>;
}

/** Every modem, kept current by `modems.changed`. */
export function useModems(): ModemsView {
  const [view, setView] = useState<ModemsView>({ list: undefined, pinEpisodes: new Map(), inPinEpisode: new Set() });
  useEffect(() => {
    let live = true;
    let heard = false;
    const apply = (list: readonly ModemSummary[]): void =>
      setView((prev) => {
        const episodes = new Map(prev.pinEpisodes);
        const active = new Set(prev.inPinEpisode);
        for (const m of list) {
          if (m.state === 'needs-pin' && !active.has(m.id)) {
            active.add(m.id);
            episodes.set(m.id, (episodes.get(m.id) ?? 0) + 1);
          } else if (m.state === 'ready' || m.state === 'offline' || m.state === 'failed') active.delete(m.id);
        }
        return { list, pinEpisodes: episodes, inPinEpisode: active };
      });
    const off = api.on('modems.changed', (list) => {
      heard = true;
      apply(list);
    });
    void api.call('modems.list', null).then((r) => {
      // An event that came first is newer than this answer.
      if (live && r.ok && !heard) apply(r.value);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return view;
}

/** Lines a console keeps; the core keeps as many. */
const MAX_LINES = 1000;

function merge(prev: readonly TraceLine[], incoming: readonly TraceLine[]): readonly TraceLine[] {
  if (incoming.length === 0) return prev;
  const last = prev.at(-1)?.seq ?? 0;
  let next: TraceLine[];
  if (incoming[0]!.seq > last) next = [...prev, ...incoming];
  else {
    const bySeq = new Map<number, TraceLine>();
    for (const l of prev) bySeq.set(l.seq, l);
    for (const l of incoming) bySeq.set(l.seq, l);
    next = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  return next.length > MAX_LINES ? next.slice(-MAX_LINES) : next;
}

export type TraceView = { readonly lines: readonly TraceLine[]; readonly error: string | null };

/** The modem's AT trace: the core's tail, then the live batches, each line once (by seq). */
export function useTrace(modemId: string): TraceView {
  const [view, setView] = useState<TraceView & { modemId: string }>({ modemId, lines: [], error: null });
  useEffect(() => {
    let live = true;
    const off = api.on('modems.trace', (batch) => {
      if (batch.modemId !== modemId) return;
      setView((prev) => (prev.modemId === modemId ? { ...prev, lines: merge(prev.lines, batch.lines) } : prev));
    });
    void api.call('modems.traceLines', { modemId, limit: MAX_LINES }).then((r) => {
      if (!live) return;
      setView((prev) => {
        const base = prev.modemId === modemId ? prev : { modemId, lines: [], error: null };
        return r.ok ? { ...base, lines: merge(r.value.lines, base.lines), error: null } : { ...base, error: r.error.message };
      });
    });
    return () => {
      live = false;
      off();
    };
  }, [modemId]);
  // Lines of the modem shown before stay out until the new one's arrive.
  return view.modemId === modemId ? view : { lines: [], error: null };
}

/** The core's signal history of a modem, fetched again whenever `revision` changes. */
export function useSignalHistory(modemId: string, revision: string): readonly SignalSample[] | undefined {
  const [state, setState] = useState<{ key: string; samples: readonly SignalSample[] } | undefined>(undefined);
  const key = `${modemId}\u0000${revision}`;
  useEffect(() => {
    let live = true;
    void api.call('modems.signalHistory', { modemId }).then((r) => {
      if (live && r.ok) setState({ key, samples: r.value.samples });
    });
    return () => {
      live = false;
    };
  }, [modemId, key]);
  // While a newer history loads, the older one of the same modem stays on screen.
  return state && state.key.startsWith(`${modemId}\u0000`) ? state.samples : undefined;
}

/** The current time, updated every `everyMs`, so a chart's "now" moves on. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
