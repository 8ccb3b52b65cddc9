/**
 * Test world for sync: a real mailbox server (SQLite or a throwaway PostgreSQL schema), an
 * emulator network with a gateway station and the user A's own SIM, handsets for everyone
 * else, and desktop "cores" (an archive, a MailboxClient and a SyncEngine each). Everything
 * made is closed by `cleanup()`. Tests only; not exported from index.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStation, serveMailbox, type MailboxServer } from '../../mailbox/index';
import type { Backends } from '../../mailbox/test/backends';
import type { Dialect } from '../../mailbox/store/db';
import type { Handset } from '../../modem/emulator';
import type { Archive, Message } from '../archive/index';
import type { Station } from '../station/index';
import { makeStationRig, messagesWith, until, type StationRig } from '../station/testing';
import { MailboxClient } from './client';
import { SyncEngine, type SyncEvent } from './engine';
import { StationLink, type StationLinkEvent } from './station-link';
import { memoryTokenStore, type TokenStore } from './token-store';

/** The gateway station's SIM: login codes and invitations come from this number. */
export const GATEWAY_NUMBER = '+491555000001';
/** User A's SIM, in A's own station (a desktop with a modem). */
export const A_NUMBER = '+491555000010';
/** Handsets: B registers, C is invited by SMS, D only ever gets plain SMS. */
export const B_NUMBER = '+491555000020';
export const C_NUMBER = '+491555000030';
export const D_NUMBER = '+491555000040';

/** Short timings: tests wait for real events, and a retry should not cost seconds. */
export const FAST_BACKOFF = { initialMs: 50, maxMs: 400 } as const;

export interface Core {
  readonly name: string;
  readonly archive: Archive;
  readonly tokens: TokenStore;
  readonly client: MailboxClient;
  readonly engine: SyncEngine;
  readonly events: SyncEvent[];
  /** Stops the engine and closes the archive (a desktop shutting down). */
  stop(): Promise<void>;
}

export interface LinkedStation {
  readonly station: Station;
  readonly link: StationLink;
  readonly events: StationLinkEvent[];
}

export interface World {
  /** The running server (a new object after `restartServer`). */
  server: MailboxServer;
  readonly url: string;
  readonly rig: StationRig;
  readonly gateway: LinkedStation;
  handset(number: string): Handset;
  /** A desktop core on archive `name` (reopened if it existed), with its engine started unless `start: false`. */
  core(name: string, options?: { tokens?: TokenStore; url?: string; start?: boolean }): Core;
  /** A station link for `station`, started. */
  link(station: Station, token: string, extra?: { uploadFrom?: number }): LinkedStation;
  /** Asks a login code for a handset's number, reads it from the handset, logs the core in and starts it. */
  loginByHandset(core: Core, number: string): Promise<void>;
  /** The same for a number whose SIM is in `station`: the code is read from the station's archive. */
  loginBySim(core: Core, station: Station, number: string): Promise<void>;
  /** Stops the server, runs `meanwhile`, and starts it again on the same port and database. */
  restartServer(meanwhile?: () => Promise<void>): Promise<void>;
  cleanup(): Promise<void>;
}

export interface WorldOptions {
  /** Emulator modems after the gateway (index 1, 2, …). Default: A's SIM. */
  readonly sims?: readonly string[];
  readonly handsets?: readonly string[];
}

