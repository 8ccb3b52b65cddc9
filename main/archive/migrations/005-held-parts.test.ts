import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db';
import { MIGRATIONS } from './index';

/** A version-4 archive with one received SMS (its group, part and message). */
function databaseAtVersion4(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 4, MIGRATIONS);
  db.prepare(`INSERT INTO modems (id, imei, first_seen_at, last_seen_at) VALUES (1, '356938035643809', 0, 0)`).run();
  db.prepare(`INSERT INTO conversations (id, uid, channel, peer, created_at) VALUES (1, 'c1', 'sms', '+491701234567', 0)`).run();
  db.prepare(
    `INSERT INTO messages (id, uid, conversation_id, channel, direction, peer, body, status, created_at, sort_at)
     VALUES (1, 'm1', 1, 'sms', 'in', '+491701234567', 'ok', 'received', 100, 100)`,
  ).run();
  db.prepare(
    `INSERT INTO inbound_groups (id, modem_id, originator, total, first_part_at, last_part_at, message_id, complete)
     VALUES (1, 1, '+491701234567', 1, 100, 100, 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO parts (id, message_id, group_id, seq, pdu, pdu_hash, text, status, modem_id, received_at)
     VALUES (1, 1, 1, 1, x'0011', x'aa', 'ok', 'received', 1, 100)`,
  ).run();
  return db;
}

const insertPart = (db: Database.Database, id: number, heldAt: string | null) =>
  db
    .prepare(
      `INSERT INTO parts (id, group_id, seq, pdu, pdu_hash, text, status, modem_id, received_at, held_at)
       VALUES (?, ?, 1, x'0011', x'aa', 'ok', 'received', 1, 200, ?)`,
    )
    .run(id, id, heldAt);

describe('migration 005 (held parts)', () => {
  it('migrates a version-4 database with a received part to 5: the part is kept and counts as gone from the modem', () => {
    const db = databaseAtVersion4();
    // At 4 a second part with the same PDU is refused: the hash was unique.
    expect(() =>
      db.prepare(`INSERT INTO parts (group_id, seq, pdu_hash, status, modem_id) VALUES (1, 2, x'aa', 'received', 1)`).run(),
    ).toThrow(/UNIQUE constraint failed: parts.pdu_hash/);
    expect(migrate(db, 5, MIGRATIONS)).toBe(5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare(`SELECT id, message_id, text, held_at FROM parts`).all()).toEqual([
      { id: 1, message_id: 1, text: 'ok', held_at: null },
    ]);
    expect(db.prepare(`SELECT body, status FROM messages`).get()).toEqual({ body: 'ok', status: 'received' });
  });

  it('lets two parts have identical PDUs, and finds the held ones by modem and place', () => {
    const db = databaseAtVersion4();
    migrate(db, 5, MIGRATIONS);
    db.prepare(`DELETE FROM parts`).run();
    db.prepare(
      `INSERT INTO inbound_groups (id, modem_id, originator, total, first_part_at, last_part_at) VALUES (2, 1, '+491701234567', 1, 200, 200)`,
    ).run();
    insertPart(db, 1, null);
    insertPart(db, 2, 'SM:3');
    expect(db.prepare(`SELECT id FROM parts WHERE pdu_hash = x'aa' ORDER BY id`).pluck().all()).toEqual([1, 2]);
    const plan = (sql: string, ...params: unknown[]) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
    expect(plan(`SELECT id FROM parts WHERE pdu_hash = ? AND modem_id = ?`, Buffer.alloc(32), 1)).toContain(
      'USING INDEX parts_pdu_hash (pdu_hash=?)',
    );
    expect(plan(`UPDATE parts SET held_at = NULL WHERE modem_id = ? AND held_at = ?`, 1, 'SM:3')).toContain(
      'USING INDEX parts_held (modem_id=? AND held_at=?)',
    );
  });
});
