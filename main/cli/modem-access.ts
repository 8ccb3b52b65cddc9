/** How the CLI's modem commands reach a modem: the OS serial binding, a baud option, one-shot sessions. */
import { openSerialTransport } from '../../modem/at/index';
import { isDriverError, Modem, type PortOpener } from '../../modem/driver/index';
import { UsageError, type CliIo } from './io';

/** Opens ports through the operating system's serial binding at `baud`. */
export function systemOpener(baud = 115200): PortOpener {
  return (path) => openSerialTransport(path, baud);
}

export function parseBaud(value: string | undefined): number {
  const baud = value === undefined ? 115200 : Number(value);
  if (!Number.isInteger(baud) || baud < 300) throw new UsageError('--baud must be a whole number such as 115200.');
  return baud;
}

/**
 * Opens a modem on `path` for a one-shot command (no start-up sweep, no polling), runs
 * `job`, and closes it. Driver errors become a plain message and exit status 1.
 */
export async function withModem(
  io: CliIo,
  options: { path: string; baud: number; pin?: string | undefined },
  job: (modem: Modem) => Promise<number>,
): Promise<number> {
  const modem = new Modem({
    path: options.path,
    opener: systemOpener(options.baud),
    sweepOnOpen: false,
    pollMs: 0,
    ...(options.pin !== undefined ? { pin: options.pin } : {}),
  });
  try {
    await modem.open();
    return await job(modem);
  } catch (error) {
    if (isDriverError(error)) {
      io.stderr(`${error.message}${error.detail ? ` (${error.detail})` : ''}\n`);
      return 1;
    }
    throw error;
  } finally {
    await modem.close();
    modem.dispose();
  }
}