export async function startWorld(backends: Backends, dialect: Dialect, options: WorldOptions = {}): Promise<World> {
  const location = dialect === 'pg' ? { pg: await backends.freshPgUrl() } : { db: backends.freshSqliteFile() };
  const serve = (port: number) => serveMailbox({ port, http: { requestsPerMinute: false }, sweepMs: 200, ...location });
  const server = await serve(0);
  const rig = makeStationRig({
    modems: [{ msisdn: GATEWAY_NUMBER }, ...(options.sims ?? [A_NUMBER]).map((msisdn) => ({ msisdn }))],
    handsets: options.handsets ?? [B_NUMBER, C_NUMBER, D_NUMBER],
  });
  const cores: Core[] = [];
  const links: StationLink[] = [];

  const link: World['link'] = (station, token, extra = {}) => {
    const l = new StationLink({ url: server.url, token, station, backoff: FAST_BACKOFF, reconcileMs: 200, ...extra });
    const events: StationLinkEvent[] = [];
    l.onEvent((e) => events.push(e));
    links.push(l);
    l.start();
    return { station, link: l, events };
  };

  const { token: gatewayToken } = await addStation(server.internals.ctx.db, 'gateway');
  const gatewayStation = await rig.station('gateway', 0);
  const gateway = link(gatewayStation, gatewayToken);
  await until(() => gateway.link.connected, 'the gateway connected');

  const world: World = {
    server,
    url: server.url,
    rig,
    gateway,
    handset(number) {
      const handset = rig.emulator.handsets.find((h) => h.msisdn === number);
      if (!handset) throw new Error(`no handset ${number}`);
      return handset;
    },
    core(name, extra = {}) {
      const archive = rig.archive(name);
      const tokens = extra.tokens ?? memoryTokenStore();
      const client = new MailboxClient({ url: extra.url ?? server.url, tokens, timeoutMs: 2_000 });
      const engine = new SyncEngine({ archive, client, backoff: FAST_BACKOFF, push: { backoff: FAST_BACKOFF } });
      const events: SyncEvent[] = [];
      engine.onEvent((e) => events.push(e));
      let stopped = false;
      const core: Core = {
        name,
        archive,
        tokens,
        client,
        engine,
        events,
        async stop() {
          if (stopped) return;
          stopped = true;
          await engine.stop();
          archive.close();
        },
      };
      cores.push(core);
      if (extra.start !== false) engine.start();
      return core;
    },
    link,
    async loginByHandset(core, number) {
      const handset = world.handset(number);
      const before = handset.inbox.length;
      await core.client.requestCode(number);
      const sms = await until(() => handset.inbox.slice(before).find((m) => m.from === GATEWAY_NUMBER), `a code SMS at ${number}`);
      await core.client.login({ number, code: codeIn(sms.text) }, `${core.name}'s desktop`);
      core.engine.start();
    },
    async loginBySim(core, station, number) {
      const before = thread(station.archive, GATEWAY_NUMBER).length;
      await core.client.requestCode(number);
      const sms = await until(
        () =>
          thread(station.archive, GATEWAY_NUMBER)
            .slice(before)
            .find((m) => m.direction === 'in'),
        `a code SMS at ${number}`,
      );
      await core.client.login({ number, code: codeIn(sms.body) }, `${core.name}'s desktop`);
      core.engine.start();
    },
    async restartServer(meanwhile) {
      const port = world.server.port;
      await world.server.close();
      await meanwhile?.();
      world.server = await serve(port);
    },
    async cleanup() {
      for (const c of cores) await c.stop();
      for (const l of links) await l.stop();
      await world.server.close();
      await rig.cleanup();
    },
  };
  return world;
}

/**
 * Backends for a test file that runs on SQLite only: no PostgreSQL cluster is started (the
 * end-to-end file covers PostgreSQL).
 */
export function sqliteBackends(): Backends {
  let dir: string | undefined;
  let counter = 0;
  const refuse = (): never => {
    throw new Error('this test file runs on SQLite only');
  };
  return {
    async start() {
      dir = mkdtempSync(join(tmpdir(), 'smsdesk-sync-'));
    },
    fresh: refuse,
    freshPgUrl: refuse,
    freshSqliteFile() {
      if (dir === undefined) throw new Error('start() was not awaited');
      return join(dir, `mailbox-${++counter}.sqlite`);
    },
    async stop() {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The one-time code in an SMS text. */
export function codeIn(text: string): string {
  const match = /\b(\d{6,10})\b/.exec(text);
  if (match?.[1] === undefined) throw new Error(`no code in: ${text}`);
  return match[1];
}

/** Every message of the archive's thread with `peer`, oldest first. */
export function thread(archive: Archive, peer: string): Message[] {
  return messagesWith(archive, peer);
}

/** Waits for a message in `archive` that `probe` accepts. */
export function waitForMessage(
  archive: Archive,
  peer: string,
  probe: (m: Message) => boolean,
  what: string,
  ms = 15_000,
): Promise<Message> {
  return until(() => thread(archive, peer).find(probe), what, ms);
}

export { until };
