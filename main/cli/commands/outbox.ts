import { parseArgs } from 'node:util';
import type { JobState } from '../../archive/index';
import { outboxEntries } from '../../station/index';
import type { Command } from '../command';
import { DB_OPTION_HELP, formatTime, messageJson, messageLine, withArchive } from './archive-db';
import { parseLimit } from './inbox';
import { UsageError } from '../io';

const STATES: readonly JobState[] = ['queued', 'claimed', 'done', 'failed', 'unconfirmed', 'cancelled'];

export const outboxCommand: Command = {
  path: ['outbox'],
  summary: 'List outgoing messages and where each one is (queued, sent, delivered, failed …)',
  help: `Usage: smsdesk outbox [--state STATE] [--limit N] [--db FILE] [--json]

Lists what was queued for sending, newest first, with its status: queued (waiting
for a station, or for the modem it must go through), sending, sent, delivered,
failed (with the reason), or unconfirmed (it may or may not have gone out; it is
not sent again by itself).

Options:
  --state STATE  Only jobs in this state: ${STATES.join(', ')}
  --limit N      How many (default 50)
${DB_OPTION_HELP}
  --json         One JSON object: {messages: [{..., job: {state, attempts, notBefore, lastError}}]}
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { state: { type: 'string' }, limit: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    const limit = parseLimit(values.limit);
    const state = values.state;
    if (state !== undefined && !STATES.includes(state as JobState)) throw new UsageError(`--state is one of ${STATES.join(', ')}.`);
    return withArchive(values.db, (archive) => {
      const entries = outboxEntries(archive, limit, state as JobState | undefined);
      if (values.json) {
        const messages = entries.map(({ message, job }) => ({
          ...messageJson(message),
          job: {
            state: job.state,
            attempts: job.attempts,
            maxAttempts: job.maxAttempts,
            notBefore: new Date(job.notBefore).toISOString(),
            lastError: job.lastError,
            modemId: job.modemId,
            statusReport: job.statusReport,
          },
        }));
        io.stdout(`${JSON.stringify({ messages })}\n`);
        return 0;
      }
      if (entries.length === 0) io.stdout(state === undefined ? 'The outbox is empty.\n' : `Nothing ${state} in the outbox.\n`);
      for (const { message, job } of entries) {
        io.stdout(`${messageLine(message)}\n`);
        if (message.statusReason) io.stdout(`      ${message.statusReason}\n`);
        else if (job.state === 'queued' && job.notBefore > Date.now()) io.stdout(`      not before ${formatTime(job.notBefore)}\n`);
      }
      return 0;
    });
  },
};
