import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { StationCore } from './core';

describe('StationCore.call', () => {
  it('answers app.info with the package version and the Node runtime', async () => {
    const core = new StationCore();
    const r = await core.call('app.info', undefined);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'SMSDesk',
        version: pkg.version,
        runtime: 'node',
        versions: { node: process.versions.node, electron: null, chrome: null },
      },
    });
    core.dispose();
  });

  it('reports the Electron versions it was given', async () => {
    const core = new StationCore({ runtime: { kind: 'electron', electron: '45.4.1', chrome: '144.0.1' } });
    const r = await core.call('app.info', {});
    expect(r.ok && r.value).toMatchObject({ runtime: 'electron', versions: { electron: '45.4.1', chrome: '144.0.1' } });
    core.dispose();
  });

  it('lists no modems and no conversations on a station that has none', async () => {
    const core = new StationCore();
    expect(await core.call('modems.list', null)).toEqual({ ok: true, value: [] });
    expect(await core.call('conversations.list', { limit: 50 })).toEqual({ ok: true, value: { items: [], next: null } });
    core.dispose();
  });

  it('rejects an unknown call with a code, not an exception', async () => {
    const core = new StationCore();
    const r = await core.call('modems.reset', {});
    expect(r).toEqual({ ok: false, error: { code: 'unknown-call', message: 'There is no call named "modems.reset".' } });
    expect((await core.call({ toString: 1 }, {})).ok).toBe(false);
    core.dispose();
  });

  it('rejects arguments that do not match the schema and says where', async () => {
    const core = new StationCore();
    const tooBig = await core.call('conversations.list', { limit: 100000 });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) {
      expect(tooBig.error.code).toBe('bad-request');
      expect(tooBig.error.message).toContain('/limit');
    }
    const extra = await core.call('conversations.list', { limit: 5, sql: 'DROP TABLE messages' });
    expect(extra.ok === false && extra.error.code).toBe('bad-request');
    const wrongType = await core.call('app.info', 'please');
    expect(wrongType.ok === false && wrongType.error.code).toBe('bad-request');
    core.dispose();
  });

  it('refuses calls once disposed', async () => {
    const core = new StationCore();
    core.dispose();
    const r = await core.call('app.info', undefined);
    expect(r).toEqual({ ok: false, error: { code: 'unavailable', message: 'SMSDesk is shutting down.' } });
  });
});

describe('StationCore.events', () => {
  it('replays the current station status to a new subscriber and stops after dispose', () => {
    const core = new StationCore();
    const seen: string[] = [];
    const sub = core.events.subscribe('station.status', (s) => seen.push(`${s.state}/${s.modems}`), { replay: true });
    expect(seen).toEqual(['no-modem/0']);
    core.events.emit('station.status', {
      state: 'ready',
      modems: 1,
      demo: false,
      archive: false,
      unread: 0,
      since: new Date(0).toISOString(),
    });
    expect(seen).toEqual(['no-modem/0', 'ready/1']);
    sub.dispose();
    core.events.emit('station.status', {
      state: 'no-modem',
      modems: 0,
      demo: false,
      archive: false,
      unread: 0,
      since: new Date(0).toISOString(),
    });
    expect(seen).toHaveLength(2);
    expect(core.events.listenerCount).toBe(0);
    core.dispose();
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const core = new StationCore();
    const seen: number[] = [];
    const a = core.events.subscribe('station.status', () => {
      throw new Error('broken listener');
    });
    const b = core.events.subscribe('station.status', (s) => seen.push(s.modems));
    const errors: unknown[] = [];
    const onErr = (e: unknown): void => {
      errors.push(e);
    };
    process.on('uncaughtException', onErr);
    core.events.emit('station.status', {
      state: 'ready',
      modems: 2,
      demo: false,
      archive: false,
      unread: 0,
      since: new Date(0).toISOString(),
    });
    await new Promise((r) => setTimeout(r, 0));
    process.off('uncaughtException', onErr);
    expect(seen).toEqual([2]);
    expect(errors).toHaveLength(1);
    a.dispose();
    b.dispose();
    core.dispose();
  });
});
