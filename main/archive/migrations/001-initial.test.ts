import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db';
import { MIGRATIONS } from './index';

/** Version 0 is a database SMSDesk never wrote to; it may still hold someone else's table. */
function databaseAtVersion0(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept')`);
  return db;
}

describe('migration 001 (initial)', () => {
  it('migrates a version-0 database to 1 and leaves foreign data alone', () => {
    const db = databaseAtVersion0();
    expect(migrate(db, 1, MIGRATIONS)).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare('SELECT text FROM notes').pluck().get()).toBe('kept');
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts_%' ORDER BY name`).pluck().all();
    expect(tables).toEqual([
      'contact_addresses',
      'contacts',
      'contacts_fts',
      'conversations',
      'events',
      'group_members',
      'groups',
      'inbound_groups',
      'leases',
      'messages',
      'messages_fts',
      'modems',
      'notes',
      'outbox_jobs',
      'parts',
      'routes',
      'settings',
    ]);
  });

  it('keeps conversation counters and the search index in step through its triggers', () => {
    const db = databaseAtVersion0();
    migrate(db, 1, MIGRATIONS);
    db.prepare(`INSERT INTO conversations (id, uid, channel, peer, created_at) VALUES (1, 'c1', 'sms', '+491701234567', 0)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (uid, conversation_id, channel, direction, peer, body, status, read, created_at, sort_at)
       VALUES (?, 1, 'sms', ?, '+491701234567', ?, ?, ?, ?, ?)`,
    );
    insert.run('m1', 'in', 'first hello', 'received', 0, 100, 100);
    insert.run('m2', 'out', 'second reply', 'queued', 1, 200, 200);
    insert.run('m3', 'in', 'older one', 'received', 0, 50, 50);
    const conv = () => db.prepare(`SELECT message_count, unread, last_message_at, snippet FROM conversations WHERE id = 1`).get();
    expect(conv()).toEqual({ message_count: 3, unread: 2, last_message_at: 200, snippet: 'second reply' });
    db.prepare(`UPDATE messages SET read = 1 WHERE uid = 'm1'`).run();
    expect(conv()).toMatchObject({ unread: 1 });
    db.prepare(`DELETE FROM messages WHERE uid = 'm2'`).run();
    expect(conv()).toEqual({ message_count: 2, unread: 1, last_message_at: 100, snippet: 'first hello' });
    const hits = () => db.prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?`).pluck().all('hello');
    expect(hits()).toHaveLength(1);
    db.prepare(`UPDATE messages SET body = 'goodbye' WHERE uid = 'm1'`).run();
    expect(hits()).toHaveLength(0);
    expect(db.prepare(`SELECT snippet FROM conversations WHERE id = 1`).pluck().get()).toBe('goodbye');
    // The external-content index agrees with its table.
    db.prepare(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`).run();
  });

  it('enforces the rules the stores rely on', () => {
    const db = databaseAtVersion0();
    migrate(db, 1, MIGRATIONS);
    db.prepare(`INSERT INTO conversations (id, uid, channel, peer, created_at) VALUES (1, 'c1', 'sms', 'X', 0)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (uid, conversation_id, channel, direction, peer, body, status, created_at, sort_at)
       VALUES (?, ?, 'sms', ?, 'X', 'b', ?, 0, 0)`,
    );
    // An incoming message cannot carry an outgoing status.
    expect(() => insert.run('a', 1, 'in', 'queued')).toThrow(/CHECK constraint/);
    // A message needs its conversation.
    expect(() => insert.run('b', 99, 'in', 'received')).toThrow(/FOREIGN KEY/);
    // TP-MR is one byte.
    insert.run('c', 1, 'out', 'sent');
    expect(() => db.prepare(`INSERT INTO parts (message_id, seq, tp_mr, status) VALUES (1, 1, 256, 'sent')`).run()).toThrow(/CHECK/);
  });
});
