import { parseArgs } from 'node:util';
import { recentMessages } from '../../station/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { DB_OPTION_HELP, messageJson, messageLine, withArchive } from './archive-db';

export function parseLimit(value: string | undefined, fallback = 50): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new UsageError('--limit must be a number from 1 to 10000.');
  return n;
}

export const inboxCommand: Command = {
  path: ['inbox'],
  summary: 'List received messages from the archive, newest first',
  help: `Usage: smsdesk inbox [--limit N] [--db FILE] [--json]

Lists the messages the station received, newest first.

Options:
  --limit N      How many (default 50)
${DB_OPTION_HELP}
  --json         One JSON object: {messages: [...]}
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { limit: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    const limit = parseLimit(values.limit);
    return withArchive(values.db, (archive) => {
      const messages = recentMessages(archive, { direction: 'in', limit });
      if (values.json) io.stdout(`${JSON.stringify({ messages: messages.map(messageJson) })}\n`);
      else if (messages.length === 0) io.stdout('No messages received yet.\n');
      else for (const m of messages) io.stdout(`${messageLine(m)}\n`);
      return 0;
    });
  },
};
