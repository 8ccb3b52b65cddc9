/**
 * The crash test's virtual GSM network, in a process of its own (scripts/crash-test.ts starts
 * it): one virtual modem on a pseudo-terminal, scripted handsets, and the emulator's control
 * API. It outlives every station process of an iteration, so the modem's SIM store, its
 * half-finished commands and the service centre's queue survive a station's SIGKILL as they
 * would on real hardware.
 *
 *   npx tsx scripts/crash-test-network.ts --dir DIR [--handsets N]
 *
 * Prints one JSON line {control, port, msisdn, handsets} once the pty exists; SIGTERM ends it.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Emulator, PtyHost, startControlServer } from '../modem/emulator';
import { CRASH_MODEM_NUMBER, handsetNumber, type NetworkReady } from './crash-test-shared';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, handsets: { type: 'string', default: '40' } },
    strict: true,
  });
  if (!values.dir) throw new Error('--dir is required');
  mkdirSync(values.dir, { recursive: true });
  const emulator = new Emulator({
    modems: [{ profile: 'generic', msisdn: CRASH_MODEM_NUMBER }],
    handsets: Array.from({ length: Number(values.handsets) }, (_, k) => handsetNumber(k)),
    // Realistic in shape (every submit waits for the network, deliveries and reports come
    // later, a full SIM makes the service centre retry), fast in scale: a tenth of a second
    // where a real network takes one or two, and a retry after 1.5 s instead of a minute.
    network: { submitLatencyMs: 150, deliveryDelayMs: 120, reportDelayMs: 150, retryMs: 1_500 },
    portBase: 'ttyCRASH',
    services: false,
  });
  const ptys = await PtyHost.start(emulator, values.dir);
  const control = await startControlServer(emulator, { ptys });
  const modem = emulator.modems[0]!;
  const port = modem.ports.find((p) => p.urcs) ?? modem.ports[0]!;
  const ready: NetworkReady = {
    control: control.url,
    port: ptys.pathOf(port) ?? '',
    msisdn: modem.msisdn,
    handsets: emulator.handsets.map((h) => h.msisdn),
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const stop = async (): Promise<void> => {
    await control.close();
    await ptys.close();
    emulator.dispose();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
