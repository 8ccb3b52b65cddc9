/**
 * The emulator's control channel: a small JSON API on 127.0.0.1 that injects
 * traffic and faults and shows what the network saw. It listens on loopback
 * only; it controls a make-believe network, nothing real.
 *
 *   GET  /status                      modems, ports, stores, registration
 *   GET  /events?since=N              what the network saw (submits, deliveries, reports, USSD, calls)
 *   POST /sms      {to, from, text}   an SMS from any sender (alphanumeric too), split into real parts
 *   POST /sms      {to, pdu}          deliver a ready SMS-DELIVER TPDU (hex), e.g. a real capture
 *   GET  /handsets                     scripted handsets and what they received
 *   POST /handsets/send {from, to, text}  a handset sends an SMS through the network
 *   POST /call     {from, to}         ring a subscriber;  POST /hangup {to}
 *   POST /modems/N/fault {kind, ...}  unplug | replug {base?} | hang | noise {hex} | truncate {bytes}
 *                                     | slow {ms} | remove-sim | insert-sim | signal {rssi}
 *                                     | registration {stat}
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from './emulator';
import { fromHex } from './hex';
import type { Registration } from './link';
import type { PtyHost } from './pty-host';

export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

class BadRequest extends Error {}

export async function startControlServer(emulator: Emulator, options: { port?: number; ptys?: PtyHost } = {}): Promise<ControlServer> {
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof BadRequest ? 400 : 500;
      send(res, status, { error: err instanceof Error ? err.message : String(err) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/status') return send(res, 200, status());
    if (req.method === 'GET' && path === '/events') {
      const since = Number(url.searchParams.get('since') ?? 0);
      return send(res, 200, {
        events: emulator.network.events.slice(Number.isInteger(since) && since > 0 ? since : 0),
        next: emulator.network.events.length,
      });
    }
    if (req.method === 'GET' && path === '/handsets') {
      return send(res, 200, {
        handsets: emulator.handsets.map((h) => ({ msisdn: h.msisdn, reachable: h.reachable, inbox: h.inbox, reports: h.reports.length })),
      });
    }
    if (req.method !== 'POST') return send(res, 404, { error: `No route ${req.method} ${path}` });
    const body = await readJson(req);
    if (path === '/handsets/send') {
      const handset = emulator.handsets.find((h) => h.msisdn === str(body, 'from'));
      if (!handset) throw new BadRequest(`No handset ${String(body['from'])}`);
      const parts = await handset.send(str(body, 'to'), str(body, 'text'));
      return send(res, 200, { parts });
    }
    if (path === '/sms' && typeof body['text'] === 'string') {
      try {
        return send(res, 200, {
          outcomes: emulator.network.injectText({ from: str(body, 'from'), to: str(body, 'to'), text: body['text'] }),
        });
      } catch (err) {
        throw new BadRequest(err instanceof Error ? err.message : String(err));
      }
    }
    if (path === '/sms') {
      const to = str(body, 'to');
      const tpdu = fromHex(str(body, 'pdu'));
      if (!tpdu || tpdu.length < 12) throw new BadRequest('"pdu" must be the hex of an SMS-DELIVER TPDU (without SMSC field)');
      return send(res, 200, { outcome: emulator.network.injectDeliver(to, tpdu) });
    }
    if (path === '/call') {
      emulator.network.call(str(body, 'from'), str(body, 'to'));
      return send(res, 200, { ok: true });
    }
    if (path === '/hangup') {
      emulator.network.hangUp(str(body, 'to'));
      return send(res, 200, { ok: true });
    }
    const fault = /^\/modems\/(\d+)\/fault$/.exec(path);
    if (fault) {
      const modem = emulator.modems[Number(fault[1])];
      if (!modem) throw new BadRequest(`No modem ${fault[1]}`);
      const kind = str(body, 'kind');
      switch (kind) {
        case 'unplug':
          modem.unplug();
          break;
        case 'replug':
          modem.replug(typeof body['base'] === 'string' ? body['base'] : undefined);
          break;
        case 'hang':
          modem.hang();
          break;
        case 'noise': {
          const bytes = fromHex(str(body, 'hex'));
          if (!bytes) throw new BadRequest('"hex" must be hex digits');
          modem.injectNoise(bytes);
          break;
        }
        case 'truncate':
          modem.truncateNextReply(num(body, 'bytes'));
          break;
        case 'slow':
          modem.extraDelayMs = num(body, 'ms');
          break;
        case 'remove-sim':
          modem.removeSim();
          break;
        case 'insert-sim':
          modem.insertSim();
          break;
        case 'signal':
          modem.setSignal(num(body, 'rssi'));
          break;
        case 'registration': {
          const stat = num(body, 'stat');
          if (![0, 1, 2, 3, 4, 5].includes(stat)) throw new BadRequest('"stat" must be 0-5');
          modem.setRegistration({ ...modem.state.registration, stat: stat as Registration['stat'] });
          break;
        }
        default:
          throw new BadRequest(`Unknown fault "${kind}"`);
      }
      await options.ptys?.settled();
      return send(res, 200, status());
    }
    send(res, 404, { error: `No route POST ${path}` });
  }

  function status(): unknown {
    return {
      modems: emulator.modems.map((m, index) => ({
        index,
        msisdn: m.msisdn,
        profile: m.profile.id,
        imei: m.subscriber.imei,
        sim: m.state.sim,
        registration: m.state.registration.stat,
        signal: m.state.signal,
        stores: { SM: usage(m.stores.SM), ME: usage(m.stores.ME), SR: usage(m.stores.SR) },
        ports: m.ports.map((p) => ({ name: p.name, present: p.isPresent, notices: p.urcs, path: options.ptys?.pathOf(p) ?? null })),
      })),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function usage(s: { used: number; capacity: number }): { used: number; capacity: number } {
  return { used: s.used, capacity: s.capacity };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 64 * 1024) throw new BadRequest('Body larger than 64 KiB');
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('Body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequest('Body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v === '') throw new BadRequest(`"${key}" must be a non-empty string`);
  return v;
}

function num(body: Record<string, unknown>, key: string): number {
  const v = body[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new BadRequest(`"${key}" must be a non-negative number`);
  return v;
}
