import { parseArgs } from 'node:util';
import { USSD_STATUS_MESSAGE } from '../../../modem/at/index';
import { UssdError, type UssdReply } from '../../../modem/driver/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { parseBaud, withModem } from '../modem-access';

export const ussdCommand: Command = {
  path: ['ussd'],
  summary: 'Send a USSD code (balance, menus) and print the answers',
  help: `Usage: smsdesk ussd --port PATH CODE [--answer TEXT ...] [--timeout MS] [--pin PIN] [--json]

Sends CODE (e.g. *100#) and prints the network's answer. When the network shows
a menu, each --answer is sent in turn; the session is cancelled if the menu is
still open at the end.

Options:
  --port PATH     The modem's serial port (the one that delivers notices)
  --answer TEXT   A menu choice; repeat for several steps
  --timeout MS    Time for each answer (default 30000)
  --pin PIN       Enter this SIM PIN if the SIM asks
  --baud N        Line speed (default 115200)
  --json          One JSON object: {replies: [...]}
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        answer: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        pin: { type: 'string' },
        baud: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (!values.port) throw new UsageError('Give the modem\'s port with --port PATH (see "smsdesk ports").');
    const code = positionals[0];
    if (!code || positionals.length > 1) throw new UsageError('Give one USSD code, e.g. smsdesk ussd --port PATH "*100#".');
    const timeoutMs = values.timeout === undefined ? 30_000 : Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new UsageError('--timeout must be a number of milliseconds.');
    return withModem(io, { path: values.port, baud: parseBaud(values.baud), pin: values.pin }, async (modem) => {
      const replies: UssdReply[] = [];
      const show = (r: UssdReply) => {
        replies.push(r);
        if (!values.json) io.stdout(`${r.text ?? USSD_STATUS_MESSAGE[r.status]}\n`);
      };
      let status = 0;
      try {
        const session = await modem.ussd(code, { timeoutMs });
        show(await session.next(timeoutMs));
        for (const answer of values.answer ?? []) {
          if (!session.open) break;
          if (!values.json) io.stdout(`> ${answer}\n`);
          show(await session.answer(answer, timeoutMs));
        }
        if (session.open) await session.cancel();
        // An end without an answer (not supported, ended by the network, timed out) is a failure for scripts.
        const last = replies[replies.length - 1];
        if (last && last.text === null && last.status !== 'done') status = 1;
      } catch (error) {
        if (!(error instanceof UssdError)) throw error;
        io.stderr(`${error.message}\n`);
        status = 1;
      }
      if (values.json) io.stdout(`${JSON.stringify({ replies })}\n`);
      return status;
    });
  },
};
