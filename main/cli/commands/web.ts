import { parseArgs } from 'node:util';
import { StationCore } from '../../core';
import { startWebBridge } from '../../web';
import type { Command } from '../command';
import { UsageError } from '../io';
import { rendererDir } from '../paths';

export const webCommand: Command = {
  path: ['web'],
  summary: 'Serve the SMSDesk window to a browser (for stations without a screen)',
  help: `Usage: smsdesk web [--host ADDRESS] [--port N]

Serves the SMSDesk user interface over HTTP, connected to a station core in this
process, and prints a link with a login token. Only a browser that opened that
link gets in.

Options:
  --host ADDRESS  Address to listen on (default 127.0.0.1, this machine only).
                  Use 0.0.0.0 to let other machines on your network in.
  --port N        Port to listen on (default: a free port).
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { host: { type: 'string' }, port: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    const core = new StationCore();
    const bridge = await startWebBridge({ core, rendererDir: rendererDir(), host: values.host ?? '127.0.0.1', port });
    io.stdout(
      `SMSDesk is serving on ${bridge.url}\nOpen this link to log in (it carries a secret token):\n  ${bridge.loginUrl}\nPress Ctrl-C to stop.\n`,
    );
    await io.interrupted();
    await bridge.close();
    core.dispose();
    io.stdout('Stopped.\n');
    return 0;
  },
};
