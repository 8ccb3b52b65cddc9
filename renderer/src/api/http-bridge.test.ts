import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from './http-bridge';

/** A stand-in for the browser's EventSource: the test delivers server-sent events by hand. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly handlers = new Map<string, ((ev: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, handler: (ev: { data: string }) => void): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }
  emit(name: string, payload: unknown): void {
    for (const h of this.handlers.get(name) ?? []) h({ data: JSON.stringify(payload) });
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const status = (modems: number) => ({ state: 'ready', modems, demo: true, archive: true, since: '2026-01-01T00:00:00.000Z' }) as const;

describe('the web bridge events', () => {
  it('gives a listener that subscribes late the latest payload, as IPC subscribe does', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const bridge = createHttpBridge();
    const first: number[] = [];
    bridge.on('station.status', (s) => first.push(s.modems));
    FakeEventSource.last!.emit('station.status', status(1));
    expect(first).toEqual([1]);

    const late: number[] = [];
    const off = bridge.on('station.status', (s) => late.push(s.modems));
    expect(late).toEqual([]); // delivered asynchronously, like any event
    await Promise.resolve();
    expect(late).toEqual([1]);
    expect(first).toEqual([1]); // the earlier listener is not told again

    FakeEventSource.last!.emit('station.status', status(2));
    expect(late).toEqual([1, 2]);
    off();
    FakeEventSource.last!.emit('station.status', status(3));
    expect(late).toEqual([1, 2]);
    expect(first).toEqual([1, 2, 3]);
  });

  it('replays nothing to a listener that unsubscribed before the replay ran, or for an event never seen', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const bridge = createHttpBridge();
    bridge.on('station.status', () => undefined);
    FakeEventSource.last!.emit('station.status', status(1));
    const got: unknown[] = [];
    bridge.on('station.status', (s) => got.push(s))();
    bridge.on('modems.changed', (m) => got.push(m));
    await Promise.resolve();
    expect(got).toEqual([]);
  });
});
