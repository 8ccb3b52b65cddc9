import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db';
import { MIGRATIONS } from './index';

describe('migration 006 (contacts by name)', () => {
  it('migrates a version-5 database with contacts to 6, keeping them, and the contact list walks the new index', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 5, MIGRATIONS);
    const insert = db.prepare(`INSERT INTO contacts (uid, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)`);
    insert.run('k1', 'bob');
    insert.run('k2', 'Anna');
    expect(migrate(db, 6, MIGRATIONS)).toBe(6);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare(`SELECT display_name FROM contacts ORDER BY display_name COLLATE NOCASE, id`).pluck().all()).toEqual(['Anna', 'bob']);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM contacts k
         WHERE k.display_name >= ? COLLATE NOCASE AND (k.display_name > ? COLLATE NOCASE OR k.id > ?)
         ORDER BY k.display_name COLLATE NOCASE, k.id LIMIT 100`,
      )
      .all('Anna', 'Anna', 2) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX contacts_by_name/);
  });
});
