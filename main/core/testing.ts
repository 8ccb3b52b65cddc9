/**
 * Test rig for the core: a StationCore on an in-memory archive (the demo not yet started),
 * closed by `closeCores()`, and a wait for the first matching event. Tests only.
 */
import { openArchive } from '../archive/index';
import type { EventName, EventPayload } from '../contract';
import { StationCore, type StationCoreOptions } from './core';

const open: StationCore[] = [];

export function demoCore(options: StationCoreOptions = {}): StationCore {
  const archive = openArchive(':memory:', { defaultCountry: 'DE' });
  const core = new StationCore({ archive, ownsArchive: true, station: { pollMs: 100 }, log: () => undefined, ...options });
  open.push(core);
  return core;
}

/** Closes every core `demoCore` made; call it in afterEach. */
export async function closeCores(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}

/** Resolves with the first payload of `name` that `test` accepts (replaying the latest). */
export function nextEvent<K extends EventName>(
  core: StationCore,
  name: K,
  test: (p: EventPayload<K>) => boolean,
  ms = 20_000,
): Promise<EventPayload<K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching ${name} within ${ms} ms`));
    }, ms);
    const sub = core.events.subscribe(
      name,
      (payload) => {
        if (!test(payload)) return;
        clearTimeout(timer);
        queueMicrotask(() => sub.dispose());
        resolve(payload);
      },
      { replay: true },
    );
  });
}
