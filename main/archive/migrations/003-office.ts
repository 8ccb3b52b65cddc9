import type { Migration } from './types';

/**
 * Office features: bulk sends and automatic rules (main/archive/bulk-jobs.ts, rules.ts; the
 * reasons are in main/archive/README.md).
 *
 * A bulk job keeps every recipient with its merged text, so a station that restarts goes on
 * where the last one stopped. Recipients reach the outbox a few at a time (`window`), so a
 * pause can take back what no station has claimed yet and nothing more goes out.
 *
 * Rules answer incoming messages and calls. `rule_hits` is the ledger of every automatic
 * message: the per-number cap counts it, so two stations answering each other stop after a
 * few messages instead of looping.
 */
export const migration003: Migration = {
  version: 3,
  name: 'office',
  up(db) {
    db.exec(`
CREATE TABLE bulk_jobs (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  -- Where the recipients came from, in words ("group Customers", "file list.csv").
  source      TEXT NOT NULL,
  template    TEXT NOT NULL,
  flash       INTEGER NOT NULL DEFAULT 0 CHECK (flash IN (0, 1)),
  -- Messages of this job waiting unclaimed in the outbox at most.
  window_size INTEGER NOT NULL CHECK (window_size BETWEEN 1 AND 1000),
  state       TEXT NOT NULL CHECK (state IN ('running', 'paused', 'cancelled', 'done')),
  -- Rows of the source left out because they had errors (bad number, empty field).
  skipped     INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE INDEX bulk_jobs_running ON bulk_jobs(id) WHERE state = 'running';

CREATE TABLE bulk_recipients (
  id         INTEGER PRIMARY KEY,
  bulk_id    INTEGER NOT NULL REFERENCES bulk_jobs(id) ON DELETE CASCADE,
  -- Line of the CSV file (header = 1) or position in the group.
  row_no     INTEGER NOT NULL,
  -- The uid the outbox message gets: queueing it twice queues it once.
  uid        TEXT NOT NULL UNIQUE,
  peer       TEXT NOT NULL,
  body       TEXT NOT NULL,
  encoding   TEXT NOT NULL CHECK (encoding IN ('gsm7', 'ucs2', 'binary')),
  part_count INTEGER NOT NULL CHECK (part_count BETWEEN 1 AND 255),
  -- pending: not handed to the outbox yet; queued: handed over (message_id says how it went).
  state      TEXT NOT NULL CHECK (state IN ('pending', 'queued', 'cancelled')),
  message_id INTEGER UNIQUE REFERENCES messages(id) ON DELETE SET NULL,
  CHECK (state <> 'pending' OR message_id IS NULL)
) STRICT;
CREATE INDEX bulk_recipients_next ON bulk_recipients(bulk_id, state, row_no, id);

CREATE TABLE rules (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('auto-reply', 'forward', 'missed-call')),
  -- First word of the incoming text, compared case-insensitively; NULL: any text.
  keyword     TEXT,
  -- JSON array of normalised numbers the rule listens to; NULL: anyone.
  senders     TEXT CHECK (senders IS NULL OR (json_valid(senders) AND json_type(senders) = 'array')),
  forward_to  TEXT,
  -- The reply, or the status text for a missed call.
  text        TEXT,
  flash       INTEGER NOT NULL DEFAULT 0 CHECK (flash IN (0, 1)),
  reject_call INTEGER NOT NULL DEFAULT 0 CHECK (reject_call IN (0, 1)),
  -- Automatic messages to one number in the last hour (every rule's count) at most.
  per_hour    INTEGER NOT NULL CHECK (per_hour BETWEEN 1 AND 1000),
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at  INTEGER NOT NULL,
  CHECK ((kind = 'forward') = (forward_to IS NOT NULL)),
  CHECK ((kind = 'forward') = (text IS NULL)),
  CHECK (kind <> 'missed-call' OR keyword IS NULL),
  CHECK (kind = 'missed-call' OR reject_call = 0)
) STRICT;

CREATE TABLE rule_hits (
  id                 INTEGER PRIMARY KEY,
  rule_id            INTEGER REFERENCES rules(id) ON DELETE SET NULL,
  -- The incoming message that triggered it; NULL for a call.
  trigger_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  trigger_peer       TEXT NOT NULL,
  -- Whom the automatic message is for.
  peer               TEXT NOT NULL,
  -- queued: the message went to the outbox; capped: the per-number limit held it back.
  outcome            TEXT NOT NULL CHECK (outcome IN ('queued', 'capped')),
  message_id         INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  at                 INTEGER NOT NULL
) STRICT;
-- The per-number cap: automatic messages to a number since a time.
CREATE INDEX rule_hits_peer ON rule_hits(peer, at) WHERE outcome = 'queued';
-- A message handed over twice (or completed late) triggers each rule once.
CREATE UNIQUE INDEX rule_hits_trigger ON rule_hits(rule_id, trigger_message_id) WHERE trigger_message_id IS NOT NULL;
CREATE INDEX rule_hits_recent ON rule_hits(at);
`);
  },
};
