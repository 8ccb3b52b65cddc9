import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './db';
import { ArchiveError } from './errors';
import { MIGRATIONS, type Migration } from './migrations';
import { tempDir } from './test-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function tmpFile(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return join(t.dir, 'archive.sqlite');
}

describe('openDatabase', () => {
  it('opens a file in WAL mode with foreign keys and a busy timeout, at the latest version', () => {
    const db = openDatabase(tmpFile(), { busyTimeoutMs: 1234 });
    cleanups.push(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  });

  it('reopens an up-to-date archive without running migrations again', () => {
    const file = tmpFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  });

  it('refuses an archive written by a newer SMSDesk', () => {
    const file = tmpFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'ARCHIVE_SCHEMA_TOO_NEW' }));
  });

  it('reports a native module that cannot be loaded as ARCHIVE_OPEN', () => {
    let error: unknown;
    try {
      openDatabase(':memory:', { nativeBinding: '/nonexistent/better_sqlite3.node' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).code).toBe('ARCHIVE_OPEN');
  });
});

describe('migrate', () => {
  const good: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE one (x INTEGER) STRICT') };
  const bad: Migration = {
    version: 2,
    name: 'two',
    up: (db) => {
      db.exec('CREATE TABLE two (x INTEGER)');
      db.exec('THIS IS NOT SQL');
    },
  };

  it('stops at the last good version and rolls the failed step back, with context', () => {
    const db = new Database(':memory:');
    let error: unknown;
    try {
      migrate(db, undefined, [good, bad]);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'ARCHIVE_MIGRATION' });
    expect((error as Error).message).toMatch(/^Migration 2 \(two\) failed: /);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['one']);
  });

  it('migrates only up to a target version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 1, [good, bad])).toBe(1);
  });

  it('refuses a migration list with a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, undefined, [{ ...good, version: 2 }])).toThrow(/missing or out of order/);
  });

  it('numbers every shipped migration 1, 2, 3, … in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
