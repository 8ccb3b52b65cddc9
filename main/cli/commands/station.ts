import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { listSerialPorts, openSerialTransport, type SerialBinding } from '../../../modem/at/index';
import { Modem, ModemSupervisor, type PortOpener } from '../../../modem/driver/index';
import { createDemo, DEMO_HANDSET_NUMBER } from '../../../modem/emulator';
import type { Emulator } from '../../../modem/emulator/emulator';
import { checkServerUrl } from '../../core/account-server-url';
import { defaultArchivePath, Station, type StationEvent } from '../../station/index';
import { StationLink, type StationLinkEvent } from '../../sync/index';
import type { Command } from '../command';
import { UsageError, type CliIo } from '../io';
import { DB_OPTION_HELP, openCliArchive } from './archive-db';
import { parseBaud, systemOpener } from '../modem-access';

/** Where --mailbox finds the station token: an argument would show in every process list. */
const TOKEN_ENV = 'SMSDESK_STATION_TOKEN';

/** How often new modems are looked for (auto and demo), and port leases renewed. */
const RESCAN_MS = 30_000;
const PORT_LEASE_MS = 3 * RESCAN_MS;

function eventLine(event: StationEvent): string | null {
  const time = new Date().toISOString().slice(11, 19);
  switch (event.kind) {
    case 'log':
      return event.level === 'info' ? `${time}  ${event.text}` : `${time}  ${event.level}: ${event.text}`;
    case 'modem':
      return `${time}  modem ${event.path}${event.imei ? ` (IMEI ${event.imei})` : ''}: ${event.state}`;
    case 'message-received': {
      const m = event.message;
      return `${time}  received from ${m.peer} (${m.partCount} part(s)): ${m.body.replace(/\s+/g, ' ').slice(0, 80)}`;
    }
    case 'message-status': {
      const m = event.message;
      return `${time}  message ${m.id} to ${m.peer}: ${m.status}${m.statusReason ? ` (${m.statusReason})` : ''}`;
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}

async function systemPorts(): Promise<string[]> {
  return (await listSerialPorts()).map((p) => p.path);
}

export const stationCommand: Command = {
  path: ['station'],
  summary: 'Run the SMS station headless: receive into the archive, send the outbox',
  help: `Usage: smsdesk station [--port auto|PATH ...] [--db FILE] [--demo] [--rate N] [--pin PIN] [--baud N] [--mailbox URL]

Drives the modems, stores every SMS they receive in the archive (deleting it from
the modem only after it is stored), and sends what "smsdesk send" or the desktop
app queued: part by part, retried when the network is busy, marked delivered by
status reports. Two stations on one archive never drive the same modem.
Stop with Ctrl-C.

Options:
  --port auto    Find modems on every serial port (the default), again every 30 s
  --port PATH    Use the modem on this port (repeat for several)
${DB_OPTION_HELP}
  --demo         No hardware: a virtual modem and a phone that answers
                 (${DEMO_HANDSET_NUMBER}); archive demo.sqlite unless --db
  --rate N       Parts per minute per modem (default 6)
  --pin PIN      Enter this SIM PIN if a SIM asks
  --baud N       Line speed (default 115200)
  --mailbox URL  Also serve this mailbox server as one of its stations: send its
                 SMS jobs (login codes, invitations, messages) and upload what
                 arrives. The station token ("smsdesk mailbox station add" prints
                 it) is read from the environment variable ${TOKEN_ENV}.
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', multiple: true },
        db: { type: 'string' },
        demo: { type: 'boolean' },
        rate: { type: 'string' },
        pin: { type: 'string' },
        baud: { type: 'string' },
        mailbox: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    const ports = values.port ?? [];
    if (values.demo && ports.length > 0) throw new UsageError('--demo brings its own modem; leave out --port.');
    const rate = values.rate === undefined ? undefined : Number(values.rate);
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 600))
      throw new UsageError('--rate must be a number from 1 to 600.');
    const baud = parseBaud(values.baud);
    const db = values.db ?? (values.demo ? join(dirname(defaultArchivePath()), 'demo.sqlite') : undefined);
    let mailbox: StationRun['mailbox'];
    if (values.mailbox !== undefined) {
      const checked = checkServerUrl(values.mailbox);
      if (!checked.ok) throw new UsageError(`--mailbox: ${checked.reason}`);
      const token = process.env[TOKEN_ENV]?.trim();
      if (!token) throw new UsageError(`--mailbox needs the station token in ${TOKEN_ENV} ("smsdesk mailbox station add" prints it).`);
      mailbox = { url: checked.url, token };
    }
    return runStation(io, { ports, demo: values.demo ?? false, db, rate, baud, pin: values.pin, mailbox });
  },
};

interface StationRun {
  ports: readonly string[];
  demo: boolean;
  db: string | undefined;
  rate: number | undefined;
  baud: number;
  pin: string | undefined;
  mailbox: { url: string; token: string } | undefined;
}

function linkLine(event: StationLinkEvent, url: string): string | null {
  const time = new Date().toISOString().slice(11, 19);
  switch (event.kind) {
    case 'connected':
      return `${time}  mailbox ${url}: connected as station "${event.name}"`;
    case 'disconnected':
      return `${time}  mailbox ${url}: connection lost${event.retryInMs !== null ? '; trying again' : ''}`;
    case 'refused':
      return `${time}  mailbox ${url}: the server refused the station token; not trying again`;
    case 'log':
      return event.level === 'info' ? null : `${time}  mailbox ${event.level}: ${event.text}`;
    case 'job':
    case 'uploaded':
      return null;
  }
}

async function runStation(io: CliIo, run: StationRun): Promise<number> {
  let emulator: Emulator | undefined;
  let opener: PortOpener = systemOpener(run.baud);
  let list: () => Promise<readonly string[]> = systemPorts;
  if (run.demo) {
    const demo = createDemo();
    emulator = demo;
    const binding = demo.binding() as unknown as SerialBinding;
    opener = (path) => openSerialTransport(path, 115200, binding);
    list = async () => (await demo.binding().list()).map((p) => p.path);
  }
  const archive = openCliArchive(run.db);
  const station = new Station({ archive, ownsArchive: true, ...(run.rate !== undefined ? { ratePerMinute: run.rate } : {}) });
  station.onEvent((event) => {
    const line = eventLine(event);
    if (line !== null) io.stdout(`${line}\n`);
  });
  io.stdout(`SMSDesk station ${station.holder}\nArchive: ${run.db ?? defaultArchivePath()}\n`);
  const auto = run.demo || run.ports.length === 0 || run.ports.includes('auto');
  const explicit = run.ports.filter((p) => p !== 'auto');
  const supervisor = auto ? new ModemSupervisor({ list, opener, ...(run.pin !== undefined ? { pin: run.pin } : {}) }) : undefined;
  const leasePorts = (): string[] => explicit.filter((p) => !archive.leases.acquire(`port:${p}`, station.holder, PORT_LEASE_MS));
  let timer: ReturnType<typeof setInterval> | undefined;
  let link: StationLink | undefined;
  try {
    const busy = leasePorts();
    if (busy.length > 0) {
      io.stderr(`Another SMSDesk process is using ${busy.join(', ')}; not opening ${busy.length > 1 ? 'them' : 'it'}.\n`);
    }
    for (const path of explicit.filter((p) => !busy.includes(p))) {
      const modem = new Modem({ path, opener, ...(run.pin !== undefined ? { pin: run.pin } : {}) });
      station.addModem(modem, { owned: true });
      void modem.open().catch((error: unknown) => io.stderr(`${path}: ${(error as Error).message}\n`));
    }
    if (supervisor) {
      station.useSupervisor(supervisor);
      const found = await supervisor.scan();
      if (found.length === 0 && explicit.length === 0) io.stdout('No modem found yet; looking again every 30 seconds.\n');
    }
    if (run.demo)
      io.stdout(
        `Demo: the phone ${DEMO_HANDSET_NUMBER} answers every SMS. Try: smsdesk send --db ${run.db} --to ${DEMO_HANDSET_NUMBER} --text Hello\n`,
      );
    const mailbox = run.mailbox;
    if (mailbox !== undefined) {
      link = new StationLink({ url: mailbox.url, token: mailbox.token, station });
      link.onEvent((event) => {
        const line = linkLine(event, mailbox.url);
        if (line !== null) io.stdout(`${line}\n`);
      });
      link.start();
    }
    io.stdout('Press Ctrl-C to stop.\n');
    timer = setInterval(() => {
      leasePorts();
      void supervisor?.scan().catch(() => undefined);
    }, RESCAN_MS);
    await io.interrupted();
  } finally {
    if (timer) clearInterval(timer);
    // The link reports what the station did: it ends before the station does.
    await link?.stop();
    for (const p of explicit) archive.leases.release(`port:${p}`, station.holder);
    await station.stop();
    // The supervisor's modems are its own: closed properly (port released) before it goes.
    for (const modem of supervisor?.modems.values() ?? []) await modem.close().catch(() => undefined);
    supervisor?.dispose();
    emulator?.dispose();
  }
  io.stdout('Stopped.\n');
  return 0;
}
