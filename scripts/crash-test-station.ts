/**
 * The crash test's station process (scripts/crash-test.ts starts it, SIGKILLs it, starts it
 * again): the real Station on a file archive, driving the virtual modem through its pty with
 * the operating system's serial binding, exactly as `smsdesk station --port PATH` would, with
 * timings scaled down (STATION_TIMING).
 *
 *   npx tsx scripts/crash-test-station.ts --db FILE --port PTY
 *
 * Prints StationLine JSON, one per line (every log line of the station, for the iteration's log
 * file). SIGTERM stops it cleanly.
 */
import { parseArgs } from 'node:util';
import { openSerialTransport } from '../modem/at/index';
import { Modem } from '../modem/driver/index';
import { openArchive } from '../main/archive/index';
import { Station } from '../main/station/index';
import { STATION_TIMING, type StationLine } from './crash-test-shared';

function say(line: StationLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string' } }, strict: true });
  if (!values.db || !values.port) throw new Error('--db and --port are required');
  const archive = openArchive(values.db, { defaultCountry: 'DE' });
  const station = new Station({
    archive,
    ownsArchive: true,
    pollMs: STATION_TIMING.pollMs,
    claimMs: STATION_TIMING.claimMs,
    leaseMs: STATION_TIMING.leaseMs,
    ratePerMinute: STATION_TIMING.ratePerMinute,
    retryDelayMs: () => STATION_TIMING.retryDelayMs,
  });
  station.onEvent((e) => {
    if (e.kind === 'log') say({ kind: 'log', level: e.level, text: e.text });
  });
  const modem = new Modem({
    path: values.port,
    opener: (path) => openSerialTransport(path, 115200),
    pollMs: STATION_TIMING.modemPollMs,
    reconnectMs: 200,
  });
  station.addModem(modem, { owned: true });
  const stop = async (): Promise<void> => {
    await station.stop();
    say({ kind: 'stopped' });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  const identity = await modem.open();
  say({ kind: 'ready', imei: identity.imei });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
