import { parseArgs } from 'node:util';
import {
  addStation,
  compileKeywords,
  DEFAULT_DB_FILE,
  DEFAULT_PORT,
  DEFAULT_REPLY_KEYWORDS,
  KeywordError,
  listStations,
  openStore,
  revokeStation,
  serveMailbox,
  type ReplyKeywords,
} from '../../../mailbox';
import type { Command } from '../command';
import { UsageError } from '../io';

const STORE_OPTIONS = { db: { type: 'string' }, pg: { type: 'string' }, json: { type: 'boolean' } } as const;

function storeLocation(values: { db?: string | undefined; pg?: string | undefined }): { db: string } | { pg: string } {
  if (values.db !== undefined && values.pg !== undefined) throw new UsageError('Give either --db FILE or --pg URL, not both.');
  if (values.pg !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(values.pg)) throw new UsageError('--pg must be a PostgreSQL URL, e.g. postgres://user@host/dbname');
    return { pg: values.pg };
  }
  return { db: values.db ?? DEFAULT_DB_FILE };
}

/** The invitation answer words: comma-separated lists, checked before the server starts. */
function replyKeywords(values: { 'accept-words'?: string | undefined; 'decline-words'?: string | undefined }): ReplyKeywords {
  const list = (text: string): string[] => text.split(',').map((w) => w.trim());
  try {
    return compileKeywords({
      accept: values['accept-words'] !== undefined ? list(values['accept-words']) : DEFAULT_REPLY_KEYWORDS.accept,
      decline: values['decline-words'] !== undefined ? list(values['decline-words']) : DEFAULT_REPLY_KEYWORDS.decline,
    });
  } catch (err) {
    if (err instanceof KeywordError) throw new UsageError(err.message);
    throw err;
  }
}

export const mailboxServeCommand: Command = {
  path: ['mailbox', 'serve'],
  summary: 'Run the mailbox server (a phone number is a mailbox)',
  help: `Usage: smsdesk mailbox serve [--host ADDRESS] [--port N] [--db FILE | --pg URL]

Runs the SMSDesk mailbox server. Accounts are phone numbers; login codes,
invitations and notifications go out as SMS through gateway stations
("smsdesk mailbox station add" makes their tokens).

Options:
  --host ADDRESS  Address to listen on (default 127.0.0.1; 0.0.0.0 for a team server)
  --port N        Port (default ${DEFAULT_PORT})
  --db FILE       SQLite database file (default ${DEFAULT_DB_FILE}); created and migrated as needed
  --pg URL        PostgreSQL instead, e.g. postgres://smsdesk@db/smsdesk; several servers may share it
  --accept-words LIST   SMS answers that accept an invitation, comma-separated
                        (default ${DEFAULT_REPLY_KEYWORDS.accept.join(',')}); the first is named in the invitation
  --decline-words LIST  SMS answers that decline one (default ${DEFAULT_REPLY_KEYWORDS.decline.join(',')})
                        Answers are compared ignoring case, spaces, accents and end punctuation.
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        pg: { type: 'string' },
        'accept-words': { type: 'string' },
        'decline-words': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535.');
    const where = storeLocation(values);
    const keywords = replyKeywords(values);
    const server = await serveMailbox({ host: values.host ?? '127.0.0.1', port, policy: { replyKeywords: keywords }, ...where });
    io.stdout(
      `SMSDesk mailbox server on ${server.url} (${'pg' in where ? 'PostgreSQL' : `SQLite: ${where.db}`})\n` +
        `API description: ${server.url}/v1/openapi.json\n` +
        `Invitations are accepted by ${keywords.accept.join(', ')} and declined by ${keywords.decline.join(', ')}.\n` +
        'Press Ctrl-C to stop.\n',
    );
    await io.interrupted();
    await server.close();
    io.stdout('Stopped.\n');
    return 0;
  },
};

export const mailboxStationCommand: Command = {
  path: ['mailbox', 'station'],
  summary: 'Add, list or revoke gateway stations of a mailbox server',
  help: `Usage: smsdesk mailbox station add NAME [--db FILE | --pg URL] [--json]
       smsdesk mailbox station list       [--db FILE | --pg URL] [--json]
       smsdesk mailbox station revoke ID  [--db FILE | --pg URL] [--json]

A gateway station is an SMSDesk station with a modem that sends the server's
SMS (login codes, invitations, notifications). "add" prints its token once:
give it to that station; the server keeps only a hash. "revoke" cuts a
station off; a connected one is disconnected within seconds.
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], options: STORE_OPTIONS, strict: true, allowPositionals: true });
    const [action, arg] = positionals;
    if (action !== 'add' && action !== 'list' && action !== 'revoke') throw new UsageError('Say what to do: add NAME, list, or revoke ID.');
    const store = await openStore(storeLocation(values));
    try {
      if (action === 'add') {
        const name = arg?.trim();
        if (!name) throw new UsageError('Give the new station a name, e.g. "smsdesk mailbox station add office-modem".');
        const { station, token } = await addStation(store.db, name);
        io.stdout(
          values.json
            ? `${JSON.stringify({ station, token })}\n`
            : `Station ${station.id} "${station.name}" added.\nIts token (shown once, keep it secret):\n  ${token}\n`,
        );
        return 0;
      }
      if (action === 'list') {
        const stations = await listStations(store.db);
        if (values.json) io.stdout(`${JSON.stringify({ stations })}\n`);
        else if (stations.length === 0) io.stdout('No stations yet. Add one with "smsdesk mailbox station add NAME".\n');
        else
          for (const s of stations) {
            const state = s.revokedAt ? 'revoked' : s.lastSeenAt ? `last seen ${new Date(s.lastSeenAt).toISOString()}` : 'never connected';
            io.stdout(`${String(s.id).padStart(4)}  ${s.name}${s.ownerNumber ? `  (own station of ${s.ownerNumber})` : ''}  ${state}\n`);
          }
        return 0;
      }
      const id = Number(arg);
      if (!Number.isInteger(id) || id <= 0)
        throw new UsageError('Give the number of the station to revoke (see "smsdesk mailbox station list").');
      const revoked = await revokeStation(store.db, id);
      if (values.json) io.stdout(`${JSON.stringify({ id, revoked })}\n`);
      else io.stdout(revoked ? `Station ${id} revoked.\n` : `No active station ${id}.\n`);
      return revoked ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
