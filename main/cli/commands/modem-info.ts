import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { UsageError } from '../io';
import { parseBaud, withModem } from '../modem-access';

export const modemInfoCommand: Command = {
  path: ['modem', 'info'],
  summary: 'Show a modem: identity, SIM, signal, operator, storage',
  help: `Usage: smsdesk modem info --port PATH [--pin PIN] [--baud N] [--json]

Opens the modem on PATH, sets it up as SMSDesk would, and shows what it is, its
SIM, the network it is on and how full its message storage is. Messages on the
modem are left where they are.

Options:
  --port PATH  The modem's serial port (see "smsdesk ports")
  --pin PIN    Enter this SIM PIN if the SIM asks (once; a wrong PIN is not retried)
  --baud N     Line speed (default 115200)
  --json       One JSON object
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, pin: { type: 'string' }, baud: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.port) throw new UsageError('Give the modem\'s port with --port PATH (see "smsdesk ports").');
    return withModem(io, { path: values.port, baud: parseBaud(values.baud), pin: values.pin }, async (modem) => {
      const storage = await modem.storage();
      const info = {
        port: modem.path,
        identity: modem.identity,
        quirks: modem.quirks?.id,
        network: modem.status,
        storage,
        setup: modem.setup && {
          receiveStore: modem.setup.storage.receive,
          stores: modem.setup.storage.sweep,
          cnmi: modem.setup.cnmi.values.join(','),
          receive: modem.setup.cnmi.receive,
          reports: modem.setup.cnmi.reports,
          cnma: modem.setup.cnma,
          smsc: modem.setup.smsc,
          warnings: modem.setup.warnings,
        },
      };
      if (values.json) {
        io.stdout(`${JSON.stringify(info)}\n`);
        return 0;
      }
      const id = modem.identity;
      const s = modem.status;
      const lines = [
        `Modem      ${[id?.manufacturer, id?.model].filter(Boolean).join(' ')} (revision ${id?.revision || 'unknown'})`,
        `IMEI       ${id?.imei || 'unknown'}`,
        `SIM        IMSI ${id?.imsi ?? 'unknown'}, ICCID ${id?.iccid ?? 'unknown'}`,
        `Number     ${id?.ownNumber ?? 'not stored on the SIM'}`,
        `Network    ${s.operator ?? 'none'}, ${s.registration?.status ?? 'unknown registration'}`,
        `Signal     ${s.signal?.dbm != null ? `${s.signal.dbm} dBm (${s.signal.rssi}/31)` : 'unknown'}`,
        `Storage    ${storage.map((u) => `${u.storage ?? '?'} ${u.used}/${u.total}`).join(', ') || 'unknown'}`,
        `SMS centre ${modem.setup?.smsc ?? 'not set'}`,
        `Receiving  ${info.setup?.receive ?? '?'} (+CNMI=${info.setup?.cnmi ?? '?'}), reports ${info.setup?.reports ?? '?'}`,
        ...(modem.setup?.warnings ?? []).map((w) => `Warning    ${w}`),
      ];
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};
