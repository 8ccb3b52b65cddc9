import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_HANDSET_NUMBER } from '../../../modem/emulator/index';
import { memoryAccountTokens, StationCore } from '../../core';
import { defaultArchivePath } from '../../station/index';
import { startWebBridge } from '../../web';
import type { Command } from '../command';
import { UsageError } from '../io';
import { rendererDir } from '../paths';
import { DB_OPTION_HELP, openCliArchive } from './archive-db';

export const webCommand: Command = {
  path: ['web'],
  summary: 'Serve the SMSDesk window to a browser (for stations without a screen)',
  help: `Usage: smsdesk web [--demo] [--db FILE] [--host ADDRESS] [--port N] [--no-modems]

Serves the SMSDesk user interface over HTTP, connected to a station in this
process (it drives the modems and the archive like "smsdesk station"), and
prints a link with a login token. Only a browser that opened that link gets in.

Options:
  --demo          No hardware: a virtual modem and a phone that answers
                  (${DEMO_HANDSET_NUMBER}); archive demo.sqlite unless --db
${DB_OPTION_HELP}
  --no-modems     Do not look for modems on the serial ports
  --host ADDRESS  Address to listen on (default 127.0.0.1, this machine only).
                  Use 0.0.0.0 to let other machines on your network in.
  --port N        Port to listen on (default: a free port).
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean' },
        db: { type: 'string' },
        'no-modems': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    const demo = values.demo ?? false;
    const db = values.db ?? (demo ? join(dirname(defaultArchivePath()), 'demo.sqlite') : undefined);
    const archive = openCliArchive(db);
    const core = new StationCore({
      archive,
      ownsArchive: true,
      demo,
      systemPorts: !demo && !values['no-modems'],
      // A browser station keeps no secrets on disk: the mailbox session lasts while it runs.
      tokenStore: memoryAccountTokens(),
      log: (message, err) => io.stderr(`${message}${err instanceof Error ? `: ${err.message}` : ''}\n`),
    });
    let bridge;
    try {
      bridge = await startWebBridge({ core, rendererDir: rendererDir(), host: values.host ?? '127.0.0.1', port });
    } catch (err) {
      await core.close();
      throw err;
    }
    io.stdout(
      `SMSDesk is serving on ${bridge.url}\nOpen this link to log in (it carries a secret token):\n  ${bridge.loginUrl}\nPress Ctrl-C to stop.\n`,
    );
    await io.interrupted();
    await bridge.close();
    await core.close();
    io.stdout('Stopped.\n');
    return 0;
  },
};
