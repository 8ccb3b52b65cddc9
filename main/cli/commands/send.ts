import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { UsageError } from '../io';
import { parseBaud, withModem } from './ports';

export const sendCommand: Command = {
  path: ['send'],
  summary: 'Send one SMS through a modem, now',
  help: `Usage: smsdesk send --port PATH --to NUMBER --text TEXT [--flash] [--report] [--pin PIN] [--json]

Sends one SMS (split into parts when long) and prints the message reference the
network gave each part. Nothing is queued or retried: the result says whether it
can be tried again (transient), cannot be sent (permanent), or may or may not
have gone out (unconfirmed).

Options:
  --port PATH    The modem's serial port
  --to NUMBER    Recipient, e.g. +491701234567
  --text TEXT    The message
  --flash        Show on the recipient's screen at once (class 0), not stored
  --report       Ask the network for a delivery report
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
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.port) throw new UsageError('Give the modem\'s port with --port PATH (see "smsdesk ports").');
    if (!values.to || !/^\+?[0-9]{2,20}$/.test(values.to)) throw new UsageError('Give the recipient with --to, e.g. --to +491701234567.');
    if (values.text === undefined || values.text === '') throw new UsageError('Give the message with --text.');
    const to = values.to;
    const text = values.text;
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
