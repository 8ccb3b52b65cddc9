import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackends } from '../test/backends';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

describe('PostgreSQL statements', () => {
  it('prepares a statement with values once per connection, and leaves statements without values unnamed', async () => {
    const db = await backends.fresh('pg');
    await db.run('CREATE TABLE t (k TEXT PRIMARY KEY, v BIGINT NOT NULL)');
    const prepared = await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.run('INSERT INTO t (k, v) VALUES ($1, $2)', [`k${i}`, i]);
      await tx.all('SELECT k FROM t');
      return tx.all<{ statement: string }>("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'smsdesk_%'");
    });
    // One named statement on this connection for three inserts; the reads without values are not named.
    expect(prepared).toEqual([{ statement: 'INSERT INTO t (k, v) VALUES ($1, $2)' }]);
    expect(await db.all('SELECT k, v FROM t WHERE v >= $1 ORDER BY v', [1])).toEqual([
      { k: 'k1', v: 1 },
      { k: 'k2', v: 2 },
    ]);
  });

  it('still binds values, never splices them, through a named statement', async () => {
    const db = await backends.fresh('pg');
    await db.run('CREATE TABLE t (k TEXT PRIMARY KEY)');
    const hostile = "x'); DROP TABLE t; --";
    await db.run('INSERT INTO t (k) VALUES ($1)', [hostile]);
    await db.run('INSERT INTO t (k) VALUES ($1)', ['second']);
    expect(await db.all('SELECT k FROM t ORDER BY k')).toEqual([{ k: 'second' }, { k: hostile }]);
  });
});
