import type { Migration } from './types';

/**
 * The first archive schema. Times are INTEGER milliseconds since the Unix epoch (UTC);
 * booleans are INTEGER 0/1; every table is STRICT so a wrong type fails loudly. The
 * reasons for each table are in main/archive/README.md.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE modems (
  id              INTEGER PRIMARY KEY,
  imei            TEXT UNIQUE,
  iccid           TEXT,
  imsi            TEXT,
  own_number      TEXT,
  manufacturer    TEXT,
  model           TEXT,
  label           TEXT,
  -- Sends per minute this modem may make; NULL means the station default.
  rate_per_minute INTEGER CHECK (rate_per_minute IS NULL OR rate_per_minute > 0),
  first_seen_at   INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  CHECK (imei IS NOT NULL OR iccid IS NOT NULL)
) STRICT;
CREATE INDEX modems_iccid ON modems(iccid) WHERE iccid IS NOT NULL;

-- One row per port or modem a process holds; a process takes a lease before it opens a port,
-- so a CLI and a running station never drive the same modem.
CREATE TABLE leases (
  resource   TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

-- Which modem sends to which numbers: the lowest priority whose prefix matches wins.
CREATE TABLE routes (
  id       INTEGER PRIMARY KEY,
  priority INTEGER NOT NULL,
  prefix   TEXT NOT NULL DEFAULT '',
  modem_id INTEGER NOT NULL REFERENCES modems(id) ON DELETE CASCADE
) STRICT;
CREATE INDEX routes_order ON routes(priority, id);

CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  uid          TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  organization TEXT,
  note         TEXT,
  -- Hash of what an import saw, so importing the same card twice adds nothing.
  import_key   INTEGER UNIQUE,
  server_id    TEXT,
  revision     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX contacts_server_id ON contacts(server_id) WHERE server_id IS NOT NULL;

CREATE TABLE contact_addresses (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  address    TEXT NOT NULL,
  kind       TEXT NOT NULL DEFAULT 'other',
  raw        TEXT NOT NULL,
  PRIMARY KEY (contact_id, address)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_addresses_address ON contact_addresses(address);

CREATE TABLE groups (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE group_members (
  group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_contact ON group_members(contact_id);

CREATE TABLE conversations (
  id              INTEGER PRIMARY KEY,
  uid             TEXT NOT NULL UNIQUE,
  channel         TEXT NOT NULL CHECK (channel IN ('sms', 'mailbox')),
  peer            TEXT NOT NULL,
  title           TEXT,
  -- Kept by the message triggers below: the list never scans messages.
  last_message_at INTEGER NOT NULL DEFAULT 0,
  last_message_id INTEGER,
  snippet         TEXT NOT NULL DEFAULT '',
  unread          INTEGER NOT NULL DEFAULT 0,
  message_count   INTEGER NOT NULL DEFAULT 0,
  server_id       TEXT,
  revision        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  UNIQUE (channel, peer)
) STRICT;
CREATE INDEX conversations_recent ON conversations(last_message_at, id);
CREATE UNIQUE INDEX conversations_server_id ON conversations(server_id) WHERE server_id IS NOT NULL;

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  uid             TEXT NOT NULL UNIQUE,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  channel         TEXT NOT NULL CHECK (channel IN ('sms', 'mailbox')),
  direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  peer            TEXT NOT NULL,
  modem_id        INTEGER REFERENCES modems(id) ON DELETE SET NULL,
  body            TEXT NOT NULL,
  subject         TEXT,
  encoding        TEXT CHECK (encoding IS NULL OR encoding IN ('gsm7', 'ucs2', 'binary')),
  part_count      INTEGER NOT NULL DEFAULT 1 CHECK (part_count BETWEEN 1 AND 255),
  parts_received  INTEGER,
  status          TEXT NOT NULL CHECK (status IN (
                    'incomplete', 'received',
                    'draft', 'queued', 'sending', 'sent', 'unconfirmed', 'delivered', 'failed', 'cancelled')),
  status_reason   TEXT,
  read            INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
  flash           INTEGER NOT NULL DEFAULT 0 CHECK (flash IN (0, 1)),
  sc_address      TEXT,
  sc_at           INTEGER,
  sent_at         INTEGER,
  delivered_at    INTEGER,
  received_at     INTEGER,
  created_at      INTEGER NOT NULL,
  -- The time a thread is ordered by: service-centre time for incoming, queue time for outgoing.
  sort_at         INTEGER NOT NULL,
  origin          TEXT NOT NULL DEFAULT 'station' CHECK (origin IN ('station', 'import', 'sync')),
  server_id       TEXT,
  revision        INTEGER NOT NULL DEFAULT 0,
  CHECK ((direction = 'in') = (status IN ('incomplete', 'received')))
) STRICT;
CREATE INDEX messages_thread ON messages(conversation_id, sort_at, id);
CREATE UNIQUE INDEX messages_server_id ON messages(server_id) WHERE server_id IS NOT NULL;

-- A multi-part SMS on its way in, keyed as TS 23.040 §9.2.3.24.1 allows: the receiving modem,
-- the originator, the concatenation reference and the part count. complete = 0 rows are open.
CREATE TABLE inbound_groups (
  id            INTEGER PRIMARY KEY,
  modem_id      INTEGER NOT NULL REFERENCES modems(id),
  originator    TEXT NOT NULL,
  concat_ref    INTEGER,
  total         INTEGER NOT NULL CHECK (total BETWEEN 1 AND 255),
  first_part_at INTEGER NOT NULL,
  last_part_at  INTEGER NOT NULL,
  message_id    INTEGER UNIQUE REFERENCES messages(id) ON DELETE SET NULL,
  complete      INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))
) STRICT;
CREATE INDEX inbound_groups_open ON inbound_groups(modem_id, originator, concat_ref, total) WHERE complete = 0;
CREATE INDEX inbound_groups_waiting ON inbound_groups(first_part_at) WHERE complete = 0 AND message_id IS NULL;

CREATE TABLE parts (
  id            INTEGER PRIMARY KEY,
  message_id    INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  group_id      INTEGER REFERENCES inbound_groups(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 255),
  pdu           BLOB,
  pdu_hash      BLOB,
  text          TEXT,
  encoding      TEXT CHECK (encoding IS NULL OR encoding IN ('gsm7', 'ucs2', 'binary')),
  sc_address    TEXT,
  flash         INTEGER NOT NULL DEFAULT 0 CHECK (flash IN (0, 1)),
  tp_mr         INTEGER CHECK (tp_mr IS NULL OR tp_mr BETWEEN 0 AND 255),
  status        TEXT NOT NULL CHECK (status IN ('received', 'pending', 'sent', 'unconfirmed', 'delivered', 'failed')),
  status_reason TEXT,
  modem_id      INTEGER REFERENCES modems(id) ON DELETE SET NULL,
  sc_at         INTEGER,
  received_at   INTEGER,
  submitted_at  INTEGER,
  delivered_at  INTEGER,
  CHECK (message_id IS NOT NULL OR group_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX parts_message_seq ON parts(message_id, seq) WHERE message_id IS NOT NULL;
CREATE UNIQUE INDEX parts_group_seq ON parts(group_id, seq) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX parts_pdu_hash ON parts(pdu_hash) WHERE pdu_hash IS NOT NULL;
CREATE INDEX parts_tp_mr ON parts(tp_mr, submitted_at) WHERE tp_mr IS NOT NULL;
-- Per-modem rate limit: parts a modem submitted in the last minute.
CREATE INDEX parts_modem_submitted ON parts(modem_id, submitted_at) WHERE submitted_at IS NOT NULL;

CREATE TABLE outbox_jobs (
  id            INTEGER PRIMARY KEY,
  message_id    INTEGER NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
  state         TEXT NOT NULL CHECK (state IN ('queued', 'claimed', 'done', 'failed', 'unconfirmed', 'cancelled')),
  not_before    INTEGER NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  max_attempts  INTEGER NOT NULL DEFAULT 5,
  modem_id      INTEGER REFERENCES modems(id) ON DELETE SET NULL,
  claimed_by    TEXT,
  claimed_until INTEGER,
  last_error    TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_jobs_due ON outbox_jobs(not_before, id) WHERE state = 'queued';
CREATE INDEX outbox_jobs_claimed ON outbox_jobs(claimed_until) WHERE state = 'claimed';

CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('message-status', 'part-status', 'job-state')),
  message_id  INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  part_id     INTEGER REFERENCES parts(id) ON DELETE CASCADE,
  job_id      INTEGER REFERENCES outbox_jobs(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status   TEXT NOT NULL,
  detail      TEXT
) STRICT;
CREATE INDEX events_message ON events(message_id, id) WHERE message_id IS NOT NULL;
CREATE INDEX events_part ON events(part_id) WHERE part_id IS NOT NULL;
CREATE INDEX events_job ON events(job_id) WHERE job_id IS NOT NULL;

-- Conversation counters and the last message follow the messages table.
CREATE TRIGGER messages_conversation_ai AFTER INSERT ON messages BEGIN
  UPDATE conversations SET
    message_count   = message_count + 1,
    unread          = unread + (NEW.direction = 'in' AND NEW.read = 0),
    last_message_id = CASE WHEN NEW.sort_at >= last_message_at THEN NEW.id ELSE last_message_id END,
    snippet         = CASE WHEN NEW.sort_at >= last_message_at THEN substr(NEW.body, 1, 200) ELSE snippet END,
    last_message_at = max(last_message_at, NEW.sort_at)
  WHERE id = NEW.conversation_id;
END;

CREATE TRIGGER messages_conversation_read AFTER UPDATE OF read ON messages
  WHEN NEW.direction = 'in' AND OLD.read <> NEW.read BEGIN
  UPDATE conversations SET unread = unread + (CASE WHEN NEW.read = 1 THEN -1 ELSE 1 END)
  WHERE id = NEW.conversation_id;
END;

CREATE TRIGGER messages_conversation_au AFTER UPDATE OF body, sort_at ON messages BEGIN
  UPDATE conversations SET
    last_message_id = (SELECT id FROM messages WHERE conversation_id = NEW.conversation_id ORDER BY sort_at DESC, id DESC LIMIT 1),
    last_message_at = coalesce((SELECT sort_at FROM messages WHERE conversation_id = NEW.conversation_id ORDER BY sort_at DESC, id DESC LIMIT 1), 0),
    snippet = coalesce((SELECT substr(body, 1, 200) FROM messages WHERE conversation_id = NEW.conversation_id ORDER BY sort_at DESC, id DESC LIMIT 1), '')
  WHERE id = NEW.conversation_id;
END;

CREATE TRIGGER messages_conversation_ad AFTER DELETE ON messages BEGIN
  UPDATE conversations SET
    message_count   = message_count - 1,
    unread          = unread - (OLD.direction = 'in' AND OLD.read = 0),
    last_message_id = (SELECT id FROM messages WHERE conversation_id = OLD.conversation_id ORDER BY sort_at DESC, id DESC LIMIT 1),
    last_message_at = coalesce((SELECT sort_at FROM messages WHERE conversation_id = OLD.conversation_id ORDER BY sort_at DESC, id DESC LIMIT 1), 0),
    snippet = coalesce((SELECT substr(body, 1, 200) FROM messages WHERE conversation_id = OLD.conversation_id ORDER BY sort_at DESC, id DESC LIMIT 1), '')
  WHERE id = OLD.conversation_id;
END;

-- Full-text search over bodies and contact names. External content: the text is stored once,
-- in messages/contacts, and the triggers keep the index in step.
CREATE VIRTUAL TABLE messages_fts USING fts5(
  body, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);
END;
CREATE TRIGGER messages_fts_au AFTER UPDATE OF body ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);
  INSERT INTO messages_fts(rowid, body) VALUES (NEW.id, NEW.body);
END;

CREATE VIRTUAL TABLE contacts_fts USING fts5(
  display_name, organization, content = 'contacts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_fts(rowid, display_name, organization) VALUES (NEW.id, NEW.display_name, NEW.organization);
END;
CREATE TRIGGER contacts_fts_ad AFTER DELETE ON contacts BEGIN
  INSERT INTO contacts_fts(contacts_fts, rowid, display_name, organization)
    VALUES ('delete', OLD.id, OLD.display_name, OLD.organization);
END;
CREATE TRIGGER contacts_fts_au AFTER UPDATE OF display_name, organization ON contacts BEGIN
  INSERT INTO contacts_fts(contacts_fts, rowid, display_name, organization)
    VALUES ('delete', OLD.id, OLD.display_name, OLD.organization);
  INSERT INTO contacts_fts(rowid, display_name, organization) VALUES (NEW.id, NEW.display_name, NEW.organization);
END;
`);
  },
};
