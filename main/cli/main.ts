import { parseArgs } from 'node:util';
import { APP_VERSION } from '../core';
import type { Command } from './command';
import { accountCommands } from './commands/account';
import { archiveIoCommands } from './commands/archive-io';
import { bulkCommands } from './commands/bulk';
import { emulatorCommand } from './commands/emulator';
import { inboxCommand } from './commands/inbox';
import { modemInfoCommand } from './commands/modem-info';
import { modemsCommands } from './commands/modems';
import { outboxCommand } from './commands/outbox';
import { mailboxServeCommand, mailboxStationCommand } from './commands/mailbox';
import { pduDecodeCommand, pduEncodeCommand } from './commands/pdu';
import { portsCommand } from './commands/ports';
import { routesCommands } from './commands/routes';
import { rulesCommands } from './commands/rules';
import { searchCommand } from './commands/search';
import { sendCommand } from './commands/send';
import { stationCommand } from './commands/station';
import { threadCommand } from './commands/thread';
import { ussdCommand } from './commands/ussd';
import { webCommand } from './commands/web';
import { ArchiveError } from '../archive/index';
import { isStationError } from '../station/index';
import { UsageError, type CliIo } from './io';

/** Every command of the CLI. Later issues add theirs here. */
export const commands: readonly Command[] = [
  ...accountCommands,
  ...archiveIoCommands,
  ...bulkCommands,
  emulatorCommand,
  inboxCommand,
  mailboxServeCommand,
  mailboxStationCommand,
  modemInfoCommand,
  ...modemsCommands,
  outboxCommand,
  pduDecodeCommand,
  pduEncodeCommand,
  portsCommand,
  ...routesCommands,
  ...rulesCommands,
  searchCommand,
  sendCommand,
  stationCommand,
  threadCommand,
  ussdCommand,
  webCommand,
];

export function generalHelp(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return `SMSDesk ${APP_VERSION}: an SMS station for USB GSM modems, headless.

Usage: smsdesk <command> [options]
       smsdesk <command> --help

Commands:
${lines.join('\n')}

Options:
  -h, --help     Show this help
  -v, --version  Print the version
`;
}

function findCommand(argv: readonly string[]): { command: Command; rest: readonly string[] } | null {
  let best: { command: Command; rest: readonly string[] } | null = null;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w) && (!best || n > best.command.path.length)) {
      best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

/** Runs the CLI; returns the exit status. Errors the user caused are printed plainly. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
      strict: false,
      allowPositionals: true,
    });
    if (values.version) {
      io.stdout(`${APP_VERSION}\n`);
      return 0;
    }
    if (values.help || argv.length === 0) {
      io.stdout(generalHelp());
      return 0;
    }
    io.stderr(`smsdesk: unknown command "${positionals.join(' ') || argv.join(' ')}". Run "smsdesk --help" for the list.\n`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`smsdesk ${command.path.join(' ')}: ${err.message}\n`);
      return 2;
    }
    // The archive's and the station's errors are written for people: say them, no stack.
    if (err instanceof ArchiveError || isStationError(err)) {
      io.stderr(`smsdesk ${command.path.join(' ')}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
