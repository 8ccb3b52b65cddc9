import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db';
import { MIGRATIONS } from './index';

describe('migration 007 (mailbox reach)', () => {
  it('migrates a version-6 database with contacts to 7, keeping them, and keeps one answer per account and number', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 6, MIGRATIONS);
    const contact = db.prepare(`INSERT INTO contacts (uid, display_name, created_at, updated_at) VALUES ('k1', 'Bea', 0, 0) RETURNING id`);
    const { id } = contact.get() as { id: number };
    db.prepare(`INSERT INTO contact_addresses (contact_id, address, kind, raw) VALUES (?, '+491555000020', 'mobile', 'x')`).run(id);
    expect(migrate(db, 7, MIGRATIONS)).toBe(7);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare(`SELECT address FROM contact_addresses`).pluck().all()).toEqual(['+491555000020']);

    const insert = db.prepare(`INSERT INTO mailbox_reach (account, address, registered, checked_at) VALUES (?, ?, ?, 1)`);
    insert.run('+491555000010', '+491555000020', 1);
    expect(() => insert.run('+491555000010', '+491555000020', 0)).toThrow(/UNIQUE/);
    expect(() => insert.run('+491555000010', '+491555000030', 2)).toThrow(/CHECK/);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT registered FROM mailbox_reach WHERE account = ? AND address = ?`).all('a', 'b') as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING PRIMARY KEY/);
  });
});
