import type { Migration } from './types';

/**
 * Lets an import batch take over the two per-row AFTER INSERT triggers on messages (the
 * full-text index and the conversation summary) and do their work once per batch, in the same
 * transaction (see main/archive/bulk-load.ts and the README).
 *
 * `bulk_load` holds a row only inside an import batch's own transaction: the batch inserts it
 * first and deletes it before COMMIT, so no other connection ever sees it and every commit
 * leaves the search index and the summaries exactly in step. FTS5 writes its pending terms as
 * a new segment at every statement savepoint, which each INSERT into messages opens: indexed
 * from a trigger, every message is a one-row segment to merge. One INSERT … SELECT per batch
 * writes one segment instead.
 */
export const migration002: Migration = {
  version: 2,
  name: 'bulk-import',
  up(db) {
    db.exec(`
-- At most one row; after_id is the largest messages.id when the batch began.
CREATE TABLE bulk_load (
  active   INTEGER PRIMARY KEY CHECK (active = 1),
  after_id INTEGER NOT NULL
) STRICT;

DROP TRIGGER messages_conversation_ai;
CREATE TRIGGER messages_conversation_ai AFTER INSERT ON messages
  WHEN NOT EXISTS (SELECT 1 FROM bulk_load) BEGIN
  UPDATE conversations SET
    message_count   = message_count + 1,
    unread          = unread + (NEW.direction = 'in' AND NEW.read = 0),
    last_message_id = CASE WHEN NEW.sort_at >= last_message_at THEN NEW.id ELSE last_message_id END,
    snippet         = CASE WHEN NEW.sort_at >= last_message_at THEN substr(NEW.body, 1, 200) ELSE snippet END,
    last_message_at = max(last_message_at, NEW.sort_at)
  WHERE id = NEW.conversation_id;
END;

DROP TRIGGER messages_fts_ai;
CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages
  WHEN NOT EXISTS (SELECT 1 FROM bulk_load) BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (NEW.id, NEW.body);
END;
`);
  },
};
