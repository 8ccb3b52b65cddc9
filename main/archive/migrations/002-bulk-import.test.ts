import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db';
import { MIGRATIONS } from './index';

function databaseAtVersion1(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 1, MIGRATIONS);
  db.prepare(`INSERT INTO conversations (id, uid, channel, peer, created_at) VALUES (1, 'c1', 'sms', '+491701234567', 0)`).run();
  insert(db, 'm1', 'in', 'first hello', 'received', 100);
  insert(db, 'm2', 'out', 'second reply', 'sent', 200);
  return db;
}

function insert(db: Database.Database, uid: string, direction: string, body: string, status: string, at: number): void {
  db.prepare(
    `INSERT INTO messages (uid, conversation_id, channel, direction, peer, body, status, read, created_at, sort_at)
     VALUES (?, 1, 'sms', ?, '+491701234567', ?, ?, 0, ?, ?)`,
  ).run(uid, direction, body, status, at, at);
}

const summary = (db: Database.Database) =>
  db.prepare(`SELECT message_count, unread, last_message_id, last_message_at, snippet FROM conversations WHERE id = 1`).get();
const hits = (db: Database.Database, word: string) =>
  db.prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid`).pluck().all(word);
const integrityCheck = (db: Database.Database) =>
  db.prepare(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`).run();

describe('migration 002 (bulk import)', () => {
  it('migrates a version-1 database with messages to 2, keeping them, their summary and their index', () => {
    const db = databaseAtVersion1();
    const before = summary(db);
    expect(migrate(db, 2, MIGRATIONS)).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(summary(db)).toEqual(before);
    expect(hits(db, 'hello')).toEqual([1]);
    integrityCheck(db);
    expect(db.prepare(`SELECT count(*) FROM bulk_load`).pluck().get()).toBe(0);
  });

  it('keeps the per-row triggers for every insert made outside a bulk load', () => {
    const db = databaseAtVersion1();
    migrate(db, 2, MIGRATIONS);
    insert(db, 'm3', 'in', 'third hello', 'received', 300);
    expect(summary(db)).toEqual({ message_count: 3, unread: 2, last_message_id: 3, last_message_at: 300, snippet: 'third hello' });
    expect(hits(db, 'hello')).toEqual([1, 3]);
    integrityCheck(db);
  });

  it('pauses the insert triggers only while the bulk_load row exists, which a batch never commits', () => {
    const db = databaseAtVersion1();
    migrate(db, 2, MIGRATIONS);
    const before = summary(db);
    db.transaction(() => {
      db.prepare(`INSERT INTO bulk_load (active, after_id) SELECT 1, max(id) FROM messages`).run();
      insert(db, 'm3', 'in', 'third hello', 'received', 300);
      expect(summary(db)).toEqual(before);
      expect(hits(db, 'third')).toEqual([]);
      db.prepare(`INSERT INTO messages_fts(rowid, body) SELECT id, body FROM messages WHERE id > (SELECT after_id FROM bulk_load)`).run();
      db.prepare(`DELETE FROM bulk_load`).run();
    })();
    expect(hits(db, 'third')).toEqual([3]);
    integrityCheck(db);
    // Only one bulk load at a time.
    db.prepare(`INSERT INTO bulk_load (active, after_id) VALUES (1, 0)`).run();
    expect(() => db.prepare(`INSERT INTO bulk_load (active, after_id) VALUES (1, 0)`).run()).toThrow(/UNIQUE/);
  });
});
