import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db';
import { MIGRATIONS } from './index';

/** A version-3 archive with an outgoing message, its job, and a received message. */
function databaseAtVersion3(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 3, MIGRATIONS);
  db.prepare(`INSERT INTO conversations (id, uid, channel, peer, created_at) VALUES (1, 'c1', 'sms', '+491701234567', 0)`).run();
  const insert = db.prepare(
    `INSERT INTO messages (id, uid, conversation_id, channel, direction, peer, body, status, read, created_at, sort_at)
     VALUES (?, ?, 1, 'sms', ?, '+491701234567', ?, ?, 1, ?, ?)`,
  );
  insert.run(1, 'm1', 'in', 'hello', 'received', 100, 100);
  insert.run(2, 'm2', 'out', 'reply', 'queued', 200, 200);
  db.prepare(
    `INSERT INTO outbox_jobs (id, message_id, state, not_before, created_at, updated_at) VALUES (1, 2, 'queued', 200, 200, 200)`,
  ).run();
  return db;
}

const indexes = (db: Database.Database) =>
  db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?, ?) ORDER BY name`)
    .pluck()
    .all('messages_status_recent', 'outbox_jobs_pinned', 'outbox_jobs_state_recent');

describe('migration 004 (routing)', () => {
  it('migrates a version-3 database with messages and a job to 4, keeping them; the job follows its station', () => {
    const db = databaseAtVersion3();
    expect(indexes(db)).toEqual([]);
    expect(migrate(db, 4, MIGRATIONS)).toBe(4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT id, status FROM messages ORDER BY id`).all()).toEqual([
      { id: 1, status: 'received' },
      { id: 2, status: 'queued' },
    ]);
    // A job queued before 004 made no choice: the sending station's setting holds.
    expect(db.prepare(`SELECT state, status_report FROM outbox_jobs`).get()).toEqual({ state: 'queued', status_report: null });
    expect(indexes(db)).toEqual(['messages_status_recent', 'outbox_jobs_pinned', 'outbox_jobs_state_recent']);
  });

  it('keeps a status-report choice to yes, no or the station’s', () => {
    const db = databaseAtVersion3();
    migrate(db, 4, MIGRATIONS);
    const set = db.prepare(`UPDATE outbox_jobs SET status_report = ? WHERE id = 1`);
    for (const ok of [0, 1, null]) expect(() => set.run(ok)).not.toThrow();
    expect(() => set.run(2)).toThrow(/CHECK/);
    expect(() => set.run('yes')).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
