import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db';
import { MIGRATIONS } from './index';

function databaseAtVersion2(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 2, MIGRATIONS);
  db.prepare(`INSERT INTO conversations (id, uid, channel, peer, created_at) VALUES (1, 'c1', 'sms', '+491701234567', 0)`).run();
  db.prepare(
    `INSERT INTO messages (uid, conversation_id, channel, direction, peer, body, status, read, created_at, sort_at)
     VALUES ('m1', 1, 'sms', 'in', '+491701234567', 'INFO please', 'received', 0, 100, 100)`,
  ).run();
  db.prepare(`INSERT INTO contacts (id, uid, display_name, created_at, updated_at) VALUES (1, 'k1', 'Anna', 0, 0)`).run();
  db.prepare(`INSERT INTO groups (id, uid, name, created_at) VALUES (1, 'g1', 'Customers', 0)`).run();
  db.prepare(`INSERT INTO group_members (group_id, contact_id) VALUES (1, 1)`).run();
  return db;
}

const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail)
    .join('\n');

describe('migration 003 (office: bulk sends and rules)', () => {
  it('migrates a version-2 database with messages, contacts and groups to 3, keeping them', () => {
    const db = databaseAtVersion2();
    expect(migrate(db, 3, MIGRATIONS)).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare(`SELECT body, status FROM messages`).all()).toEqual([{ body: 'INFO please', status: 'received' }]);
    expect(db.prepare(`SELECT count(*) FROM group_members`).pluck().get()).toBe(1);
    for (const table of ['bulk_jobs', 'bulk_recipients', 'rules', 'rule_hits']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });

  it('keeps a bulk job and its recipients, and a recipient cannot be pending with a message', () => {
    const db = databaseAtVersion2();
    migrate(db, 3, MIGRATIONS);
    db.prepare(
      `INSERT INTO bulk_jobs (id, uid, name, source, template, window_size, state, created_at, updated_at)
       VALUES (1, 'b1', 'May', 'group Customers', 'Hi {name}', 2, 'running', 0, 0)`,
    ).run();
    const recipient = db.prepare(
      `INSERT INTO bulk_recipients (bulk_id, row_no, uid, peer, body, encoding, part_count, state, message_id) VALUES (1, ?, ?, ?, 'Hi', 'gsm7', 1, ?, ?)`,
    );
    recipient.run(1, 'r1', '+491701234567', 'pending', null);
    expect(() => recipient.run(2, 'r2', '+491701234568', 'pending', 1)).toThrow(/CHECK/);
    expect(() => recipient.run(3, 'r3', '+491701234569', 'sent', null)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO bulk_jobs (uid, name, source, template, window_size, state, created_at, updated_at) VALUES ('b2', 'x', 'x', 'x', 0, 'running', 0, 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    // Deleting a job deletes its recipients.
    db.prepare(`DELETE FROM bulk_jobs WHERE id = 1`).run();
    expect(db.prepare(`SELECT count(*) FROM bulk_recipients`).pluck().get()).toBe(0);
  });

  it('holds rules to their kind: forward rules have a target and no text, missed-call rules no keyword', () => {
    const db = databaseAtVersion2();
    migrate(db, 3, MIGRATIONS);
    const insert = db.prepare(
      `INSERT INTO rules (uid, kind, keyword, senders, forward_to, text, reject_call, per_hour, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 3, 0)`,
    );
    insert.run('a', 'auto-reply', 'INFO', null, null, 'Open 9 to 5', 0);
    insert.run('b', 'forward', null, '["+491701234567"]', '+491709999999', null, 0);
    insert.run('c', 'missed-call', null, null, null, 'In a meeting', 1);
    expect(() => insert.run('d', 'forward', null, null, null, 'x', 0)).toThrow(/CHECK/);
    expect(() => insert.run('e', 'auto-reply', null, null, '+491709999999', 'x', 0)).toThrow(/CHECK/);
    expect(() => insert.run('f', 'missed-call', 'INFO', null, null, 'x', 0)).toThrow(/CHECK/);
    expect(() => insert.run('g', 'auto-reply', null, 'not json', null, 'x', 0)).toThrow(/CHECK/);
    expect(() => insert.run('h', 'auto-reply', null, '{"a":1}', null, 'x', 0)).toThrow(/CHECK/);
    expect(() => insert.run('i', 'auto-reply', null, null, null, 'x', 1)).toThrow(/CHECK/);
  });

  it('answers the per-number cap and the duplicate check from their indexes', () => {
    const db = databaseAtVersion2();
    migrate(db, 3, MIGRATIONS);
    expect(plan(db, `SELECT count(*) FROM rule_hits WHERE peer = ? AND at > ? AND outcome = 'queued'`, '+49', 0)).toContain(
      'USING COVERING INDEX rule_hits_peer',
    );
    expect(plan(db, `SELECT id FROM rule_hits WHERE rule_id = ? AND trigger_message_id = ?`, 1, 1)).toContain('rule_hits_trigger');
    expect(plan(db, `SELECT * FROM bulk_recipients WHERE bulk_id = ? AND state = 'pending' ORDER BY row_no, id LIMIT ?`, 1, 2)).toMatch(
      /USING INDEX bulk_recipients_next \(bulk_id=\? AND state=\?\)$/,
    );
  });
});
