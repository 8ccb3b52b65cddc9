/**
 * `smsdesk account login|logout|status|sync`: a mailbox account for the headless archive.
 * Like `smsdesk station --mailbox` and its SMSDESK_STATION_TOKEN, the secret is never kept
 * on disk nor taken as an argument (it would show in every process list): `login` prints the
 * session once, and the other commands read it from SMSDESK_ACCOUNT_SESSION.
 */
import { parseArgs } from 'node:util';
import { ContactReach, SyncStore, type Archive } from '../../archive/index';
import { checkServerUrl } from '../../core/account-server-url';
import { SERVER_SETTING } from '../../core/account-service';
import { isMailboxClientError, MailboxClient, memoryTokenStore, SYNC_KEYS, SyncEngine, type StoredSession } from '../../sync/index';
import type { Command } from '../command';
import { UsageError, type CliIo } from '../io';
import { DB_OPTION_HELP, withArchive } from './archive-db';

const SESSION_ENV = 'SMSDESK_ACCOUNT_SESSION';

/** The session as one line: `<session id>.<number>.<token>` (the token may hold dots; the first two fields never do). */
export function formatSession(s: StoredSession): string {
  return `${s.sessionId}.${s.number}.${s.token}`;
}

export function parseSession(text: string): StoredSession | undefined {
  const match = /^(\d{1,15})\.(\+\d{3,20})\.(\S+)$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return undefined;
  return { sessionId: Number(match[1]), number: match[2], token: match[3] };
}

function sessionFromEnv(): StoredSession {
  const text = process.env[SESSION_ENV];
  if (text === undefined || text.trim() === '') {
    throw new UsageError(`Not logged in: put the line "smsdesk account login" printed into ${SESSION_ENV}.`);
  }
  const session = parseSession(text);
  if (session === undefined) throw new UsageError(`${SESSION_ENV} is not a session that "smsdesk account login" printed.`);
  return session;
}

function serverOf(archive: Archive): string {
  const server = archive.settings.get(SERVER_SETTING);
  if (server === undefined) throw new UsageError('No mailbox server yet: log in with --server URL first.');
  return server;
}

/** A client on the archive's server with the session from the environment, kept in memory only. */
function clientFor(archive: Archive, session: StoredSession): MailboxClient {
  return new MailboxClient({ url: serverOf(archive), tokens: memoryTokenStore(session) });
}

/** The mailbox's refusals and absences as plain words for a terminal. */
async function talking<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isMailboxClientError(err)) throw err;
    if (err.signedOut) throw new UsageError(`The mailbox ended this session: log in again. (${err.message})`);
    throw new UsageError(err.message);
  }
}

/** The first non-empty line typed (the code from the SMS). */
async function readLine(io: CliIo): Promise<string> {
  for await (const line of io.stdin()) if (line.trim() !== '') return line.trim();
  throw new UsageError('No code was typed.');
}

const loginCommand: Command = {
  path: ['account', 'login'],
  summary: 'Log in to a mailbox account by the code texted to the number',
  help: `Usage: smsdesk account login NUMBER [--server URL] [--code CODE] [--device NAME] [--db FILE]

Asks the mailbox server to text a login code to NUMBER, reads the code from
the terminal (or --code), and prints the session once, as a line to put into
${SESSION_ENV} for the other account commands. The session is a secret:
SMSDesk does not store it on disk.

Options:
  --server URL   The mailbox server (http or https), kept in the archive; needed the first time
  --code CODE    The code from the SMS, if it was asked for already (no new code is asked)
  --device NAME  How this computer shows in the account's device list (default: SMSDesk CLI)
${DB_OPTION_HELP}
  --json         Print {number, sessionId, session} as JSON`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        code: { type: 'string' },
        device: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const number = positionals[0];
    if (number === undefined || positionals.length > 1)
      throw new UsageError('Give the phone number to log in with: smsdesk account login +491701234567');
    return withArchive(values.db, async (archive) => {
      if (values.server !== undefined) {
        const checked = checkServerUrl(values.server);
        if (!checked.ok) throw new UsageError(`--server: ${checked.reason}`);
        archive.settings.set(SERVER_SETTING, checked.url);
      }
      const tokens = memoryTokenStore();
      const client = new MailboxClient({ url: serverOf(archive), tokens });
      let code = values.code;
      if (code === undefined) {
        await talking(() => client.requestCode(number));
        io.stderr(`A code is on its way to ${number} by SMS. Type it and press Enter: `);
        code = await readLine(io);
      }
      const typed = code;
      const session = await talking(() => client.login({ number, code: typed }, values.device ?? 'SMSDesk CLI'));
      if (values.json) {
        io.stdout(`${JSON.stringify({ number: session.number, sessionId: session.sessionId, session: formatSession(session) })}\n`);
      } else {
        io.stdout(`Logged in as ${session.number}. Keep this line secret and set it for the other account commands:\n`);
        io.stdout(`${SESSION_ENV}=${formatSession(session)}\n`);
      }
      return 0;
    });
  },
};

