import { parseArgs } from 'node:util';
import { outboxEntries } from '../../station/index';
import type { Command } from '../command';
import { DB_OPTION_HELP, formatTime, messageJson, messageLine, withArchive } from './archive-db';
import { parseLimit } from './inbox';

export const outboxCommand: Command = {
  path: ['outbox'],
  summary: 'List outgoing messages and where each one is (queued, sent, delivered, failed …)',
  help: `Usage: smsdesk outbox [--limit N] [--db FILE] [--json]

Lists outgoing messages, newest first, with their status: queued (waiting for a
station), sending, sent, delivered, failed (with the reason), or unconfirmed (it
may or may not have gone out; it is not sent again by itself).

Options:
  --limit N      How many (default 50)
${DB_OPTION_HELP}
  --json         One JSON object: {messages: [{..., job: {state, attempts, notBefore, lastError}}]}
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
      const entries = outboxEntries(archive, limit);
      if (values.json) {
        const messages = entries.map(({ message, job }) => ({
          ...messageJson(message),
          job: job
            ? {
                state: job.state,
                attempts: job.attempts,
                maxAttempts: job.maxAttempts,
                notBefore: new Date(job.notBefore).toISOString(),
                lastError: job.lastError,
              }
            : null,
        }));
        io.stdout(`${JSON.stringify({ messages })}\n`);
        return 0;
      }
      if (entries.length === 0) io.stdout('The outbox is empty.\n');
      for (const { message, job } of entries) {
        io.stdout(`${messageLine(message)}\n`);
        if (message.statusReason) io.stdout(`      ${message.statusReason}\n`);
        else if (job?.state === 'queued' && job.notBefore > Date.now()) io.stdout(`      not before ${formatTime(job.notBefore)}\n`);
      }
      return 0;
    });
  },
};
