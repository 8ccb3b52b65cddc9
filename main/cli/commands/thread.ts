import { parseArgs } from 'node:util';
import { threadWith } from '../../station/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { DB_OPTION_HELP, messageJson, messageLine, withArchive } from './archive-db';
import { parseLimit } from './inbox';

export const threadCommand: Command = {
  path: ['thread'],
  summary: 'Show the conversation with one number, oldest first',
  help: `Usage: smsdesk thread NUMBER [--limit N] [--db FILE] [--json]

Shows the messages to and from NUMBER (as you would type it: +491701234567 or a
national number), oldest first.

Options:
  --limit N      The newest N messages (default 200)
${DB_OPTION_HELP}
  --json         One JSON object: {peer, messages: [...]}
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { limit: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('Give one number, e.g. smsdesk thread +491701234567.');
    const number = positionals[0]!;
    const limit = parseLimit(values.limit, 200);
    return withArchive(values.db, (archive) => {
      const messages = threadWith(archive, number, limit);
      if (values.json) io.stdout(`${JSON.stringify({ peer: archive.addresses.normalise(number), messages: messages.map(messageJson) })}\n`);
      else if (messages.length === 0) io.stdout(`No messages with ${number}.\n`);
      else for (const m of messages) io.stdout(`${messageLine(m)}\n`);
      return 0;
    });
  },
};