const logoutCommand: Command = {
  path: ['account', 'logout'],
  summary: `End the session in ${SESSION_ENV} at the mailbox server`,
  help: `Usage: smsdesk account logout [--db FILE]

Logs this session out at the mailbox server: the line in ${SESSION_ENV}
is of no use afterwards. Messages already in the archive stay.

Options:
${DB_OPTION_HELP}`,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' } } });
    const session = sessionFromEnv();
    return withArchive(values.db, async (archive) => {
      const client = clientFor(archive, session);
      await talking(() => client.revokeDevice(session.sessionId));
      io.stdout(`Logged out ${session.number}; remove ${SESSION_ENV}.\n`);
      return 0;
    });
  },
};

const statusCommand: Command = {
  path: ['account', 'status'],
  summary: 'The mailbox account: server, number, devices, messages waiting to be sent',
  help: `Usage: smsdesk account status [--db FILE] [--json]

Says which server the archive uses and, with ${SESSION_ENV} set, asks the
server whether the session still holds and which devices the account has.

Options:
${DB_OPTION_HELP}
  --json         Print the status as JSON`,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' }, json: { type: 'boolean' } } });
    return withArchive(values.db, async (archive) => {
      const server = archive.settings.get(SERVER_SETTING) ?? null;
      const text = process.env[SESSION_ENV];
      const session = text === undefined ? undefined : parseSession(text);
      const pending = new SyncStore(archive).entries(SYNC_KEYS.sendPrefix).length;
      if (server === null || session === undefined) {
        const status = { server, state: 'signed-out', number: null, pendingSends: pending };
        io.stdout(
          values.json
            ? `${JSON.stringify(status)}\n`
            : `Not logged in${server === null ? '; no mailbox server yet' : ` (server ${server})`}.\n`,
        );
        return 0;
      }
      const devices = await talking(() => clientFor(archive, session).devices());
      const status = { server, state: 'signed-in', number: session.number, pendingSends: pending, devices };
      if (values.json) {
        io.stdout(`${JSON.stringify(status)}\n`);
      } else {
        io.stdout(`Logged in as ${session.number} at ${server}.\n${pending} message(s) wait to be sent.\nDevices:\n`);
        for (const d of devices) io.stdout(`  ${d.current ? '*' : ' '} ${d.name} (last seen ${new Date(d.lastSeenAt).toISOString()})\n`);
      }
      return 0;
    });
  },
};

const syncCommand: Command = {
  path: ['account', 'sync'],
  summary: 'Sync the archive with the mailbox account once, and match the contacts',
  help: `Usage: smsdesk account sync [--db FILE]

One pass with the session in ${SESSION_ENV}: messages waiting here go out,
receipts owed go out, and whatever the mailbox has since the last pass
comes into the archive. Then the contacts are matched with the mailbox
(which numbers are registered), as the desktop does.

Options:
${DB_OPTION_HELP}`,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' } } });
    const session = sessionFromEnv();
    return withArchive(values.db, async (archive) => {
      const client = clientFor(archive, session);
      // pollMs 0 and no start(): one pass, no socket, no timers left behind.
      const engine = new SyncEngine({ archive, client, pollMs: 0 });
      let added = 0;
      engine.onEvent((e) => {
        if (e.kind === 'message-added') added++;
      });
      try {
        await talking(() => engine.syncNow());
      } finally {
        await engine.stop();
      }
      const reach = new ContactReach(archive.db);
      const numbers = reach.numbersToUpload();
      const { registered } = await talking(() => client.uploadContacts(numbers));
      reach.record(session.number, numbers, new Set(registered), Date.now());
      io.stdout(
        `In sync with the mailbox (state ${engine.state}): ${added} new message(s); ${engine.pendingSends} wait to be sent.\n` +
          `${registered.length} of ${numbers.length} contact number(s) are on the mailbox.\n`,
      );
      return 0;
    });
  },
};

export const accountCommands: readonly Command[] = [loginCommand, logoutCommand, statusCommand, syncCommand];
