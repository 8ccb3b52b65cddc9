/**
 * A mailbox server on a hand-moved clock with a real gateway station in front of the
 * emulator's GSM network: a Station driving a virtual modem, linked to the server by the
 * desktop's StationLink. People are handsets on that network; they log in over HTTP with the
 * code their handset received. Tests only. Everything made is closed by `cleanup()`.
 */
import type { StationRig } from '../../main/station/testing';
import { makeStationRig, until } from '../../main/station/testing';
import { StationLink } from '../../main/sync/station-link';
import type { Handset } from '../../modem/emulator';
import { addStation } from '../domain/stations';
import type { Policy } from '../domain/policy';
import { serveMailbox, type MailboxServer } from '../server/serve';
import type { Dialect } from '../store/db';
import type { Backends } from './backends';
import { ManualClock } from './clock';
import { codeIn } from './station-client';

/** The gateway's SIM: every SMS from the server comes from this number. */
export const GATEWAY_NUMBER = '+491555000001';

export interface GatewayWorld {
  readonly server: MailboxServer;
  readonly clock: ManualClock;
  readonly rig: StationRig;
  readonly link: StationLink;
  handset(number: string): Handset;
  /** SMS the handset received from the gateway, oldest first. */
  fromGateway(number: string): string[];
  /** JSON over HTTP; returns status and parsed body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are what the tests assert
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  /** Asks a login code for a handset's number, reads it off the handset, logs in: the session token. */
  login(number: string): Promise<string>;
  /**
   * Resolves once every SMS job is finished and the gateway holds none: only then may a test
   * move the clock (a lease outliving a jump would look expired and be offered twice).
   */
  settled(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startGatewayWorld(
  backends: Backends,
  dialect: Dialect,
  options: { readonly handsets: readonly string[]; readonly start: number; readonly policy?: Partial<Policy> },
): Promise<GatewayWorld> {
  const clock = new ManualClock(options.start);
  const location = dialect === 'pg' ? { pg: await backends.freshPgUrl() } : { db: backends.freshSqliteFile() };
  const server = await serveMailbox({
    port: 0,
    clock,
    http: { requestsPerMinute: false },
    sweepMs: 200,
    ...(options.policy !== undefined ? { policy: options.policy } : {}),
    ...location,
  });
  const rig = makeStationRig({ modems: [{ msisdn: GATEWAY_NUMBER }], handsets: options.handsets });
  let link: StationLink | undefined;
  try {
    const { token } = await addStation(server.internals.ctx.db, 'gateway');
    const station = await rig.station('gateway', 0);
    link = new StationLink({ url: server.url, token, station, backoff: { initialMs: 50, maxMs: 400 }, reconcileMs: 200 });
    link.start();
    const started = link;
    await until(() => started.connected, 'the gateway connected');
  } catch (err) {
    await link?.stop();
    await server.close();
    await rig.cleanup();
    throw err;
  }
  const gatewayLink = link;

  const handset = (number: string): Handset => {
    const found = rig.emulator.handsets.find((h) => h.msisdn === number);
    if (found === undefined) throw new Error(`no handset ${number}`);
    return found;
  };
  const fromGateway = (number: string): string[] =>
    handset(number)
      .inbox.filter((m) => m.from === GATEWAY_NUMBER)
      .map((m) => m.text);
  const call: GatewayWorld['call'] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    const res = await fetch(server.url + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text.length > 0 ? JSON.parse(text) : undefined };
  };

  return {
    server,
    clock,
    rig,
    link: gatewayLink,
    handset,
    fromGateway,
    call,
    async login(number) {
      const before = fromGateway(number).length;
      const asked = await call('POST', '/v1/auth/code', { number });
      if (asked.status !== 202) throw new Error(`code request: ${asked.status}`);
      const sms = await until(() => fromGateway(number)[before], `a code SMS at ${number}`, 15_000);
      const res = await call('POST', '/v1/auth/login', { number, code: codeIn(sms), device: 'handset' });
      if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async settled() {
      await until(
        async () => {
          const open = await server.internals.ctx.db.one<{ n: number }>(
            "SELECT COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'leased')",
          );
          return Number(open?.n ?? 0) === 0 && gatewayLink.openJobs === 0;
        },
        'every SMS job finished',
        15_000,
      );
    },
    async cleanup() {
      await gatewayLink.stop();
      await server.close();
      await rig.cleanup();
    },
  };
}
