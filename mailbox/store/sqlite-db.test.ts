import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_GROUP_COMMIT, SqliteDb } from './sqlite-db';

describe('SQLite group commit', () => {
  let dir: string;
  let db: SqliteDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smsdesk-group-'));
    db = new SqliteDb(join(dir, 'g.sqlite'));
    await db.run('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (k: string, v: number) =>
    db.transaction(async (tx) => (await tx.run('INSERT INTO t (k, v) VALUES ($1, $2)', [k, v])).changes);

  it('answers every concurrent transaction and carries them in fewer commits', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => insert(`k${i}`, i)));
    expect(results).toEqual(new Array(200).fill(1));
    expect((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM t'))?.n).toBe(200);
    expect(db.groupCommit.units).toBe(200);
    // 200 asked in one turn: batches of at most MAX_GROUP_COMMIT.
    expect(db.groupCommit.commits).toBe(Math.ceil(200 / MAX_GROUP_COMMIT));
  });

  it('rolls back only the unit that failed; the rest of its batch commits', async () => {
    const outcomes = await Promise.allSettled([
      insert('a', 1),
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (k, v) VALUES ($1, $2)', ['b', 2]);
        throw new Error('refused halfway');
      }),
      insert('a', 3), // a unique violation inside the batch
      insert('c', 4),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(await db.all('SELECT k, v FROM t ORDER BY k')).toEqual([
      { k: 'a', v: 1 },
      { k: 'c', v: 4 },
    ]);
    expect(db.groupCommit.commits).toBe(1);
  });

  it('lets a unit see the earlier units of its batch (they commit together)', async () => {
    const first = insert('x', 1);
    const second = db.transaction(async (tx) => (await tx.one<{ v: number }>('SELECT v FROM t WHERE k = $1', ['x']))?.v);
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(db.groupCommit.commits).toBe(1);
  });

  it('runs transactions still waiting when closed', async () => {
    const late = insert('late', 1);
    await db.close();
    await expect(late).resolves.toBe(1);
    db = new SqliteDb(join(dir, 'g.sqlite'));
    expect(await db.one('SELECT k FROM t')).toEqual({ k: 'late' });
  });
});

describe('SQLite placeholders', () => {
  let dir: string;
  let db: SqliteDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smsdesk-bind-'));
    db = new SqliteDb(join(dir, 'b.sqlite'));
    await db.run('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds $n in order, repeated, and out of order to the same values', async () => {
    await db.run('INSERT INTO t (k, v) VALUES ($1, $2)', ['in-order', 1]);
    await db.run('INSERT INTO t (v, k) VALUES ($2, $1)', ['out-of-order', 2]);
    await db.run('INSERT INTO t (k, v) SELECT $1, $2 WHERE $2 > 0', ['repeated', 3]);
    await db.run('INSERT INTO t (k, v) SELECT $1, $2 WHERE $2 > 0', ['refused', -1]);
    expect(await db.all('SELECT k, v FROM t ORDER BY v')).toEqual([
      { k: 'in-order', v: 1 },
      { k: 'out-of-order', v: 2 },
      { k: 'repeated', v: 3 },
    ]);
    // A value that is text stays text: nothing is spliced into the SQL.
    await db.run('INSERT INTO t (k, v) VALUES ($1, $2)', ["x'); DROP TABLE t; --", 4]);
    expect(await db.one('SELECT k FROM t WHERE v = $1', [4])).toEqual({ k: "x'); DROP TABLE t; --" });
  });

  it('refuses too few values, whichever way the statement binds', async () => {
    await expect(db.run('INSERT INTO t (k, v) VALUES ($1, $2)', ['only-one'])).rejects.toThrow();
    await expect(db.run('INSERT INTO t (v, k) VALUES ($2, $1)', ['only-one'])).rejects.toThrow();
    expect(await db.all('SELECT k FROM t')).toEqual([]);
  });
});
