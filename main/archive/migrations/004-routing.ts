import type { Migration } from './types';

/**
 * Multi-modem routing and the keyset lists (see main/archive/README.md):
 *
 * - `outbox_jobs.status_report`: whether this message asks the network for a status report
 *   (TS 23.040 §9.2.3.5, TP-SRR). 1 yes, 0 no, NULL the sending station's own setting (a
 *   message queued by `smsdesk send` without --report / --no-report). It belongs to the job:
 *   it tells the sender how to send, like `modem_id` and `max_attempts`.
 * - `messages_status_recent`: messages by status, newest first. Every status belongs to one
 *   direction (the CHECK on messages), so "incoming" and "outgoing" pages merge the few
 *   status runs of that direction; one index serves both filters.
 * - `outbox_jobs_state_recent`: outbox jobs by state, newest first, the same way.
 * - `outbox_jobs_pinned`: queued jobs only one modem may send, so a station finds the ones
 *   waiting for a modem it does not drive without walking every due job.
 */
export const migration004: Migration = {
  version: 4,
  name: 'routing',
  up(db) {
    db.exec(`
ALTER TABLE outbox_jobs ADD COLUMN status_report INTEGER CHECK (status_report IS NULL OR status_report IN (0, 1));

CREATE INDEX messages_status_recent ON messages(status, sort_at, id);
CREATE INDEX outbox_jobs_state_recent ON outbox_jobs(state, created_at, id);
CREATE INDEX outbox_jobs_pinned ON outbox_jobs(modem_id, not_before) WHERE state = 'queued' AND modem_id IS NOT NULL;
`);
  },
};
