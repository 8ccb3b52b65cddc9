import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { isStationError, queueText } from '../../station/index';
import { UsageError, type CliIo } from '../io';
import { DB_OPTION_HELP, formatTime, withArchive } from './archive-db';
import { parseBaud, withModem } from '../modem-access';

export const sendCommand: Command = {
  path: ['send'],
  summary: 'Queue an SMS for the station, or send one through a modem now (--port)',
  help: `Usage: smsdesk send --to NUMBER --text TEXT [--from SIM] [--report|--no-report] [--flash] [--at TIME] [--db FILE] [--json]
       smsdesk send --port PATH --to NUMBER --text TEXT [--flash] [--report] [--pin PIN] [--json]

Without --port, the message goes into the archive's outbox and a running station
("smsdesk station", or the desktop app) sends it, retries it when the network is
busy, and follows its delivery reports. "smsdesk outbox" shows where it is.
With several modems, the station's routing rules pick one, unless --from names it.

With --port, sends one SMS (split into parts when long) and prints the message reference the
network gave each part. Nothing is queued or retried: the result says whether it
can be tried again (transient), cannot be sent (permanent), or may or may not
have gone out (unconfirmed).

Options:
  --to NUMBER    Recipient, e.g. +491701234567
  --text TEXT    The message
  --flash        Show on the recipient's screen at once (class 0), not stored
  --at TIME      (queued) Not before this time, e.g. 2026-12-24T18:00:00+01:00
  --from SIM     (queued) Send from this SIM: its number or its modem's IMEI. Only that
                 modem sends it; while it is not connected, the message waits
${DB_OPTION_HELP}
  --port PATH    Send now through the modem on this serial port
  --report       Ask for a delivery report (with --port: none unless given)
  --no-report    (queued) Ask for none. Without either, the station decides (it asks by default)
  --pin PIN      Enter this SIM PIN if the SIM asks
  --baud N       Line speed (default 115200)
  --json         One JSON object with the result
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        to: { type: 'string' },
        text: { type: 'string' },
        flash: { type: 'boolean' },
        report: { type: 'boolean' },
        pin: { type: 'string' },
        baud: { type: 'string' },
        json: { type: 'boolean' },
        db: { type: 'string' },
        at: { type: 'string' },
        from: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
      allowNegative: true,
    });
    if (!values.to || !/^\+?[0-9]{2,20}$/.test(values.to)) throw new UsageError('Give the recipient with --to, e.g. --to +491701234567.');
    if (values.text === undefined || values.text === '') throw new UsageError('Give the message with --text.');
    const to = values.to;
    const text = values.text;
    if (!values.port) {
      if (values.pin !== undefined || values.baud !== undefined) throw new UsageError('--pin and --baud only go with --port.');
      return queueSend(io, {
        to,
        text,
        flash: values.flash ?? false,
        at: values.at,
        db: values.db,
        from: values.from,
        report: values.report,
        json: values.json ?? false,
      });
    }
    if (values.at !== undefined || values.db !== undefined || values.from !== undefined) {
      throw new UsageError('--at, --db and --from queue a message; leave out --port.');
    }
    return withModem(io, { path: values.port, baud: parseBaud(values.baud), pin: values.pin }, async (modem) => {
      const result = await modem.send({ to, text, flash: values.flash ?? false, statusReport: values.report ?? false });
      if (values.json) {
        io.stdout(`${JSON.stringify(result)}\n`);
        return result.ok ? 0 : 1;
      }
      if (result.ok) {
        io.stdout(
          `Sent in ${result.parts.length} part(s); message reference${result.parts.length > 1 ? 's' : ''} ${result.parts.map((p) => p.mr ?? '?').join(', ')}.\n`,
        );
        return 0;
      }
      for (const p of result.sent) io.stdout(`Part ${p.part} of ${p.total} sent (reference ${p.mr ?? '?'}).\n`);
      const what = {
        transient: 'Not sent; it can be tried again',
        permanent: 'Not sent',
        ambiguous: 'Unconfirmed',
        cancelled: 'Cancelled',
      }[result.failure.kind];
      io.stderr(`${what}: ${result.failure.reason}\n`);
      return 1;
    });
  },
};

function parseAt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--at needs a date and time such as 2026-12-24T18:00:00+01:00, not "${value}".`);
  return ms;
}

/** Without --port: into the durable outbox, for whichever station drives a modem. */
async function queueSend(
  io: CliIo,
  request: {
    to: string;
    text: string;
    flash: boolean;
    at: string | undefined;
    db: string | undefined;
    from: string | undefined;
    report: boolean | undefined;
    json: boolean;
  },
): Promise<number> {
  const notBefore = parseAt(request.at);
  if (request.from !== undefined && request.from.trim() === '')
    throw new UsageError('Give the SIM to send from with --from, e.g. --from +491701234567.');
  return withArchive(request.db, (archive) => {
    let queued;
    try {
      queued = queueText(archive, {
        to: request.to,
        text: request.text,
        flash: request.flash,
        ...(notBefore !== undefined ? { notBefore } : {}),
        ...(request.from !== undefined ? { from: request.from } : {}),
        ...(request.report !== undefined ? { statusReport: request.report } : {}),
      });
    } catch (error) {
      if (isStationError(error) && error.code === 'STATION_UNKNOWN_SENDER') throw new UsageError(error.message);
      throw error;
    }
    const { message, job } = queued;
    if (request.json) {
      io.stdout(
        `${JSON.stringify({ queued: true, uid: message.uid, id: message.id, to: message.peer, parts: message.partCount, notBefore: new Date(job.notBefore).toISOString(), modemId: job.modemId, statusReport: job.statusReport })}\n`,
      );
    } else {
      const when = job.notBefore > Date.now() ? ` for ${formatTime(job.notBefore)} UTC` : '';
      io.stdout(`Queued${when}: ${message.partCount} part(s) to ${message.peer} (message ${message.uid}). A running station sends it.\n`);
    }
    return 0;
  });
}
